// `npm run bench:notifications`: the inbox and "Mine ansvarsområder" on a store
// of 100,000 records with 1,000,000 field values (10 per record), 200
// caseworkers in 20 groups, in a temporary database, through the same services
// the app uses. The records arrive by CSV import, so the responsibility
// notifications are the real ones (about 11 per record: the caseworker and the
// ten members of the team). Prints one JSON line per figure on stdout; progress
// on stderr. BENCH_RECORDS=20000 makes a quicker run.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openApp } from '../../src-main/app/open-app';
import { EnvSecretStore } from '../../src-main/app/secrets';
import { MemorySettingsStore } from '../../src-main/app/settings';
import { seededRandom } from '../../src-main/demo/demo-people';
import { myResponsibilities } from '../../src-main/notifications/responsibilities';
import type { Clock } from '../../src-main/shared/clock';
import { generateRow, toCsv, CSV_MAPPING } from './bench-data';
import { buildBenchWorkspace } from './bench-workspace';
import { elapsedMs, latencyFigure, progress, sampleLatencies, type Figure } from './measure';

/** Each bench import's report replaces the last (only the counts are read). */
const BENCH_REPORT_ID = 'bench-import-report';

const RECORDS = Number(process.env.BENCH_RECORDS ?? 100_000);
const USERS = 200;
const GROUPS = 20;
const BATCH = 10_000;
const SAMPLES = 1000;
const WARMUP = 100;
/** The ten mapped columns: 10 field values per record. */
const MAPPED = ['Navn', 'CPR-nummer', 'Sagsbehandler', 'Team', 'Adresse', 'Postnummer', 'By', 'E-mail', 'Ansøgningstype', 'Modtaget'];

