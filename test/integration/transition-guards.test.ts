import { describe, expect, it } from 'vitest';
import type { Session } from '../../src-main/app/session';
import type { NotificationRequest } from '../../src-main/notifications/notification-port';
import { openApp } from '../../src-main/app/open-app';
import { EnvSecretStore } from '../../src-main/app/secrets';
import { MemorySettingsStore } from '../../src-main/app/settings';
import { count, createDemoRecord, demo, manualClock, type TestApp, useTestApps, value } from './helpers/test-app';
import { call } from './helpers/typed-dispatch';

const { tempDir, open } = useTestApps();

/** An app whose notification port records what is published, and whether a transaction was open. */
function openRecording() {
  const published: (NotificationRequest & { inTransaction: boolean })[] = [];
  let app: TestApp | null = null;
  app = openApp({
    dataDir: tempDir(),
    settings: new MemorySettingsStore({ language: 'da' }),
    secrets: new EnvSecretStore({}),
    transport: 'cli',
    clock: manualClock(),
    notifications: { publish: (req) => published.push({ ...req, inTransaction: app!.services.db.inTransaction }) },
  });
  const opened = app;
  return { app: opened, published, close: () => opened.close() };
}

const NO_FAILED = 'no_failed_status_action';

/** Guards the "Send til underskrift" transition and makes entering "Under behandling" fail permanently. */
async function guardedWithFailedAction(app: TestApp, session: Session) {
  const { status, workflow } = demo(app);
  const transition = workflow.transitions.find((t) => t.fromStatusId === status('Under behandling').id && t.toStatusId === status('Afventer underskrift').id)!;
  value(await call(app, 'saveTransition', { id: transition.id, workflowId: workflow.id, fromStatusId: transition.fromStatusId, toStatusId: transition.toStatusId, label: transition.label, guards: [NO_FAILED] }, session));
  // "abc" is no amount: the job fails with a validation error, which never heals by retrying.
  value(await call(app, 'saveStatusAction', { statusId: status('Under behandling').id, type: 'set_field', name: 'Sæt beløb', params: { fieldKey: 'beloeb', value: 'abc' }, enabled: true, sortOrder: 3 }, session));
  const record = await createDemoRecord(app, session);
  let current = value(await call(app, 'changeStatus', { id: record.id, version: record.version, toStatusId: status('Under behandling').id, comment: '' }, session));
  await app.services.jobs.runDue();
  current = value(await call(app, 'getRecord', { id: record.id }, session));
  const failedJob = app.services.db.prepare("SELECT id FROM jobs WHERE record_id = ? AND status = 'failed'").get(record.id) as { id: number };
  return { record: current, failedJob, target: status('Afventer underskrift') };
}

