import { z } from 'zod';
import { describe, expect, it, vi } from 'vitest';
import type { Session } from '../../src-main/app/session';
import type { RecordDetail } from '../../src-main/contract';
import { JobRunner } from '../../src-main/jobs/job-runner';
import type { StatusActionType } from '../../src-main/status-actions/action-type';
import { ActionRegistry, createActionRegistry } from '../../src-main/status-actions/registry';
import { count, createDemoRecord, demo, manualClock, type ManualClock, type TestApp, useTestApps, value } from './helpers/test-app';

const { open, tempDir } = useTestApps();

function setUp(dataDir?: string): { app: TestApp; clock: ManualClock; session: Session } {
  const clock = manualClock();
  const app = open({ seedDemo: true, clock, ...(dataDir ? { dataDir } : {}) });
  return { app, clock, session: demo(app).adminSession() };
}

const jobRow = (app: TestApp, id: number) =>
  app.services.db.prepare('SELECT status, attempts, last_error, next_run_at, finished_at FROM jobs WHERE id = ?').get(id) as {
    status: string;
    attempts: number;
    last_error: string;
    next_run_at: number;
    finished_at: string | null;
  };

const attemptsOf = (app: TestApp, jobId: number) =>
  app.services.db.prepare('SELECT attempt, outcome, message FROM job_attempts WHERE job_id = ? ORDER BY attempt').all(jobId) as {
    attempt: number;
    outcome: string;
    message: string;
  }[];

/** Adds a status action by SQL, bypassing saveStatusAction's checks (as a stale or hand-edited definition would). */
function rawAction(app: TestApp, statusId: number, type: string, params: unknown, name = 'raw action'): number {
  const id = Number(
    app.services.db
      .prepare('INSERT INTO status_actions (status_id, type, name, params, enabled, sort_order) VALUES (?, ?, ?, ?, 1, 99)')
      .run(statusId, type, name, JSON.stringify(params)).lastInsertRowid,
  );
  app.services.workspace.invalidate();
  return id;
}

async function moveTo(app: TestApp, session: Session, record: RecordDetail, statusName: string): Promise<RecordDetail> {
  const toStatusId = demo(app).status(statusName).id;
  return value(await app.dispatch('changeStatus', { id: record.id, version: record.version, toStatusId, comment: '' }, session)) as RecordDetail;
}

