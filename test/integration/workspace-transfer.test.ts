import { describe, expect, it } from 'vitest';
import type { Session } from '../../src-main/app/session';
import type { RecordDetail } from '../../src-main/contract';
import type { WorkspaceFile } from '../../src-main/workspace/workspace-file';
import { count, demo, type TestApp, useTestApps, value } from './helpers/test-app';

const { open } = useTestApps();

const exportFile = async (app: TestApp, session: Session): Promise<WorkspaceFile> =>
  JSON.parse((value(await app.dispatch('exportWorkspace', {}, session)) as { json: string }).json) as WorkspaceFile;

const withoutTime = ({ exportedAt: _at, ...rest }: WorkspaceFile) => rest;

/** A fresh, empty installation with one administrator and a group, so its ids differ from the source's. */
function freshApp(): { app: TestApp; admin: Session } {
  const app = open({ seedDemo: false });
  const other = app.services.users.saveGroup({ name: 'Andet hold' });
  app.services.users.saveGroup({ name: 'Endnu et hold' });
  const admin = app.services.users.saveUser({ name: 'Ny Admin', initials: 'NA', email: '', isAdmin: true, groupIds: [other.id] });
  return { app, admin: { userId: admin.id } };
}

const tableCounts = (app: TestApp) =>
  Object.fromEntries(
    ['users', 'groups', 'memberships', 'fields', 'workflows', 'statuses', 'transitions', 'status_actions', 'records'].map((t) => [
      t,
      count(app.services.db, t),
    ]),
  );

describe('export and import of the workspace definition', () => {
  it('reproduces fields, workflows, statuses, transitions and actions in a fresh database', async () => {
    const source = open({ seedDemo: true });
    const sourceAdmin = demo(source).adminSession();
    const file = await exportFile(source, sourceAdmin);
    expect(file.format).toBe('caseworker-workspace');
    expect(file.fields.map((f) => f.key)).toContain('cpr');

    const { app: target, admin } = freshApp();
    value(await target.dispatch('importWorkspace', { json: JSON.stringify(file) }, admin));
    const copy = await exportFile(target, admin);
    expect(copy.fields).toEqual(file.fields);
    expect(copy.workflows).toEqual(file.workflows);
    expect(copy.groups).toEqual(expect.arrayContaining(file.groups));
    const sorted = (users: WorkspaceFile['users']) => users.map((u) => ({ ...u, groups: [...u.groups].sort() }));
    expect(sorted(copy.users)).toEqual(expect.arrayContaining(sorted(file.users)));
    expect(count(target.services.db, 'records')).toBe(0);
  });

  it('remaps assign_responsible targets by name, not by id', async () => {
    const source = open({ seedDemo: true });
    const sourceAdmin = demo(source).adminSession();
    const sourceJens = demo(source).user('Jens Nielsen');
    source.services.workspace.saveStatusAction({
      statusId: demo(source).status('Afventer underskrift').id,
      type: 'assign_responsible',
      name: 'Til Jens',
      params: { fieldKey: 'sagsbehandler', targetId: sourceJens.id },
      enabled: true,
      sortOrder: 0,
    });
    const file = await exportFile(source, sourceAdmin);
    const sourceStatus = demo(source).status('Modtaget');
    const sourceAction = sourceStatus.actions[0];
    expect(sourceAction?.params).toEqual({ fieldKey: 'team', targetId: demo(source).group('Visitation').id });
    const portable = file.workflows.find((w) => w.name === 'Ansøgning om tilskud')?.statuses.find((s) => s.name === 'Modtaget')?.actions[0];
    expect(portable?.params).toEqual({ fieldKey: 'team', targetName: 'Visitation' });

    const { app: target, admin } = freshApp();
    value(await target.dispatch('importWorkspace', { json: JSON.stringify(file) }, admin));
    const visitation = demo(target).group('Visitation');
    expect(visitation.id).not.toBe(demo(source).group('Visitation').id);
    expect(demo(target).status('Modtaget').actions[0]?.params).toEqual({ fieldKey: 'team', targetId: visitation.id });
    expect(demo(target).status('Under behandling').actions[0]?.params).toEqual({
      fieldKey: 'team',
      targetId: demo(target).group('Sagsbehandling').id,
    });

    const targetJens = demo(target).user('Jens Nielsen');
    expect(targetJens.id).not.toBe(sourceJens.id);
    expect(demo(target).status('Afventer underskrift').actions[0]?.params).toEqual({ fieldKey: 'sagsbehandler', targetId: targetJens.id });

    // And it works: a record created in the imported workflow is assigned to the target's Visitation group.
    const record = value(
      await target.dispatch('createRecord', { workflowId: demo(target).workflow.id, values: { navn: 'Importeret' } }, admin),
    ) as RecordDetail;
    await target.services.jobs.runDue();
    expect((value(await target.dispatch('getRecord', { id: record.id }, admin)) as RecordDetail).responsibleGroupId).toBe(visitation.id);
  });

  it('importing the same file twice changes nothing the second time', async () => {
    const source = open({ seedDemo: true });
    const file = JSON.stringify(await exportFile(source, demo(source).adminSession()));
    const { app: target, admin } = freshApp();
    value(await target.dispatch('importWorkspace', { json: file }, admin));
    const once = withoutTime(await exportFile(target, admin));
    const counts = tableCounts(target);
    value(await target.dispatch('importWorkspace', { json: file }, admin));
    expect(withoutTime(await exportFile(target, admin))).toEqual(once);
    expect(tableCounts(target)).toEqual(counts);
  });
});

