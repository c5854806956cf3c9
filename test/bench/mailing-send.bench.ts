// `npm run bench:mailing-send`: flushes 10,000 queued Digital Post letters
// (one-page PDFs in MeMo) from the outbox to the sandbox access point running
// in its own process in strict mode (mutual TLS with the app's client
// certificate, the Basic credential, MeMo checked against the XSD), and prints
// {"bench":"mailing","metric":"send_per_s",…}. Target on the 2-core machine: ≥ 300 messages/s.
//
// Then the same sender with the sandbox holding every answer 30 ms (the real
// access point is a network round trip away): the pipelined sender (the
// configured concurrency) beside a sequential one-at-a-time sender (concurrency 1),
// in the same run; {"metric":"pipelined_vs_sequential_at_30ms",…} must reach ≥ 6×.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openApp } from '../../src-main/app/open-app';
import { EnvSecretStore } from '../../src-main/app/secrets';
import { MemorySettingsStore } from '../../src-main/app/settings';
import { simpleLetterPdf } from '../../src-main/digital-post/letter/simple-letter-pdf';
import { countsByState } from '../../src-main/digital-post/outbox/outbox-repo';
import type { SandboxClient } from '../../src-main/digital-post/transport/create-transport';
import { ensureSandboxPki } from '../../src-main/sandbox/digital-post/sandbox-pki';

const COUNT = Number(process.env.BENCH_MESSAGES ?? 10_000);
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 30);
const PIPELINED_COUNT = Number(process.env.BENCH_PIPELINED_MESSAGES ?? 800);
const SEQUENTIAL_COUNT = Number(process.env.BENCH_SEQUENTIAL_MESSAGES ?? 100);
/** In flight for the pipelined run; default: the app's configured concurrency. */
const PIPELINED_CONCURRENCY = process.env.BENCH_PIPELINED_CONCURRENCY ? Number(process.env.BENCH_PIPELINED_CONCURRENCY) : null;
const ROOT = resolve(import.meta.dirname, '../..');

const pkiDir = mkdtempSync(join(tmpdir(), 'caseworker-bench-pki-'));
const child = spawn(process.execPath, ['--import', 'tsx', 'test/bench/dp-sandbox-process.ts', '--strict', pkiDir], { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] });
let out = '';
const [sandboxUrl, apiUrl] = await new Promise<[string, string]>((res, rej) => {
  child.stdout.on('data', (c: Buffer) => {
    out += c.toString();
    const m = /SANDBOX (\S+) API (\S+)/.exec(out);
    if (m?.[1] && m[2]) res([m[1], m[2]]);
  });
  child.once('exit', () => rej(new Error('sandbox process ended')));
});
if (!apiUrl.startsWith('https:')) throw new Error('the sandbox is not in strict mode');
const pki = ensureSandboxPki(pkiDir);
const client: SandboxClient = { p12Path: pki.clientP12Path, p12Password: pki.clientP12Password, basicCredential: pki.basicCredential, caCertPem: pki.caCertPem };

const setLatency = async (ms: number) => {
  const r = await fetch(`${sandboxUrl}/sandbox/faults`, { method: 'PUT', body: JSON.stringify({ latencyMs: ms }) });
  if (!r.ok) throw new Error(`faults: HTTP ${r.status}`);
};

const cprs = ['0101801234', '1502651235', '2207924321', '0905034562'];

/** A fresh app (own data folder) with `count` letters queued, sending at `concurrency`. */
function benchApp(count: number, concurrency: number | null, tag: string) {
  const dir = mkdtempSync(join(tmpdir(), 'caseworker-bench-send-'));
  const app = openApp({ dataDir: dir, settings: new MemorySettingsStore({ language: 'da' }), secrets: new EnvSecretStore({}), transport: 'cli', seedDemo: false });
  const dp = app.services.digitalPost;
  dp.sandboxApiUrl = apiUrl;
  dp.sandboxClient = client;
  if (concurrency !== null) dp.saveSettings({ ...dp.settings(), concurrency });
  app.services.db.transaction(() => {
    for (let i = 0; i < count; i++) {
      const pdf = simpleLetterPdf({ title: `Brev nr. ${i} om din ansøgning`, body: `Kære borger\n\nDette er brev nummer ${i}. Med venlig hilsen\nKommunen`, date: '2026-11-28' });
      dp.outbox.queue({ recordId: null, recipientCpr: cprs[i % cprs.length] as string, subject: `Brev ${i}`, mainDocument: { fileName: `brev-${i}.pdf`, content: pdf }, idempotencyKey: `bench-${tag}-${i}` });
    }
  })();
  return { app, dp, dir };
}

/** Sends everything queued; letters per second of wall time. */
async function flush(b: ReturnType<typeof benchApp>) {
  const start = process.hrtime.bigint();
  let sent = 0;
  for (;;) {
    const pass = await b.dp.sender.sendDue();
    sent += pass.sent;
    const c = countsByState(b.app.services.db);
    if (c.queued + c.sending === 0) break;
    if (b.dp.sender.status().paused) throw new Error(`sending paused: ${b.dp.sender.status().pauseReason}`);
    await new Promise((r) => setTimeout(r, 10));
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const counts = countsByState(b.app.services.db);
  await b.app.close();
  rmSync(b.dir, { recursive: true, force: true });
  return { sent, seconds, perSecond: Math.round((sent / seconds) * 10) / 10, counts };
}

// 1. Throughput over mutual TLS, no added latency.
const main = benchApp(COUNT, null, 'main');
const concurrency = main.dp.settings().concurrency;
const r = await flush(main);
child.stdin.write('count\n');
const received = await new Promise<string>((res) => {
  child.stdout.on('data', (c: Buffer) => {
    const m = /LETTERS (\d+) POSTS (\d+)/.exec(c.toString());
    if (m) res(`${m[1]}/${m[2]}`);
  });
});
console.log(
  JSON.stringify({
    bench: 'mailing',
    metric: 'send_per_s',
    value: r.perSecond,
    unit: 'messages/s',
    target: 300,
    pass: r.perSecond >= 300,
    messages: COUNT,
    seconds: Math.round(r.seconds * 100) / 100,
    accepted: r.counts.accepted,
    failed: r.counts.failed,
    sandbox_letters_posts: received,
    concurrency,
    transport: 'https, mutual TLS + Basic (strict sandbox)',
  }),
);

// 2. The same sender with every answer held LATENCY_MS: pipelined beside sequential.
await setLatency(LATENCY_MS);
const sequential = await flush(benchApp(SEQUENTIAL_COUNT, 1, 'seq'));
const pipelinedConcurrency = PIPELINED_CONCURRENCY ?? concurrency;
const pipelined = await flush(benchApp(PIPELINED_COUNT, pipelinedConcurrency, 'pipe'));
await setLatency(0);
const ratio = Math.round((pipelined.perSecond / sequential.perSecond) * 100) / 100;
console.log(
  JSON.stringify({
    bench: 'mailing',
    metric: 'pipelined_vs_sequential_at_30ms',
    value: ratio,
    unit: 'x',
    target: 6,
    pass: ratio >= 6,
    latency_ms: LATENCY_MS,
    pipelined_per_s: pipelined.perSecond,
    pipelined_messages: PIPELINED_COUNT,
    pipelined_concurrency: pipelinedConcurrency,
    sequential_per_s: sequential.perSecond,
    sequential_messages: SEQUENTIAL_COUNT,
    failed: pipelined.counts.failed + sequential.counts.failed,
  }),
);
child.kill('SIGTERM');
rmSync(pkiDir, { recursive: true, force: true });