describe('transition guards', () => {
  it('lists the shipped guard and refuses an unknown one on a transition', async () => {
    const app = open();
    const session = demo(app).adminSession();
    expect(value(await call(app, 'listGuardTypes', {}, session)).map((g) => g.type)).toContain(NO_FAILED);
    const { workflow } = demo(app);
    const t = workflow.transitions[0]!;
    const result = await call(app, 'saveTransition', { id: t.id, workflowId: workflow.id, fromStatusId: t.fromStatusId, toStatusId: t.toStatusId, label: t.label, guards: ['no_such_guard'] }, session);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('a permanent failure publishes status_action_failed to the responsibles in the failure’s transaction, and shows on the record', async () => {
    const { app, published } = openRecording();
    const session = demo(app).adminSession();
    const { record, failedJob } = await guardedWithFailedAction(app, session);
    // Status actions that assign responsibles publish too; the failure must be there exactly once.
    const failures = published.filter((p) => p.kind === 'status_action_failed');
    expect(failures).toEqual([
      expect.objectContaining({ kind: 'status_action_failed', recordId: record.id, toRecordResponsibles: true, inTransaction: true }),
    ]);
    expect(failures[0]?.message).toContain('Sæt beløb');
    expect(record.jobs.find((j) => j.id === failedJob.id)).toMatchObject({ status: 'failed', actionName: 'Sæt beløb' });
  });

  it('refuses a guarded transition with the reason and a link, changes nothing; an admin override with a reason is audited', async () => {
    const { app } = openRecording();
    const session = demo(app).adminSession();
    const { record, failedJob, target } = await guardedWithFailedAction(app, session);

    const preview = value(await call(app, 'previewStatusChange', { id: record.id, toStatusId: target.id }, session));
    expect(preview.guardFailures).toEqual([{ type: NO_FAILED, reason: expect.stringContaining('"Sæt beløb" er fejlet'), link: { kind: 'job', id: failedJob.id } }]);

    const historyBefore = count(app.services.db, 'status_history', 'record_id = ?', record.id);
    const refused = await call(app, 'changeStatus', { id: record.id, version: record.version, toStatusId: target.id, comment: '' }, session);
    expect(refused).toMatchObject({ ok: false, error: { code: 'guard_failed' } });
    if (!refused.ok) {
      expect(refused.error.message).toContain('Sæt beløb');
      expect(refused.error.fieldErrors?.[0]).toMatchObject({ key: 'guard_failed', params: { linkKind: 'job', linkId: failedJob.id } });
    }
    expect(count(app.services.db, 'status_history', 'record_id = ?', record.id)).toBe(historyBefore);

    // A caseworker who is not an administrator may not override.
    const caseworker: Session = { userId: demo(app).user('Jens Nielsen').id };
    const notAdmin = await call(app, 'changeStatusOverridingGuards', { id: record.id, version: record.version, toStatusId: target.id, comment: '', reason: 'Borgeren har ringet' }, caseworker);
    expect(notAdmin).toMatchObject({ ok: false, error: { code: 'not_allowed' } });
    // The reason is mandatory.
    const noReason = await call(app, 'changeStatusOverridingGuards', { id: record.id, version: record.version, toStatusId: target.id, comment: '', reason: '  ' }, session);
    expect(noReason).toMatchObject({ ok: false, error: { code: 'invalid_input' } });

    const moved = value(
      await call(app, 'changeStatusOverridingGuards', { id: record.id, version: record.version, toStatusId: target.id, comment: '', reason: 'Beløbet aftalt pr. telefon med 010190-1234' }, session),
    );
    expect(moved.statusId).toBe(target.id);
    const audit = app.services.db.prepare("SELECT user_id, details FROM audit_log WHERE record_id = ? AND action = 'record.guard_overridden'").all(record.id) as { user_id: number; details: string }[];
    expect(audit).toHaveLength(1);
    expect(audit[0]?.user_id).toBe(demo(app).admin.id);
    const details = JSON.parse(audit[0]!.details) as { guards: string[]; overrideReason: string };
    expect(details.guards).toEqual([NO_FAILED]);
    expect(details.overrideReason).toContain('Beløbet aftalt');
    expect(details.overrideReason).not.toContain('010190-1234');
  });

  it('an unguarded transition and a guard that passes let the record move', async () => {
    const app = open({ clock: manualClock() });
    const session = demo(app).adminSession();
    const { status, workflow } = demo(app);
    const t = workflow.transitions.find((x) => x.fromStatusId === status('Modtaget').id && x.toStatusId === status('Under behandling').id)!;
    value(await call(app, 'saveTransition', { id: t.id, workflowId: workflow.id, fromStatusId: t.fromStatusId, toStatusId: t.toStatusId, label: t.label, guards: [NO_FAILED] }, session));
    const record = await createDemoRecord(app, session);
    const preview = value(await call(app, 'previewStatusChange', { id: record.id, toStatusId: status('Under behandling').id }, session));
    expect(preview.guardFailures).toEqual([]);
    value(await call(app, 'changeStatus', { id: record.id, version: record.version, toStatusId: status('Under behandling').id, comment: '' }, session));
  });

  it('timings and guards travel with the workspace file', async () => {
    const app = open();
    const session = demo(app).adminSession();
    const { status, workflow, field } = demo(app);
    const t = workflow.transitions[0]!;
    value(await call(app, 'saveTransition', { id: t.id, workflowId: workflow.id, fromStatusId: t.fromStatusId, toStatusId: t.toStatusId, label: t.label, guards: [NO_FAILED] }, session));
    value(
      await call(app, 'saveStatusAction',
        { statusId: status('Afventer underskrift').id, type: 'set_field', name: 'Rykker før frist', params: { fieldKey: 'beskrivelse', value: 'rykker' }, enabled: true, sortOrder: 2, timing: { trigger: 'delay', delayMs: -7 * 86_400_000, delayFrom: 'field', delayFieldId: field('frist').id } },
        session,
      ),
    );
    const { json } = value(await call(app, 'exportWorkspace', {}, session));
    const other = open({ seedDemo: false });
    const firstUser = other.services.users.saveUser({ name: 'Admin', initials: 'AD', email: '', isAdmin: true, groupIds: [] });
    value(await call(other, 'importWorkspace', { json }, { userId: firstUser.id }));
    const ws = other.services.workspace.snapshot();
    const wf = ws.workflows.find((w) => w.name === workflow.name)!;
    const action = wf.statuses.flatMap((s) => s.actions).find((a) => a.name === 'Rykker før frist');
    expect(action?.timing).toEqual({ trigger: 'delay', delayMs: -7 * 86_400_000, delayFrom: 'field', delayFieldId: ws.fieldsByKey.get('frist')!.id });
    expect(wf.transitions.filter((x) => x.guards?.includes(NO_FAILED))).toHaveLength(1);
  });

  it('fixing the cause and retrying the failed status action lets the record move on', async () => {
    const app = open({ clock: manualClock() });
    const session = demo(app).adminSession();
    const { status, workflow, field } = demo(app);
    const t = workflow.transitions.find((x) => x.fromStatusId === status('Under behandling').id && x.toStatusId === status('Afventer underskrift').id)!;
    value(await call(app, 'saveTransition', { id: t.id, workflowId: workflow.id, fromStatusId: t.fromStatusId, toStatusId: t.toStatusId, label: t.label, guards: [NO_FAILED] }, session));
    // "Fysioterapi" is not (yet) one of the field's choices: the action fails.
    value(await call(app, 'saveStatusAction', { statusId: status('Under behandling').id, type: 'set_field', name: 'Sæt type', params: { fieldKey: 'ansoegningstype', value: 'Fysioterapi' }, enabled: true, sortOrder: 3 }, session));
    const record = await createDemoRecord(app, session);
    value(await call(app, 'changeStatus', { id: record.id, version: record.version, toStatusId: status('Under behandling').id, comment: '' }, session));
    await app.services.jobs.runDue();
    const failed = app.services.db.prepare("SELECT id FROM jobs WHERE record_id = ? AND status = 'failed'").get(record.id) as { id: number };
    expect(value(await call(app, 'previewStatusChange', { id: record.id, toStatusId: status('Afventer underskrift').id }, session)).guardFailures).toHaveLength(1);

    // A retry without fixing the cause fails again; the guard still refuses.
    value(await call(app, 'retryStatusAction', { jobId: failed.id }, session));
    await app.services.jobs.runDue();
    expect(value(await call(app, 'previewStatusChange', { id: record.id, toStatusId: status('Afventer underskrift').id }, session)).guardFailures).toHaveLength(1);
    // Retrying a job that has not failed is refused.
    expect(await call(app, 'retryStatusAction', { jobId: 999_999 }, session)).toMatchObject({ ok: false, error: { code: 'not_found' } });

    const choice = field('ansoegningstype');
    value(await call(app, 'saveField', { id: choice.id, key: choice.key, label: choice.label, type: choice.type, required: choice.required, options: [...choice.options, 'Fysioterapi'], role: choice.role, showInList: choice.showInList, sortOrder: choice.sortOrder }, session));
    const retried = value(await call(app, 'retryStatusAction', { jobId: failed.id }, session));
    expect(retried.jobs.find((j) => j.id === failed.id)?.status).toBe('queued');
    await app.services.jobs.runDue();
    const now = value(await call(app, 'getRecord', { id: record.id }, session));
    expect(now.jobs.find((j) => j.id === failed.id)).toMatchObject({ status: 'succeeded' });
    expect(value(await call(app, 'previewStatusChange', { id: record.id, toStatusId: status('Afventer underskrift').id }, session)).guardFailures).toEqual([]);
    const moved = value(await call(app, 'changeStatus', { id: record.id, version: now.version, toStatusId: status('Afventer underskrift').id, comment: '' }, session));
    expect(moved.statusId).toBe(status('Afventer underskrift').id);
    expect(count(app.services.db, 'audit_log', "record_id = ? AND action = 'record.status_action_retried'", record.id)).toBe(2);
  });
});