const round = (n: number) => Number(n.toFixed(3));
function report(f: Figure): void {
  const line: Record<string, unknown> = { bench: 'notifications', metric: f.metric, value: round(f.value), unit: f.unit };
  if (f.target !== undefined) {
    line.target = f.target;
    line.pass = f.value <= f.target;
  }
  for (const [k, v] of Object.entries(f.extra ?? {})) line[k] = typeof v === 'number' ? round(v) : v;
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

function benchClock(start: number): Clock {
  let t = start;
  return { now: () => (t += 1_000) };
}

const dir = mkdtempSync(join(tmpdir(), 'caseworker-bench-notifications-'));
try {
  await run();
} finally {
  rmSync(dir, { recursive: true, force: true });
}

async function run(): Promise<void> {
  const random = seededRandom(6);
  const start = Date.UTC(2026, 0, 5, 8, 0, 0);
  const app = openApp({
    dataDir: dir,
    settings: new MemorySettingsStore({ language: 'da' }),
    secrets: new EnvSecretStore({}),
    transport: 'cli',
    seedDemo: false,
    clock: benchClock(start),
  });
  const { services } = app;
  const { db, users } = services;
  const bench = buildBenchWorkspace(services);
  // Grow the bench workspace's 12 people in 5 groups to 200 people in 20 groups.
  const groupIds = [...bench.groupIds];
  for (let g = groupIds.length; g < GROUPS; g += 1) groupIds.push(users.saveGroup({ name: `Team ${g + 1}` }).id);
  const people = [...bench.users];
  for (let i = people.length; i < USERS; i += 1) {
    people.push(
      users.saveUser({ name: `Medarbejder ${i + 1}`, initials: `M${i + 1}`, email: `m${i}@kommune.example`, isAdmin: false, groupIds: [groupIds[i % GROUPS] as number] }),
    );
  }
  const admin = people[0];
  if (!admin) throw new Error('bench set-up: no users');
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

  progress(`importing ${RECORDS} records (10 field values each)…`);
  const rowCtx = { random, userIds: people.map((u) => u.id), groupIds, now: start };
  const mapping = Object.fromEntries(MAPPED.map((label) => [label, CSV_MAPPING[label] as string]));
  const importStart = process.hrtime.bigint();
  for (let done = 0; done < RECORDS; done += BATCH) {
    const csv = toCsv(Array.from({ length: Math.min(BATCH, RECORDS - done) }, () => generateRow(rowCtx)));
    const { report: result } = await services.csvImport.run({ text: csv }, { workflowId: bench.workflow.id, mapping }, { userId: admin.id, via: 'csv import' }, BENCH_REPORT_ID);
    // Random fictitious CPR numbers repeat now and then (~50 in 100,000): those rows are left out as duplicates, as in real use.
    const invalid = result.rowErrors.filter((r) => !r.errors.every((e) => e.key === 'cpr_duplicate_in_file' || e.key === 'cpr_exists'));
    if (invalid.length > 0) throw new Error(`bench data invalid: ${JSON.stringify(invalid.slice(0, 3))}`);
  }
  const importMs = elapsedMs(importStart);
  // Fixture, not measured: an import tells each person once (a summary), so the
  // inboxes are filled the way a year of daily work fills them: every record is
  // handed to a caseworker and a team, one record at a time through the records
  // service, each change notifying the caseworker and every member of the team.
  progress('handing every record to a caseworker and a team…');
  const allIds = db.prepare('SELECT id FROM records ORDER BY id').pluck().all() as number[];
  for (let done = 0; done < allIds.length; done += BATCH) {
    db.transaction(() => {
      for (const id of allIds.slice(done, done + BATCH)) {
        const values = { sagsbehandler: String(pick(people.slice(1)).id), team: String(pick(groupIds)) };
        services.records.applyValues(id, values, { userId: admin.id, via: 'caseworker' });
      }
    }).immediate();
  }
  const values = db.prepare('SELECT count(*) FROM record_values').pluck().get() as number;
  const notifications = db.prepare('SELECT count(*) FROM notifications').pluck().get() as number;
  progress(`${RECORDS} records, ${values} field values, ${notifications} notifications; import ${Math.round(importMs)} ms`);

  // Fixture, not measured: spread the records over the statuses; about 90 % of
  // the notifications read, as an inbox in use looks.
  const st = bench.workflow.statuses.map((s) => s.id);
  db.prepare(`UPDATE records SET status_id = CASE id % 5 WHEN 0 THEN ? WHEN 1 THEN ? WHEN 2 THEN ? WHEN 3 THEN ? ELSE ? END`).run(...st.slice(0, 5));
  db.prepare("UPDATE notifications SET read_at = created_at WHERE id % 10 <> 0").run();
  db.exec('ANALYZE');

  const shape = { records: RECORDS, field_values: values, users: USERS, groups: GROUPS, notifications };

  // 1. The bell: a random caseworker's first page of unread notifications, with record info.
  const inboxTimes = sampleLatencies(SAMPLES, WARMUP, () => {
    const page = services.inbox.list(pick(people.slice(1)).id, { unreadOnly: true, offset: 0, limit: 20 });
    if (page.rows.length === 0) throw new Error('bench: empty inbox');
  });
  report({ ...latencyFigure('inbox_p95_ms', inboxTimes, 5), extra: { ...latencyFigure('x', inboxTimes, 5).extra, page: 20, ...shape } });

  // 2. "Mine ansvarsområder": counts per status, direct and through groups.
  const ws = services.workspace.snapshot();
  const fresh = users.listUsers();
  const respTimes = sampleLatencies(SAMPLES, WARMUP, () => {
    const view = myResponsibilities(db, ws, pick(fresh));
    if (view.total === 0) throw new Error('bench: no responsibilities');
  });
  report({ ...latencyFigure('responsibilities_p95_ms', respTimes, 5), extra: { ...latencyFigure('x', respTimes, 5).extra, ...shape } });

  // 3. A bulk reassignment: 500 records to one caseworker in one transaction,
  //    through the records service's write path, notifications included.
  const target = pick(people.slice(1));
  const ids = db.prepare('SELECT id FROM records WHERE responsible_user_id <> ? ORDER BY random() LIMIT 500').pluck().all(target.id) as number[];
  const before = db.prepare('SELECT count(*) FROM notifications WHERE user_id = ?').pluck().get(target.id) as number;
  const bulkStart = process.hrtime.bigint();
  const bulkCpu = process.cpuUsage();
  db.transaction(() => {
    for (const id of ids) services.records.applyValues(id, { sagsbehandler: String(target.id) }, { userId: admin.id, via: 'caseworker' });
  }).immediate();
  const bulkMs = elapsedMs(bulkStart);
  const cpu = process.cpuUsage(bulkCpu);
  const created = (db.prepare('SELECT count(*) FROM notifications WHERE user_id = ?').pluck().get(target.id) as number) - before;
  if (created !== ids.length) throw new Error(`bench: expected ${ids.length} notifications, got ${created}`);
  // The inbox's share of it: the same 500 notifications published on their own.
  const publishStart = process.hrtime.bigint();
  db.transaction(() => {
    for (const id of ids)
      services.notifications.publish({ kind: 'responsible_user', recordId: id, userIds: [target.id], actorUserId: admin.id, message: 'Du blev sat som ansvarlig' });
  }).immediate();
  const publishMs = elapsedMs(publishStart);
  report({
    metric: 'bulk_assign_500_ms',
    value: bulkMs,
    unit: 'ms',
    target: 200,
    // CPU time alongside: on a shared, loaded machine the wall time mostly measures the neighbours.
    extra: { records: ids.length, notifications_created: created, cpu_ms: (cpu.user + cpu.system) / 1000, of_which_notifications_ms: publishMs },
  });

  await app.close();
}
