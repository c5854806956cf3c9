// `npm run bench:due-scan` (folded into bench:store at merge): finding the due
// timed actions among 100,000 records with 200,000 pending timed actions, in a
// temporary database with the real schema and the scheduler's own query.
// Prints JSON lines like bench:store; progress goes to stderr.
// BENCH_RECORDS=20000 makes a quicker, smaller run (timed actions = 2 × records).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openApp } from '../../src-main/app/open-app';
import { EnvSecretStore } from '../../src-main/app/secrets';
import { MemorySettingsStore } from '../../src-main/app/settings';
import { isoAt } from '../../src-main/shared/clock';
import { dueTimedActionIds, fireTimedAction, nextTimedActionDue } from '../../src-main/timed-actions/timed-actions';
import { latencyFigure, progress, report, sampleLatencies } from './measure';

const RECORDS = Number(process.env.BENCH_RECORDS ?? 100_000);
const TIMED = RECORDS * 2;
const SAMPLES = 2000;
const WARMUP = 200;
const DAY = 86_400_000;
const START = Date.UTC(2026, 0, 5, 8, 0, 0);
/** Due times spread over a year, as reminders and deadlines are. */
const SPREAD = 365 * DAY;

const dir = mkdtempSync(join(tmpdir(), 'caseworker-due-bench-'));
try {
  run();
} finally {
  rmSync(dir, { recursive: true, force: true });
}

function run(): void {
  let now = START;
  const clock = { now: () => now };
  const app = openApp({ dataDir: dir, settings: new MemorySettingsStore({ language: 'da' }), secrets: new EnvSecretStore({}), transport: 'cli', clock });
  const db = app.services.db;
  const ws = app.services.workspace.snapshot();
  const workflow = ws.workflows.find((w) => w.name === 'Ansøgning om tilskud')!;
  const status = workflow.statuses.find((s) => s.name === 'Afventer underskrift')!;
  // Two delayed actions on the status: every record has two pending timed actions.
  const actions = [1, 2].map((n) =>
    app.services.workspace.saveStatusAction({
      statusId: status.id,
      type: 'set_field',
      name: `Rykker ${n}`,
      params: { fieldKey: 'beskrivelse', value: `rykker ${n}` },
      enabled: true,
      sortOrder: 10 + n,
      timing: { trigger: 'delay', delayMs: n * 7 * DAY, delayFrom: 'entered', delayFieldId: null },
    }),
  );

  progress(`writing ${RECORDS} records and ${TIMED} pending timed actions`);
  let seed = 42;
  const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
  db.transaction(() => {
    const rec = db.prepare(
      `INSERT INTO records (id, number, workflow_id, status_id, name, name_key, version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?)`,
    );
    const hist = db.prepare('INSERT INTO status_history (id, record_id, from_status_id, to_status_id, at) VALUES (?, ?, NULL, ?, ?)');
    const timed = db.prepare(
      `INSERT INTO timed_actions (record_id, action_id, status_history_id, basis, field_id, delay_ms, due_at, state, created_at)
       VALUES (?, ?, ?, 'entered', NULL, ?, ?, 'pending', ?)`,
    );
    const at = isoAt(START);
    // Above the demo records and their history.
    const base = (db.prepare('SELECT max(coalesce((SELECT max(id) FROM records), 0), coalesce((SELECT max(id) FROM status_history), 0)) AS n').get() as { n: number }).n;
    for (let n = 1; n <= RECORDS; n += 1) {
      const i = base + n;
      rec.run(i, `B-${i}`, workflow.id, status.id, `Person ${i}`, `person ${i}`, at, at);
      hist.run(i, i, status.id, at);
      for (const a of actions) timed.run(i, a.id, i, a.timing!.delayMs, START + Math.floor(random() * SPREAD), at);
    }
  }).immediate();
  db.pragma('optimize');

  // The scan at any moment of the year: at most one batch (200) of the due ones, in due order.
  const scanTimes = sampleLatencies(SAMPLES, WARMUP, () => {
    dueTimedActionIds(db, START + Math.floor(random() * SPREAD), 200);
  });
  report({ ...latencyFigure('due_scan_p95_ms', scanTimes, 5), extra: { ...latencyFigure('x', scanTimes, 5).extra, records: RECORDS, pending_timed_actions: TIMED } });

  const wakeTimes = sampleLatencies(SAMPLES, WARMUP, () => void nextTimedActionDue(db));
  report(latencyFigure('due_next_wake_p95_ms', wakeTimes, 5));

  // Firing: each due action becomes a job in its own transaction.
  now = START + 30 * DAY;
  const due = dueTimedActionIds(db, now, 1000);
  const fireTimes = due.map((id) => {
    const t = process.hrtime.bigint();
    fireTimedAction(db, id, now);
    return Number(process.hrtime.bigint() - t) / 1e6;
  });
  report({ ...latencyFigure('due_fire_p95_ms', fireTimes, 10), extra: { ...latencyFigure('x', fireTimes, 10).extra, fired: fireTimes.length } });
  db.close();
}