describe('running status action jobs', () => {
  it('performs assign_responsible and set_field, records the attempt and audits the change as a status action', async () => {
    const { app, session } = setUp();
    const { group } = demo(app);
    await app.services.jobs.runDue(); // nothing from the seed
    let record = await createDemoRecord(app, session);
    expect(await app.services.jobs.runDue()).toBe(1); // Modtaget → Visitation
    record = await moveTo(app, session, await get(app, session, record.id), 'Under behandling');
    const job = record.jobs.find((j) => j.status === 'queued');
    expect(job?.type).toBe('assign_responsible');
    expect(await app.services.jobs.runDue()).toBe(1);

    record = await get(app, session, record.id);
    expect(record.responsibleGroupId).toBe(group('Sagsbehandling').id);
    expect(record.values.team).toBe(String(group('Sagsbehandling').id));
    const done = record.jobs.find((j) => j.id === job?.id);
    expect(done).toMatchObject({ status: 'succeeded', attempts: 1, lastError: '', nextRunAt: null });
    expect(done?.attemptLog).toEqual([expect.objectContaining({ attempt: 1, outcome: 'succeeded', message: expect.stringContaining('team') })]);
    const audit = record.audit.find((a) => a.action === 'record.fields_changed');
    const teamChange = { field: 'team', from: String(group('Visitation').id), to: String(group('Sagsbehandling').id) };
    expect(audit).toMatchObject({ userId: null, details: { via: 'status action', changes: [teamChange] } });

    record = await moveTo(app, session, record, 'Afventer underskrift');
    record = await moveTo(app, session, record, 'Afsluttet');
    expect(await app.services.jobs.runDue()).toBe(1);
    record = await get(app, session, record.id);
    expect(record.values.bevilget).toBe('true');
    expect(record.jobs.every((j) => j.status === 'succeeded')).toBe(true);
    expect(await app.services.jobs.runDue()).toBe(0);
  });

  it('fails a job permanently at once when its action breaks our own rules, with the reason in last_error', async () => {
    const { app, session } = setUp();
    const { status } = demo(app);
    rawAction(app, status('Afvist').id, 'set_field', { fieldKey: 'bevilget', value: 'måske' }, 'bad yes/no');
    rawAction(app, status('Afvist').id, 'set_field', { fieldKey: 'cpr', value: '3002011234' }, 'bad cpr');
    rawAction(app, status('Afvist').id, 'no_such_type', {}, 'unknown type');
    rawAction(app, status('Afvist').id, 'set_field', { fieldKey: 'bevilget', extra: 1 }, 'bad params');
    const record = await createDemoRecord(app, session, { cpr: '0101901234' });
    await app.services.jobs.runDue();
    const valuesBefore = app.services.records.valuesById(record.id);
    const moved = await moveTo(app, session, await get(app, session, record.id), 'Afvist');
    const queued = moved.jobs.filter((j) => j.status === 'queued');
    expect(queued).toHaveLength(5);

    await app.services.jobs.runDue();
    const byName = new Map((await get(app, session, record.id)).jobs.map((j) => [j.actionName, j]));
    for (const name of ['bad yes/no', 'bad cpr', 'unknown type', 'bad params']) {
      const job = byName.get(name);
      expect(job, name).toMatchObject({ status: 'failed', attempts: 1 });
      expect(job?.attemptLog).toEqual([expect.objectContaining({ outcome: 'failed' })]);
      expect(job?.finishedAt).not.toBeNull();
    }
    expect(byName.get('bad yes/no')?.lastError).toContain('bevilget (yesno_invalid)');
    expect(byName.get('bad cpr')?.lastError).toContain('cpr (cpr_invalid_date)');
    expect(byName.get('unknown type')?.lastError).toContain('unknown status action type "no_such_type"');
    // The demo action on Afvist (bevilget = false) still ran.
    expect(byName.get('Markér som ikke bevilget')?.status).toBe('succeeded');
    const errors = (app.services.db.prepare('SELECT last_error FROM jobs').pluck().all() as string[]).join('\n');
    expect(errors).not.toContain('3002011234');
    const after = app.services.records.valuesById(record.id);
    expect(after.get(demo(app).field('cpr').id)).toBe(valuesBefore.get(demo(app).field('cpr').id));
    expect(await app.services.jobs.runDue()).toBe(0);
  });

  it('retries a transient failure with exponential backoff, then succeeds', async () => {
    const { app, clock, session } = setUp();
    let failuresLeft = 2;
    const calls: number[] = [];
    const flaky: StatusActionType<Record<string, never>> = {
      type: 'flaky',
      labelKey: 'actionTypes.flaky',
      kind: 'local',
      params: z.strictObject({}),
      check: () => null,
      describe: () => 'flaky',
      apply: (_p, ctx) => {
        calls.push(clock.now());
        ctx.setValues({ adresse: `attempt ${calls.length}` }, 'status action');
        if (failuresLeft-- > 0) throw new Error('service for 0101901234 unavailable');
        return 'done';
      },
      toPortable: () => ({}),
      fromPortable: () => ({}),
    };
    const runner = new JobRunner({
      db: app.services.db,
      actions: new ActionRegistry([...createActionRegistry().list(), flaky]),
      workspace: app.services.workspace,
      records: app.services.records,
      clock,
      events: app.services.events,
      random: () => 0,
    });
    const { status } = demo(app);
    rawAction(app, status('Afventer underskrift').id, 'flaky', {}, 'flaky');
    let record = await createDemoRecord(app, session);
    await runner.runDue();
    record = await moveTo(app, session, await get(app, session, record.id), 'Under behandling');
    await runner.runDue();
    record = await moveTo(app, session, await get(app, session, record.id), 'Afventer underskrift');
    const jobId = (await get(app, session, record.id)).jobs.find((j) => j.type === 'flaky')?.id ?? -1;

    const t0 = clock.now();
    expect(await runner.runDue()).toBe(1);
    expect(jobRow(app, jobId)).toMatchObject({ status: 'queued', attempts: 1, next_run_at: t0 + 1_000, finished_at: null });
    expect(jobRow(app, jobId).last_error).toBe('service for 010190-**** unavailable');
    // The failed attempt's own write rolled back with it.
    expect((await get(app, session, record.id)).values.adresse).toBeUndefined();

    expect(await runner.runDue()).toBe(0);
    clock.advance(999);
    expect(await runner.runDue()).toBe(0);
    clock.advance(1);
    expect(await runner.runDue()).toBe(1);
    expect(jobRow(app, jobId)).toMatchObject({ status: 'queued', attempts: 2, next_run_at: t0 + 1_000 + 2_000 });
    clock.advance(2_000);
    expect(await runner.runDue()).toBe(1);
    expect(jobRow(app, jobId)).toMatchObject({ status: 'succeeded', attempts: 3, last_error: '' });
    expect(attemptsOf(app, jobId).map((a) => a.outcome)).toEqual(['failed', 'failed', 'succeeded']);
    expect(calls).toEqual([t0, t0 + 1_000, t0 + 3_000]);
    expect((await get(app, session, record.id)).values.adresse).toBe('attempt 3');
  });

  it('gives up after max attempts of a transient failure', async () => {
    const { app, clock, session } = setUp();
    const broken: StatusActionType<Record<string, never>> = {
      type: 'broken',
      labelKey: 'x',
      kind: 'local',
      params: z.strictObject({}),
      check: () => null,
      describe: () => '',
      apply: () => {
        throw new Error('timeout');
      },
      toPortable: () => ({}),
      fromPortable: () => ({}),
    };
    const runner = new JobRunner({ ...app.services, actions: new ActionRegistry([broken]), clock, random: () => 0.5 });
    rawAction(app, demo(app).status('Modtaget').id, 'broken', {});
    const record = await createDemoRecord(app, session);
    const jobId = (await get(app, session, record.id)).jobs.find((j) => j.type === 'broken')?.id ?? -1;
    let runs = 0;
    for (let i = 0; i < 20; i += 1) {
      runs += await runner.runDue();
      clock.advance(10 * 60_000);
    }
    const job = jobRow(app, jobId);
    expect(job).toMatchObject({ status: 'failed', attempts: 5, last_error: 'timeout' });
    expect(job.finished_at).not.toBeNull();
    expect(attemptsOf(app, jobId)).toHaveLength(5);
    // The demo's assign_responsible job is unknown to this runner's registry: one permanent failure.
    expect(runs).toBe(5 + 1);
  });
});

