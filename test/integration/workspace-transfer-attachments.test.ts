import { describe, expect, it } from 'vitest';
import type { Session } from '../../src-main/app/session';
import { EXAMPLE_LETTER, type WorkspaceImportPreview } from '../../src-main/contract';
import { DIGITAL_POST_SETTINGS_KEY, digitalPostSettingsSchema } from '../../src-main/digital-post/settings';
import type { WorkspaceFile } from '../../src-main/workspace/workspace-file';
import { count, demo, type TestApp, useTestApps, value } from './helpers/test-app';

const { open } = useTestApps();

const exportFile = async (app: TestApp, session: Session): Promise<WorkspaceFile> =>
  JSON.parse((value(await app.dispatch('exportWorkspace', {}, session)) as { json: string }).json) as WorkspaceFile;

/**
 * The demo workspace (which ships the template "Afgørelse", a signature action
 * using it and the questionnaire "Ansøgning om tilskud") plus what a working
 * municipality adds: an action attaching the template, its own prices.
 */
function sourceWorkspace(): { app: TestApp; admin: Session } {
  const app = open({ seedDemo: true });
  const d = demo(app);
  const templateId = app.services.documents.templates.list().find((t) => t.name === 'Afgørelse')!.id;
  app.services.workspace.saveStatusAction({
    statusId: d.status('Afsluttet').id,
    type: 'send_digital_post',
    name: 'Send afgørelsen',
    params: { recipient: { mode: 'field', fieldKey: 'cpr' }, subject: 'Din afgørelse', body: 'Se vedhæftet.', attachTemplateIds: [templateId] },
    enabled: true,
    sortOrder: 1,
  });
  const dp = app.services.integrationSettings.read(DIGITAL_POST_SETTINGS_KEY, digitalPostSettingsSchema);
  app.services.integrationSettings.write(DIGITAL_POST_SETTINGS_KEY, digitalPostSettingsSchema, { ...dp, senderLabel: 'Aarhus Kommune', prices: { ...dp.prices, perMessageOre: 25 } });
  return { app, admin: d.adminSession() };
}

/** An empty installation whose template ids differ from the source's. */
function targetWorkspace(): { app: TestApp; admin: Session } {
  const app = open({ seedDemo: false });
  const user = app.services.users.saveUser({ name: 'Ny Admin', initials: 'NA', email: '', isAdmin: true, groupIds: [] });
  const local = { ...EXAMPLE_LETTER, title: 'Lokalt brev', letterhead: { ...EXAMPLE_LETTER.letterhead, recipientLines: [] }, blocks: [{ type: 'paragraph' as const, text: 'Hej' }] };
  app.services.documents.templates.save({ name: 'Lokal skabelon', definition: local }, user.id);
  return { app, admin: { userId: user.id } };
}

describe('the workspace file carries templates, questionnaires and integration settings', () => {
  it('exports them, with status actions naming their templates, and imports them where ids differ', async () => {
    const source = sourceWorkspace();
    const file = await exportFile(source.app, source.admin);
    expect(file.documentTemplates?.map((t) => t.name)).toEqual(['Afgørelse']);
    expect(file.questionnaires?.[0]).toMatchObject({ title: 'Ansøgning om tilskud', workflow: 'Ansøgning om tilskud', startStatus: 'Modtaget' });
    expect(file.integrationSettings?.[DIGITAL_POST_SETTINGS_KEY]).toMatchObject({ senderLabel: 'Aarhus Kommune' });
    const json = JSON.stringify(file);
    // No ids of the source installation travel, and no secrets.
    expect(json).not.toMatch(/"templateId"|"attachTemplateIds"/);
    const actions = file.workflows.flatMap((w) => w.statuses.flatMap((s) => s.actions));
    expect(actions.find((a) => a.type === 'request_signature')?.params).toMatchObject({ template: 'Afgørelse', signedStatus: 'Afsluttet' });
    expect(actions.find((a) => a.type === 'send_digital_post')?.params).toMatchObject({ attachTemplates: ['Afgørelse'] });

    const target = targetWorkspace();
    value(await target.app.dispatch('importWorkspace', { json }, target.admin));
    const imported = target.app.services.documents.templates.list().find((t) => t.name === 'Afgørelse');
    expect(imported).toBeDefined();
    const sourceId = source.app.services.documents.templates.list().find((t) => t.name === 'Afgørelse')?.id;
    expect(imported?.id).not.toBe(sourceId);
    const ws = target.app.services.workspace.snapshot();
    const signature = [...ws.actionsById.values()].find((a) => a.type === 'request_signature');
    expect(signature?.params.templateId).toBe(imported?.id);
    // The signed status is the target's own "Afsluttet", in the same workflow as the action.
    const signed = ws.statusesById.get(signature?.params.signedStatusId as number);
    expect(signed?.name).toBe('Afsluttet');
    expect(signed?.workflowId).toBe(ws.statusesById.get(signature?.statusId as number)?.workflowId);
    const letter = [...ws.actionsById.values()].find((a) => a.type === 'send_digital_post');
    expect(letter?.params.attachTemplateIds).toEqual([imported?.id]);
    const questionnaire = target.app.services.questionnaires.list(ws)[0];
    expect(questionnaire).toMatchObject({ title: 'Ansøgning om tilskud', mitidRequired: true, startStatusId: signed ? ws.workflows.find((w) => w.name === 'Ansøgning om tilskud')?.statuses.find((s) => s.name === 'Modtaget')?.id : -1 });
    const settings = target.app.services.integrationSettings.read(DIGITAL_POST_SETTINGS_KEY, digitalPostSettingsSchema);
    expect(settings.senderLabel).toBe('Aarhus Kommune');
    expect(settings.prices.perMessageOre).toBe(25);

    // Exported again from the target, the definition is the same.
    const again = await exportFile(target.app, target.admin);
    expect(again.workflows).toEqual(file.workflows);
    expect(again.questionnaires).toEqual(file.questionnaires);
    expect(again.documentTemplates?.find((t) => t.name === 'Afgørelse')).toEqual(file.documentTemplates?.[0]);
  });
});