describe('importing an invalid file changes nothing', () => {
  const valid = async (): Promise<{ target: TestApp; admin: Session; file: WorkspaceFile }> => {
    const target = open({ seedDemo: true });
    const admin = demo(target).adminSession();
    const file = await exportFile(target, admin);
    return { target, admin, file };
  };

  const cases: [string, (file: WorkspaceFile) => string, string][] = [
    ['bad JSON', () => '{"format": "caseworker-workspace",', 'import_failed'],
    ['not an object', () => '[]', 'import_failed'],
    ['wrong format', (f) => JSON.stringify({ ...f, format: 'something-else' }), 'import_failed'],
    ['unknown version', (f) => JSON.stringify({ ...f, version: 2 }), 'import_failed'],
    ['unknown key', (f) => JSON.stringify({ ...f, extra: true }), 'import_failed'],
    [
      'an action referencing a missing field, after other changes',
      (f) => {
        const file = structuredClone(f);
        file.groups.push({ name: 'Ny gruppe fra fil' });
        file.fields.push({ ...(file.fields[0] as WorkspaceFile['fields'][number]), key: 'nyt_felt', role: null });
        const last = file.workflows.at(-1)?.statuses.at(-1);
        last?.actions.push({ type: 'set_field', name: 'bad', params: { fieldKey: 'findes_ikke', value: 'x' }, enabled: true, sortOrder: 0 });
        return JSON.stringify(file);
      },
      'import_failed',
    ],
    [
      'an assign_responsible target nobody is called',
      (f) => {
        const file = structuredClone(f);
        file.workflows[0]?.statuses[0]?.actions.push({
          type: 'assign_responsible',
          name: 'bad',
          params: { fieldKey: 'team', targetName: 'Ingen Sådan' },
          enabled: true,
          sortOrder: 0,
        });
        return JSON.stringify(file);
      },
      'import_failed',
    ],
    [
      'an unknown action type',
      (f) => {
        const file = structuredClone(f);
        file.workflows[0]?.statuses[0]?.actions.push({ type: 'digital_post', name: 'x', params: {}, enabled: true, sortOrder: 0 });
        return JSON.stringify(file);
      },
      'import_failed',
    ],
    [
      'a transition to a status that does not exist',
      (f) => {
        const file = structuredClone(f);
        file.workflows[0]?.transitions.push({ from: file.workflows[0]?.statuses[0]?.name ?? '', to: 'Findes ikke', label: '' });
        return JSON.stringify(file);
      },
      'import_failed',
    ],
    [
      'a field type change for a field with values',
      (f) => {
        const file = structuredClone(f);
        const beloeb = file.fields.find((x) => x.key === 'beloeb');
        if (beloeb) beloeb.type = 'date';
        file.groups.push({ name: 'Ny gruppe fra fil' });
        return JSON.stringify(file);
      },
      'not_allowed',
    ],
  ];

  it.each(cases)('%s', async (_name, make, code) => {
    const { target, admin, file } = await valid();
    const before = withoutTime(await exportFile(target, admin));
    const counts = tableCounts(target);
    const result = await target.dispatch('importWorkspace', { json: make(file) }, admin);
    expect(result).toMatchObject({ ok: false, error: { code } });
    // A refused import says why, as a reason the UI words in the administrator's language.
    if (code === 'import_failed' && !result.ok) expect(result.error.fieldErrors?.[0]?.key).toMatch(/^workspaceImport\./);
    expect(withoutTime(await exportFile(target, admin))).toEqual(before);
    expect(tableCounts(target)).toEqual(counts);
    // The cached definition was dropped too: the workspace still reads as before.
    expect(target.services.workspace.snapshot().fieldsByKey.has('nyt_felt')).toBe(false);
  });
});