describe('surviving restarts', () => {
  it('keeps queued jobs across a restart and runs each exactly once', async () => {
    const dataDir = tempDir();
    const first = setUp(dataDir);
    const records: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      const r = await createDemoRecord(first.app, first.session, { navn: `Restart ${i}` });
      records.push(r.id);
      await moveTo(first.app, first.session, r, 'Afvist');
    }
    const queued = count(first.app.services.db, 'jobs', "status = 'queued'");
    expect(queued).toBe(6); // per record: Modtaget's assign + Afvist's set_field
    await first.app.close();

    const second = setUp(dataDir);
    expect(count(second.app.services.db, 'jobs', "status = 'queued'")).toBe(queued);
    expect(count(second.app.services.db, 'records')).toBe(203); // not re-seeded
    expect(await second.app.services.jobs.runDue()).toBe(queued);
    expect(await second.app.services.jobs.runDue()).toBe(0);
    await second.app.close();

    const third = setUp(dataDir);
    expect(await third.app.services.jobs.runDue()).toBe(0);
    const db = third.app.services.db;
    const placeholders = records.map(() => '?').join(',');
    expect(count(db, 'jobs', `record_id IN (${placeholders}) AND status = 'succeeded'`, ...records)).toBe(queued);
    const perJob = db
      .prepare(`SELECT count(*) AS n FROM job_attempts WHERE job_id IN (SELECT id FROM jobs WHERE record_id IN (${placeholders})) GROUP BY job_id`)
      .pluck()
      .all(...records);
    expect(perJob).toEqual(Array.from({ length: queued }, () => 1));
    expect(count(db, 'job_attempts', `job_id IN (SELECT id FROM jobs WHERE record_id IN (${placeholders}))`, ...records)).toBe(queued);
    const byStatusAction = "action = 'record.fields_changed' AND json_extract(details, '$.via') = 'status action'";
    const statusActionAudits = count(db, 'audit_log', `record_id IN (${placeholders}) AND ${byStatusAction}`, ...records);
    expect(statusActionAudits).toBe(queued);
    for (const id of records) expect(third.app.services.records.maskedValues(id).bevilget).toBe('false');
  });

  it('start() puts a job left running by a crash back in the queue and runs it', async () => {
    const { app, clock, session } = setUp();
    const record = await createDemoRecord(app, session);
    const jobId = (await get(app, session, record.id)).jobs[0]?.id ?? -1;
    app.services.db.prepare("UPDATE jobs SET status = 'running', next_run_at = ? WHERE id = ?").run(clock.now() + 3_600_000, jobId);
    expect(await app.services.jobs.runDue()).toBe(0);
    app.startJobs();
    expect(jobRow(app, jobId)).toMatchObject({ status: 'queued', next_run_at: clock.now() });
    await vi.waitFor(() => expect(jobRow(app, jobId).status).toBe('succeeded'), { timeout: 60_000 });
    expect(attemptsOf(app, jobId)).toHaveLength(1);
    await app.services.jobs.stop();
  });

  it('wakes on a status change once started', async () => {
    const { app, session } = setUp();
    app.startJobs();
    const record = await createDemoRecord(app, session);
    await vi.waitFor(() => expect(count(app.services.db, 'jobs', "record_id = ? AND status = 'succeeded'", record.id)).toBe(1), {
      timeout: 60_000,
    });
    await app.close();
  });
});

async function get(app: TestApp, session: Session, id: number): Promise<RecordDetail> {
  return value(await app.dispatch('getRecord', { id }, session)) as RecordDetail;
}
