import { describe, expect, it, vi } from 'vitest';
import type { Session } from '../../src-main/app/session';
import type { ActionTiming, TimedActionView } from '../../src-main/contract';
import { fireTimedAction } from '../../src-main/timed-actions/timed-actions';
import { count, createDemoRecord, demo, manualClock, type ManualClock, type TestApp, useTestApps, value } from './helpers/test-app';
import { call } from './helpers/typed-dispatch';

const { open, tempDir } = useTestApps();

const DAY = 24 * 3_600_000;

function setUp(clock: ManualClock = manualClock(), dataDir?: string) {
  const app = open({ seedDemo: true, clock, ...(dataDir ? { dataDir } : {}) });
  const session: Session = demo(app).adminSession();
  return { app, session, clock };
}

/** A set_field action with a timing; its effect (the description text) shows that it ran. */
async function addTimedAction(app: TestApp, session: Session, statusName: string, name: string, timing: ActionTiming) {
  const { status } = demo(app);
  return value(
    await call(app, 'saveStatusAction',
      { statusId: status(statusName).id, type: 'set_field', name, params: { fieldKey: 'beskrivelse', value: name }, enabled: true, sortOrder: 9, timing },
      session,
    ),
  );
}

const delay = (delayMs: number, delayFrom: ActionTiming['delayFrom'] = 'entered', delayFieldId: number | null = null): ActionTiming => ({
  trigger: 'delay',
  delayMs,
  delayFrom,
  delayFieldId,
});

async function move(app: TestApp, session: Session, recordId: number, statusName: string) {
  const record = value(await call(app, 'getRecord', { id: recordId }, session));
  return value(await call(app, 'changeStatus', { id: recordId, version: record.version, toStatusId: demo(app).status(statusName).id, comment: '' }, session));
}

const timed = async (app: TestApp, session: Session, recordId: number): Promise<TimedActionView[]> =>
  value(await call(app, 'listTimedActions', { id: recordId }, session));

const description = (app: TestApp, recordId: number) =>
  (
    app.services.db
      .prepare("SELECT value FROM record_values WHERE record_id = ? AND field_id = (SELECT id FROM fields WHERE key = 'beskrivelse')")
      .get(recordId) as { value: string } | undefined
  )?.value;

const jobsOf = (app: TestApp, recordId: number) =>
  app.services.db.prepare('SELECT id, name, idempotency_key, status FROM jobs WHERE record_id = ? ORDER BY id').all(recordId) as {
    id: number;
    name: string;
    idempotency_key: string;
    status: string;
  }[];

