// `npm run bench:mailing-prepare`: prepares a mailing of 10,000 personalised
// one-page letters (Liberation Sans embedded, Danish letters, letterhead logo)
// through the same MailingService the app uses, each letter queued in the
// real Digital Post outbox (MeMo built, SHA-256 taken, stored in SQLite). The naive way (a new pdf-lib document with
// the fonts embedded per letter) is measured in the same run on a sample.
// BENCH_LETTERS=2000 makes a quicker run.
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openApp } from '../../src-main/app/open-app';
import { EnvSecretStore } from '../../src-main/app/secrets';
import { MemorySettingsStore } from '../../src-main/app/settings';
import { EXAMPLE_LETTER } from '../../src-main/contract';
import { seedDemoWorkspace } from '../../src-main/demo/seed-demo';
import { naiveLetter } from './naive-letter';
import { peakRssMb, reportLine } from './report-line';

const LETTERS = Number(process.env.BENCH_LETTERS ?? 10_000);
const NAIVE_SAMPLE = Number(process.env.BENCH_NAIVE_SAMPLE ?? 200);
const log = (t: string) => void process.stderr.write(`[bench] ${t}\n`);

const dir = mkdtempSync(join(tmpdir(), 'caseworker-mailing-bench-'));
try {
  const app = openApp({ dataDir: dir, settings: new MemorySettingsStore({ language: 'da' }), secrets: new EnvSecretStore({}), transport: 'cli', seedDemo: false });
  const { services } = app;
  log(`seeding ${LETTERS} records`);
  // Every 10th demo record is in the second workflow; seed enough for LETTERS in the first.
  seedDemoWorkspace(services, Math.ceil(LETTERS / 0.9) + 10);
  const admin = services.users.listUsers().find((u) => u.isAdmin)!;
  const workflow = services.workspace.snapshot().workflows.find((w) => w.name === 'Ansøgning om tilskud')!;
  const templateId = services.documents.templates.save({ name: 'Prøveafgørelse', definition: EXAMPLE_LETTER }, admin.id);
  const mailings = services.mailings;
  const mailing = mailings.create({ name: 'Bench', templateId, filter: { workflowId: workflow.id } }, admin);
  // Exactly LETTERS letters: drop the surplus records from the mailing.
  services.db.prepare('DELETE FROM mailing_items WHERE mailing_id = ? AND record_id NOT IN (SELECT record_id FROM mailing_items WHERE mailing_id = ? ORDER BY record_id LIMIT ?)').run(mailing.id, mailing.id, LETTERS);
  log(`mailing of ${mailings.view(mailing.id).total} letters; rss ${Math.round(process.memoryUsage().rss / 2 ** 20)} MB, peak so far ${Math.round(peakRssMb())} MB`);

  const cpuStart = process.cpuUsage();
  const start = performance.now();
  let lastLog = start;
  const onProgress = (p: { done: number; total: number }) => {
    if (performance.now() - lastLog > 2000) {
      lastLog = performance.now();
      log(`${p.done}/${p.total}; rss ${Math.round(process.memoryUsage().rss / 2 ** 20)} MB`);
    }
  };
  // Preparing renders and prices the letters; the separate send queues them (issue 14): both are timed.
  await mailings.prepare(mailing.id, admin.id, { onProgress });
  const done = await mailings.send(mailing.id, mailings.sendSummary(mailing.id).fingerprint, admin.id, { onProgress });
  const seconds = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const load = loadavg()[0] ?? 0;
  const inOutbox = () => services.db.prepare("SELECT count(*) FROM digital_post_messages WHERE idempotency_key LIKE 'mailing:%'").pluck().get() as number;
  if (done.queued !== LETTERS || inOutbox() < LETTERS) throw new Error(`expected ${LETTERS} queued letters, got ${done.queued} (outbox ${inOutbox()})`);
  // Peak RSS of seeding and the 10,000 letters, read before the naive sample (pdf-lib's own
  // per-letter embedding holds far more memory and would otherwise set the peak).
  const peakAfterMailing = peakRssMb();
  // The naive way, on a sample of the same letters.
  const template = services.documents.templates.get(templateId);
  const compiled = services.documents.compile(template);
  const sampleIds = services.db.prepare('SELECT record_id FROM mailing_items WHERE mailing_id = ? ORDER BY record_id LIMIT ?').pluck().all(mailing.id, NAIVE_SAMPLE) as number[];
  const sample = services.documents.load(sampleIds, admin.id);
  const naivePort = services.digitalPost.outbox;
  const naiveStart = performance.now();
  for (const r of sample) {
    const pdf = await naiveLetter(compiled.fill(r, services.directory));
    services.db.transaction(() => naivePort.queue({ recordId: r.recordId, recipientCpr: r.cpr!, subject: 'naive', mainDocument: { fileName: 'naive.pdf', content: pdf }, idempotencyKey: `naive:${r.recordId}` }))();
  }
  const naivePerS = (sample.length / (performance.now() - naiveStart)) * 1000;
  log(`naive: ${naivePerS.toFixed(0)} letters/s; rss ${Math.round(process.memoryUsage().rss / 2 ** 20)} MB, peak so far ${Math.round(peakRssMb())} MB`);

  // The stored MeMo carries the PDF base64-encoded (4/3 of its size).
  const bytes = services.db.prepare("SELECT sum(memo_bytes) FROM digital_post_messages WHERE idempotency_key LIKE 'mailing:%'").pluck().get() as number;
  const perS = LETTERS / seconds;
  reportLine('mailing', 'letters_per_s', perS, 'letters/s', { target: 1000, better: 'higher' }, { letters: LETTERS, seconds: Number(seconds.toFixed(2)), avg_memo_kb: Number((bytes / LETTERS / 1024).toFixed(1)),
    // Wall time suffers when other work shares the two cores; CPU time shows what the work itself costs.
    cpu_seconds: Number(cpuSeconds.toFixed(2)),
    letters_per_cpu_s: Math.round(LETTERS / cpuSeconds),
    load_average_1m: Number(load.toFixed(1)),
  });
  reportLine('mailing', 'naive_letters_per_s', naivePerS, 'letters/s', undefined, { sample: sample.length, speedup: Number((perS / naivePerS).toFixed(1)) });
  reportLine('mailing', 'peak_rss_mb', peakAfterMailing, 'MB', { target: 500, better: 'lower' }, { peak_including_naive_sample_mb: Math.round(peakRssMb()) });
  await app.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