describe('previewing an import', () => {
  it('lists what would be created or changed, changes nothing, and finds nothing left to do after the import', async () => {
    const source = sourceWorkspace();
    const json = JSON.stringify(await exportFile(source.app, source.admin));
    const target = targetWorkspace();
    const before = await exportFile(target.app, target.admin);
    const templatesBefore = count(target.app.services.db, 'document_templates');

    const preview = value(await target.app.dispatch('previewWorkspaceImport', { json }, target.admin)) as WorkspaceImportPreview;
    const names = (kind: string) => preview.changes.filter((c) => c.kind === kind).map((c) => `${c.change}:${c.name}`);
    expect(names('workflow')).toEqual(['new:Ansøgning om tilskud', 'new:Borgerhenvendelse']);
    expect(names('template')).toEqual(['new:Afgørelse']);
    expect(names('questionnaire')).toEqual(['new:Ansøgning om tilskud']);
    expect(names('user')).toHaveLength(4);
    expect(names('settings')).toContain(`changed:${DIGITAL_POST_SETTINGS_KEY}`);
    // Nothing was written.
    const { exportedAt: _a, ...unchanged } = await exportFile(target.app, target.admin);
    const { exportedAt: _b, ...original } = before;
    expect(unchanged).toEqual(original);
    expect(count(target.app.services.db, 'document_templates')).toBe(templatesBefore);

    value(await target.app.dispatch('importWorkspace', { json }, target.admin));
    const after = value(await target.app.dispatch('previewWorkspaceImport', { json }, target.admin)) as WorkspaceImportPreview;
    expect(after.changes).toEqual([]);
    expect(after.unchanged).toBeGreaterThan(0);
  });

  it('names the reason when the import would be refused, and changes nothing', async () => {
    const source = sourceWorkspace();
    const file = await exportFile(source.app, source.admin);
    const target = targetWorkspace();
    const withoutTemplates = JSON.stringify({ ...file, documentTemplates: [] });
    const refused = await target.app.dispatch('previewWorkspaceImport', { json: withoutTemplates }, target.admin);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.message).toContain('"Afgørelse"');
    expect(count(target.app.services.db, 'workflows')).toBe(0);

    // A file from before templates travelled names them by id: refused with that reason.
    const old = structuredClone(file);
    for (const w of old.workflows) for (const s of w.statuses) for (const a of s.actions) {
      if (a.type === 'request_signature') a.params = { ...a.params, template: undefined, templateId: 1 };
    }
    const byId = await target.app.dispatch('importWorkspace', { json: JSON.stringify(old) }, target.admin);
    expect(byId.ok).toBe(false);
    if (!byId.ok) expect(byId.error.message).toMatch(/by id/);
    expect(count(target.app.services.db, 'workflows')).toBe(0);
  });

  it('is for administrators only', async () => {
    const source = sourceWorkspace();
    const json = JSON.stringify(await exportFile(source.app, source.admin));
    const caseworker = demo(source.app).user('Jens Nielsen');
    const result = await source.app.dispatch('previewWorkspaceImport', { json }, { userId: caseworker.id });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('not_allowed');
  });
});
