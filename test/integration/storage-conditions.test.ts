// A full disk and a read-only store are conditions, not bugs: a caseworker's
// change is refused with a code the UI words clearly (not "internal"), nothing
// stored is lost, and the job runner backs off with one log line instead of one
// per attempt, then resumes by itself.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RecordDetail, Result } from '../../src-main/contract';
import { count, createDemoRecord, demo, manualClock, useTestApps } from './helpers/test-app';

const { open } = useTestApps();

/** Grows the store to its page limit, so SQLite answers SQLITE_FULL as on a full disk. */
function fillTheDisk(db: ReturnType<typeof open>['services']['db']): void {
  db.pragma('wal_checkpoint(TRUNCATE)');
  const pages = db.pragma('page_count', { simple: true }) as number;
  db.pragma(`max_page_count = ${pages}`);
  const insert = db.prepare("INSERT INTO audit_log (at, user_id, record_id, action, details) VALUES ('2026-01-01', NULL, NULL, 'filler', ?)");
  try {
    for (;;) insert.run('x'.repeat(4000));
  } catch (error) {
    expect((error as { code?: string }).code).toBe('SQLITE_FULL');
  }
}

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('a caseworker saving on a full disk or a read-only store', () => {
  it('a full disk gives storage_full, and the record is as it was', async () => {
    const app = open();
    const session = demo(app).adminSession();
    const record = await createDemoRecord(app, session);
    fillTheDisk(app.services.db);
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const result = (await app.dispatch(
      'updateRecord',
      { id: record.id, version: record.version, values: { beskrivelse: 'lang tekst '.repeat(1500) } },
      session,
    )) as Result<RecordDetail>;
    expect(result).toMatchObject({ ok: false, error: { code: 'storage_full' } });
    expect(errors).not.toHaveBeenCalled();
    app.services.db.pragma('max_page_count = 1073741823');
    const now = (await app.dispatch('getRecord', { id: record.id }, session)) as Result<RecordDetail>;
    expect(now.ok && now.value.version).toBe(record.version);
  });

  it('a read-only store gives storage_read_only', async () => {
    const app = open();
    const session = demo(app).adminSession();
    const record = await createDemoRecord(app, session);
    app.services.db.pragma('query_only = ON');
    const result = (await app.dispatch('updateRecord', { id: record.id, version: record.version, values: { beskrivelse: 'x' } }, session)) as Result<RecordDetail>;
    expect(result).toMatchObject({ ok: false, error: { code: 'storage_read_only' } });
  });
});

describe('the job runner on a store it cannot write', () => {
  it('backs off with one log line, and runs the job once the store can be written again', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setImmediate'] });
    const clock = manualClock();
    const app = open({ clock });
    const session = demo(app).adminSession();
    await createDemoRecord(app, session); // queues the "Send til Visitation" job, due now
    const queued = count(app.services.db, 'jobs', "status = 'queued'");
    expect(queued).toBeGreaterThan(0);

    const lines: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void lines.push(args.join(' ')));
    const rounds = vi.spyOn(app.services.jobs, 'runDue');
    app.services.jobs.start();
    // Read-only from the first round on (the rounds run on timers, which only the test moves).
    app.services.db.pragma('query_only = ON');
    await vi.advanceTimersByTimeAsync(120_000);

    // Pauses of 1, 2, 4 … 60 s: a handful of rounds in two minutes, not one per tick.
    expect(rounds.mock.calls.length).toBeGreaterThan(1);
    expect(rounds.mock.calls.length).toBeLessThanOrEqual(8);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/job runner paused: .*read-only/);
    expect(count(app.services.db, 'jobs', "status = 'queued'")).toBe(queued);

    app.services.db.pragma('query_only = OFF');
    await vi.advanceTimersByTimeAsync(61_000);
    expect(count(app.services.db, 'jobs', "status = 'queued'")).toBe(0);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/job runner resumed/);
    await app.services.jobs.stop();
  });
});
