// A full disk and a read-only store are conditions, not bugs: a caseworker's
// change is refused with a code the UI words clearly (not "internal"), nothing
// stored is lost, and the job runner backs off with one log line instead of one
// per attempt, then resumes by itself.
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DATABASE_FILE, openApp } from '../../src-main/app/open-app';
import { EnvSecretStore } from '../../src-main/app/secrets';
import { MemorySettingsStore } from '../../src-main/app/settings';
import type { RecordDetail, Result } from '../../src-main/contract';
import { count, createDemoRecord, demo, manualClock, useTestApps } from './helpers/test-app';

const { open } = useTestApps();
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

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

// A real full disk for the CLI's own process: a 1 MB tmpfs in a user and mount
// namespace of its own (unshare -rm), where a case store and the CLI's import
// of 20,000 rows run out of space (ENOSPC, which SQLite reports as SQLITE_FULL).
const canMountTmpfs =
  process.platform === 'linux' &&
  spawnSync('unshare', ['-rm', 'sh', '-c', 'd=$(mktemp -d) && mount -t tmpfs -o size=64k none "$d"'], { encoding: 'utf8' }).status === 0;

describe.runIf(canMountTmpfs)('the CLI on a full disk', () => {
  it('says "The disk is full." in one line, exits 1, and the store keeps every record it had', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'caseworker-full-'));
    try {
      const source = join(dir, 'source');
      const app = openApp({ dataDir: source, settings: new MemorySettingsStore(), secrets: new EnvSecretStore({}), transport: 'cli' });
      const records = count(app.services.db, 'records');
      await app.close();
      const file = join(source, DATABASE_FILE);
      const csv = join(dir, 'rows.csv');
      writeFileSync(csv, ['Navn', ...Array.from({ length: 20_000 }, (_, i) => `Borger nummer ${i} med et langt navn`)].join('\n'));
      const disk = join(dir, 'disk');
      const after = join(dir, 'after');
      mkdirSync(disk);
      mkdirSync(after);
      const size = statSync(file).size + 1024 * 1024;
      const script = [
        `mount -t tmpfs -o size=${size} none "$0"`,
        `cp "$1" "$0/${DATABASE_FILE}"`,
        `"$2" --import tsx src-main/cli/main.ts --db "$0/${DATABASE_FILE}" import "$3" --workflow "Ansøgning om tilskud"; code=$?`,
        // The tmpfs goes with the namespace: keep what the CLI left for the checks below.
        `cp "$0"/${DATABASE_FILE}* "$4"/`,
        'exit $code',
      ].join('\n');
      const run = spawnSync('unshare', ['-rm', 'sh', '-c', script, disk, file, process.execPath, csv, after], {
        cwd: ROOT,
        encoding: 'utf8',
        env: { ...process.env, NODE_OPTIONS: '' },
        timeout: 120_000,
      });
      expect(run.status, run.stderr).toBe(1);
      expect(run.stderr.trim()).toBe('Error: The disk is full.');
      const db = new Database(join(after, DATABASE_FILE));
      try {
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
        expect(db.prepare('SELECT count(*) FROM records').pluck().get()).toBeGreaterThanOrEqual(records);
      } finally {
        db.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