describe('delayed status actions', () => {
  it('counted from entering the status: due after the delay, fires once, then runs', async () => {
    const { app, session, clock } = setUp();
    await addTimedAction(app, session, 'Under behandling', 'Påmindelse efter 14 dage', delay(14 * DAY));
    const record = await createDemoRecord(app, session);
    clock.advance(DAY);
    const entered = clock.now();
    await move(app, session, record.id, 'Under behandling');

    const [pending] = await timed(app, session, record.id);
    expect(pending).toMatchObject({ actionName: 'Påmindelse efter 14 dage', state: 'pending', dueAt: new Date(entered + 14 * DAY).toISOString() });
    // Not a job yet: on-enter actions only.
    expect(jobsOf(app, record.id).some((j) => j.name === 'Påmindelse efter 14 dage')).toBe(false);

    clock.advance(14 * DAY - 1);
    expect(app.services.timedActions.fireDue()).toBe(0);
    clock.advance(1);
    expect(app.services.timedActions.fireDue()).toBe(1);
    expect(app.services.timedActions.fireDue()).toBe(0);

    const job = jobsOf(app, record.id).find((j) => j.name === 'Påmindelse efter 14 dage');
    expect(job?.idempotency_key).toBe(`timed-action:${pending!.id}`);
    expect((await timed(app, session, record.id))[0]).toMatchObject({ state: 'fired', jobId: job!.id });
    await app.services.jobs.runDue();
    expect(description(app, record.id)).toBe('Påmindelse efter 14 dage');
  });

  it('counted from the record’s creation', async () => {
    const { app, session, clock } = setUp();
    await addTimedAction(app, session, 'Under behandling', '30 dage efter oprettelse', delay(30 * DAY, 'created'));
    const created = clock.now();
    const record = await createDemoRecord(app, session);
    clock.advance(10 * DAY);
    await move(app, session, record.id, 'Under behandling');
    expect((await timed(app, session, record.id))[0]?.dueAt).toBe(new Date(created + 30 * DAY).toISOString());
    clock.advance(20 * DAY - 1);
    expect(app.services.timedActions.fireDue()).toBe(0);
    clock.advance(1);
    expect(app.services.timedActions.fireDue()).toBe(1);
  });

  it('counted from the last change: an edit moves the due time', async () => {
    const { app, session, clock } = setUp();
    await addTimedAction(app, session, 'Under behandling', 'Ingen aktivitet i 5 dage', delay(5 * DAY, 'changed'));
    const record = await createDemoRecord(app, session);
    const moved = await move(app, session, record.id, 'Under behandling');
    const first = clock.now();
    expect((await timed(app, session, record.id))[0]?.dueAt).toBe(new Date(first + 5 * DAY).toISOString());

    clock.advance(4 * DAY);
    value(await call(app, 'updateRecord', { id: record.id, version: moved.version, values: { adresse: 'Ny vej 1' } }, session));
    const edited = clock.now();
    expect((await timed(app, session, record.id))[0]?.dueAt).toBe(new Date(edited + 5 * DAY).toISOString());
    clock.advance(2 * DAY); // past the first due time, not the moved one
    expect(app.services.timedActions.fireDue()).toBe(0);
    clock.advance(3 * DAY);
    expect(app.services.timedActions.fireDue()).toBe(1);
  });

  it('counted from a date field, before it: follows edits of the field and waits while it is empty', async () => {
    const { app, session, clock } = setUp();
    const frist = demo(app).field('frist');
    await addTimedAction(app, session, 'Under behandling', '7 dage før frist', delay(-7 * DAY, 'field', frist.id));
    const record = await createDemoRecord(app, session, { frist: '2026-04-01' });
    let current = await move(app, session, record.id, 'Under behandling');
    expect((await timed(app, session, record.id))[0]?.dueAt).toBe(new Date(Date.UTC(2026, 3, 1) - 7 * DAY).toISOString());

    current = value(await call(app, 'updateRecord', { id: record.id, version: current.version, values: { frist: '2026-05-01' } }, session));
    expect((await timed(app, session, record.id))[0]?.dueAt).toBe(new Date(Date.UTC(2026, 4, 1) - 7 * DAY).toISOString());

    value(await call(app, 'updateRecord', { id: record.id, version: current.version, values: { frist: null } }, session));
    expect((await timed(app, session, record.id))[0]).toMatchObject({ state: 'pending', dueAt: null });
    clock.advance(365 * DAY);
    expect(app.services.timedActions.fireDue()).toBe(0);
  });

  it('a negative delay is refused unless counted from a date field', async () => {
    const { app, session } = setUp();
    const { status } = demo(app);
    const result = await call(app, 'saveStatusAction',
      { statusId: status('Modtaget').id, type: 'set_field', name: 'x', params: { fieldKey: 'beskrivelse', value: 'x' }, enabled: true, sortOrder: 1, timing: delay(-DAY) },
      session,
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const notDate = await call(app, 'saveStatusAction',
      { statusId: status('Modtaget').id, type: 'set_field', name: 'x', params: { fieldKey: 'beskrivelse', value: 'x' }, enabled: true, sortOrder: 1, timing: delay(DAY, 'field', demo(app).field('adresse').id) },
      session,
    );
    expect(notDate).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });
});

describe('on-leave actions, cancellation and re-entry', () => {
  it('an on-leave action becomes a job in the status change’s own transaction', async () => {
    const { app, session } = setUp();
    await addTimedAction(app, session, 'Modtaget', 'Ved udgang', { trigger: 'leave', delayMs: 0, delayFrom: 'entered', delayFieldId: null });
    const record = await createDemoRecord(app, session);
    expect(jobsOf(app, record.id).some((j) => j.name === 'Ved udgang')).toBe(false);
    const preview = value(await call(app, 'previewStatusChange', { id: record.id, toStatusId: demo(app).status('Under behandling').id }, session));
    expect(preview.actions.map((a) => a.name)).not.toContain('Ved udgang');

    await move(app, session, record.id, 'Under behandling');
    const history = app.services.db.prepare('SELECT max(id) AS id FROM status_history WHERE record_id = ?').get(record.id) as { id: number };
    const leave = jobsOf(app, record.id).filter((j) => j.name === 'Ved udgang');
    expect(leave).toHaveLength(1);
    expect(leave[0]?.idempotency_key).toBe(`status-change:${history.id}:leave:${leave[0] ? (app.services.db.prepare('SELECT action_id FROM jobs WHERE id = ?').get(leave[0].id) as { action_id: number }).action_id : 0}`);
  });

  it('leaving cancels pending timed actions; re-entering starts a new one that fires once', async () => {
    const { app, session, clock } = setUp();
    await addTimedAction(app, session, 'Under behandling', 'Rykker', delay(10 * DAY));
    const record = await createDemoRecord(app, session);
    await move(app, session, record.id, 'Under behandling');
    clock.advance(5 * DAY);
    await move(app, session, record.id, 'Afvist');
    expect((await timed(app, session, record.id)).map((t) => t.state)).toEqual(['cancelled']);
    clock.advance(10 * DAY);
    expect(app.services.timedActions.fireDue()).toBe(0);

    const reentered = clock.now();
    await move(app, session, record.id, 'Under behandling'); // "Genoptag"
    const rows = await timed(app, session, record.id);
    expect(rows.map((t) => t.state)).toEqual(['pending', 'cancelled']);
    expect(rows[0]?.dueAt).toBe(new Date(reentered + 10 * DAY).toISOString());
    clock.advance(10 * DAY);
    expect(app.services.timedActions.fireDue()).toBe(1);
    expect(jobsOf(app, record.id).filter((j) => j.name === 'Rykker')).toHaveLength(1);
  });
});

describe('durability across restarts', () => {
  it('actions that fell due while the app was closed fire at the next start, in due order, exactly once', async () => {
    const dataDir = tempDir();
    const clock = manualClock();
    const first = setUp(clock, dataDir);
    await addTimedAction(first.app, first.session, 'Under behandling', 'Efter 3 dage', delay(3 * DAY));
    await addTimedAction(first.app, first.session, 'Under behandling', 'Efter 1 dag', delay(1 * DAY));
    await addTimedAction(first.app, first.session, 'Under behandling', 'Efter 9 dage', delay(9 * DAY));
    const record = await createDemoRecord(first.app, first.session);
    await move(first.app, first.session, record.id, 'Under behandling');
    await first.app.close();

    clock.advance(5 * DAY); // the app is closed while two fall due
    const second = setUp(clock, dataDir);
    second.app.startJobs();
    await vi.waitFor(() => expect(jobsOf(second.app, record.id).filter((j) => j.idempotency_key.startsWith('timed-action:'))).toHaveLength(2), { timeout: 60_000 });
    const fired = jobsOf(second.app, record.id).filter((j) => j.idempotency_key.startsWith('timed-action:'));
    expect(fired.map((j) => j.name)).toEqual(['Efter 1 dag', 'Efter 3 dage']);
    await second.app.close();

    // A third start at the same time fires nothing again.
    const third = setUp(clock, dataDir);
    third.app.startJobs();
    await new Promise((r) => setTimeout(r, 100));
    expect(count(third.app.services.db, 'jobs', "idempotency_key LIKE 'timed-action:%'")).toBe(2);
    const pending = (await timed(third.app, third.session, record.id)).filter((t) => t.state === 'pending');
    expect(pending.map((t) => t.actionName)).toEqual(['Efter 9 dage']);
  });

  it('two processes on the same file never fire one timed action twice', async () => {
    const dataDir = tempDir();
    const clock = manualClock();
    const a = setUp(clock, dataDir);
    await addTimedAction(a.app, a.session, 'Under behandling', 'Én gang', delay(DAY));
    const record = await createDemoRecord(a.app, a.session);
    await move(a.app, a.session, record.id, 'Under behandling');
    const b = setUp(clock, dataDir);
    clock.advance(DAY);
    const id = (await timed(a.app, a.session, record.id))[0]!.id;
    expect(fireTimedAction(a.app.services.db, id, clock.now()).kind).toBe('fired');
    expect(fireTimedAction(b.app.services.db, id, clock.now()).kind).toBe('skipped');
    expect(b.app.services.timedActions.fireDue()).toBe(0);
    expect(count(a.app.services.db, 'jobs', 'idempotency_key = ?', `timed-action:${id}`)).toBe(1);
  });
});

describe('the due scan', () => {
  it('reads the partial index in due order, without a table scan or sort', () => {
    const { app } = setUp();
    const plan = (sql: string, ...args: unknown[]) =>
      (app.services.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[]).map((r) => r.detail).join(' | ');
    const due = plan("SELECT id FROM timed_actions WHERE state = 'pending' AND due_at <= ? ORDER BY due_at, id LIMIT ?", 1, 200);
    expect(due).toContain('USING COVERING INDEX timed_actions_due');
    expect(due).not.toContain('TEMP B-TREE');
    expect(plan("SELECT min(due_at) AS at FROM timed_actions WHERE state = 'pending' AND due_at IS NOT NULL")).toContain('timed_actions_due');
  });
});
