import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Session } from '../../src-main/app/session';
import type { RecordDetail, StatusChangePreview } from '../../src-main/contract';
import { count, createDemoRecord, demo, manualClock, type TestApp, useTestApps, value } from './helpers/test-app';

const { open } = useTestApps();

let app: TestApp;
let session: Session;

beforeEach(() => {
  app = open({ seedDemo: true, clock: manualClock() });
  session = demo(app).adminSession();
});

const snapshotOf = (recordId: number) => ({
  record: app.services.db.prepare('SELECT status_id, version, updated_at FROM records WHERE id = ?').get(recordId),
  history: count(app.services.db, 'status_history', 'record_id = ?', recordId),
  audit: count(app.services.db, 'audit_log', 'record_id = ?', recordId),
  jobs: count(app.services.db, 'jobs'),
});

const change = (id: number, version: number, toStatusId: number, comment = '') =>
  app.dispatch('changeStatus', { id, version, toStatusId, comment }, session);

describe('changing status', () => {
  it('refuses a move the workflow does not allow and changes nothing', async () => {
    const { status } = demo(app);
    const record = await createDemoRecord(app, session);
    const before = snapshotOf(record.id);
    const result = await change(record.id, record.version, status('Afsluttet').id);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_transition' } });
    if (!result.ok) expect(result.error.message).toContain('"Modtaget"');
    expect(snapshotOf(record.id)).toEqual(before);
  });

  it('refuses a status of another workflow', async () => {
    const other = app.services.workspace.snapshot().workflows.find((w) => w.name === 'Borgerhenvendelse');
    const record = await createDemoRecord(app, session);
    const result = await change(record.id, record.version, other?.statuses[1]?.id ?? -1);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_transition' } });
  });

  it('refuses a stale version', async () => {
    const { status } = demo(app);
    const record = await createDemoRecord(app, session);
    value(await app.dispatch('updateRecord', { id: record.id, version: 1, values: { adresse: 'x' } }, session));
    const before = snapshotOf(record.id);
    expect(await change(record.id, 1, status('Under behandling').id)).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(snapshotOf(record.id)).toEqual(before);
  });

  it('writes history, audit and exactly one job per enabled action of the target status', async () => {
    const { status } = demo(app);
    const target = status('Under behandling');
    // Besides the demo's own action: one more enabled action and one disabled one.
    const extra = app.services.workspace.saveStatusAction({
      statusId: target.id, type: 'set_field', name: 'Ryd frist', params: { fieldKey: 'frist', value: null }, enabled: true, sortOrder: 5,
    });
    const disabled = app.services.workspace.saveStatusAction({
      statusId: target.id, type: 'set_field', name: 'Slået fra', params: { fieldKey: 'adresse', value: 'x' }, enabled: false, sortOrder: 6,
    });
    const enabledIds = app.services.workspace.snapshot().statusesById.get(target.id)?.actions.filter((a) => a.enabled).map((a) => a.id) ?? [];
    expect(enabledIds).toHaveLength(2);
    expect(enabledIds).toContain(extra.id);

    const record = await createDemoRecord(app, session);
    const jobsBefore = count(app.services.db, 'jobs');
    const after = value(await change(record.id, record.version, target.id, 'begynder')) as RecordDetail;
    expect(after.statusId).toBe(target.id);
    expect(after.version).toBe(record.version + 1);
    expect(after.history[0]).toMatchObject({ fromStatusId: record.statusId, toStatusId: target.id, userId: session.userId, comment: 'begynder' });
    expect(after.audit[0]).toMatchObject({ action: 'record.status_changed', details: { from: record.statusId, to: target.id } });
    expect(count(app.services.db, 'jobs')).toBe(jobsBefore + 2);

    const historyId = after.history[0]?.id;
    const jobs = app.services.db
      .prepare('SELECT action_id, status, status_history_id, idempotency_key FROM jobs WHERE record_id = ? AND status_history_id = ? ORDER BY action_id')
      .all(record.id, historyId) as { action_id: number; status: string; status_history_id: number; idempotency_key: string }[];
    expect(jobs.map((j) => j.action_id)).toEqual([...enabledIds].sort((a, b) => a - b));
    expect(jobs.map((j) => j.action_id)).not.toContain(disabled.id);
    for (const job of jobs) {
      expect(job.status).toBe('queued');
      expect(job.idempotency_key).toBe(`status-change:${historyId}:action:${job.action_id}`);
    }
    expect(after.nextStatusIds.sort()).toEqual([status('Afventer underskrift').id, status('Afvist').id].sort());
  });

  it('a status without actions writes no jobs', async () => {
    const { status } = demo(app);
    const record = await createDemoRecord(app, session);
    const moved = value(await change(record.id, 1, status('Under behandling').id)) as RecordDetail;
    const jobsBefore = count(app.services.db, 'jobs');
    value(await change(record.id, moved.version, status('Afventer underskrift').id));
    expect(count(app.services.db, 'jobs')).toBe(jobsBefore);
  });

  it('rolls back the status change when writing its jobs fails (one transaction)', async () => {
    const { status } = demo(app);
    const record = await createDemoRecord(app, session);
    app.services.db.exec("CREATE TRIGGER jobs_fail BEFORE INSERT ON jobs BEGIN SELECT RAISE(ABORT, 'disk full'); END");
    const before = snapshotOf(record.id);
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const result = await change(record.id, record.version, status('Under behandling').id);
    log.mockRestore();
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(snapshotOf(record.id)).toEqual(before);
  });

  it('rolls back when the second of two jobs fails: no first job, no history', async () => {
    const { status } = demo(app);
    const target = status('Under behandling');
    app.services.workspace.saveStatusAction({
      statusId: target.id, type: 'set_field', name: 'Second', params: { fieldKey: 'adresse', value: 'x' }, enabled: true, sortOrder: 9,
    });
    const record = await createDemoRecord(app, session);
    app.services.db.exec("CREATE TRIGGER second_job_fails BEFORE INSERT ON jobs WHEN NEW.name = 'Second' BEGIN SELECT RAISE(ABORT, 'boom'); END");
    const before = snapshotOf(record.id);
    expect(() =>
      app.services.statusChanges.change({ recordId: record.id, expectedVersion: record.version, toStatusId: target.id, comment: '', userId: session.userId }),
    ).toThrow('boom');
    expect(snapshotOf(record.id)).toEqual(before);
  });

  it('previews the enabled actions that will run, with descriptions in the UI language', async () => {
    const { status } = demo(app);
    const record = await createDemoRecord(app, session);
    const preview = value(await app.dispatch('previewStatusChange', { id: record.id, toStatusId: status('Under behandling').id }, session)) as StatusChangePreview;
    expect(preview).toMatchObject({ fromStatusId: record.statusId, allowed: true });
    expect(preview.actions).toEqual([
      expect.objectContaining({ type: 'assign_responsible', description: '"Sagsbehandling" becomes responsible in field "Team"' }),
    ]);
    const refused = value(await app.dispatch('previewStatusChange', { id: record.id, toStatusId: status('Afsluttet').id }, session)) as StatusChangePreview;
    expect(refused.allowed).toBe(false);
    app.services.config.settings.update({ language: 'da' });
    const danish = value(await app.dispatch('previewStatusChange', { id: record.id, toStatusId: status('Afsluttet').id }, session)) as StatusChangePreview;
    expect(danish.actions[0]?.description).toMatch(/^Feltet "Bevilget" sættes til /);
  });
});
