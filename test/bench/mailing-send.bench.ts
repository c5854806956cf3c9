// `npm run bench:mailing-send`: flushes 10,000 queued Digital Post letters
// (one-page PDFs in MeMo) from the outbox to the sandbox access point running
// in its own process, and prints {"bench":"mailing","metric":"send_per_s",…}.
// Target on the 2-core machine: ≥ 300 messages/s.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openApp } from '../../src-main/app/open-app';
import { EnvSecretStore } from '../../src-main/app/secrets';
import { MemorySettingsStore } from '../../src-main/app/settings';
import { simpleLetterPdf } from '../../src-main/digital-post/letter/simple-letter-pdf';
import { countsByState } from '../../src-main/digital-post/outbox/outbox-repo';

const COUNT = Number(process.env.BENCH_MESSAGES ?? 10_000);
const ROOT = resolve(import.meta.dirname, '../..');

const child = spawn(process.execPath, ['--import', 'tsx', 'test/bench/dp-sandbox-process.ts'], { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] });
let out = '';
const sandboxUrl = await new Promise<string>((res, rej) => {
  child.stdout.on('data', (c: Buffer) => {
    out += c.toString();
    const m = /SANDBOX (\S+)/.exec(out);
    if (m?.[1]) res(m[1]);
  });
  child.once('exit', () => rej(new Error('sandbox process ended')));
});

const dir = mkdtempSync(join(tmpdir(), 'caseworker-bench-send-'));
const app = openApp({ dataDir: dir, settings: new MemorySettingsStore({ language: 'da' }), secrets: new EnvSecretStore({}), transport: 'cli', seedDemo: false });
const dp = app.services.digitalPost;
dp.sandboxApiUrl = `${sandboxUrl}/apis/v1`;

const cprs = ['0101801234', '1502651235', '2207924321', '0905034562'];
app.services.db.transaction(() => {
  for (let i = 0; i < COUNT; i++) {
    const pdf = simpleLetterPdf({ title: `Brev nr. ${i} om din ansøgning`, body: `Kære borger\n\nDette er brev nummer ${i}. Med venlig hilsen\nKommunen`, date: '2026-11-28' });
    dp.outbox.queue({ recordId: null, recipientCpr: cprs[i % cprs.length] as string, subject: `Brev ${i}`, mainDocument: { fileName: `brev-${i}.pdf`, content: pdf }, idempotencyKey: `bench-${i}` });
  }
})();

const start = process.hrtime.bigint();
let sent = 0;
for (;;) {
  const pass = await dp.sender.sendDue();
  sent += pass.sent;
  const c = countsByState(app.services.db);
  if (c.queued + c.sending === 0) break;
  if (dp.sender.status().paused) throw new Error(`sending paused: ${dp.sender.status().pauseReason}`);
  await new Promise((r) => setTimeout(r, 10));
}
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
const counts = countsByState(app.services.db);

child.stdin.write('count\n');
const received = await new Promise<string>((res) => {
  child.stdout.on('data', (c: Buffer) => {
    const m = /LETTERS (\d+) POSTS (\d+)/.exec(c.toString());
    if (m) res(`${m[1]}/${m[2]}`);
  });
});
const value = Math.round((sent / seconds) * 10) / 10;
console.log(
  JSON.stringify({
    bench: 'mailing',
    metric: 'send_per_s',
    value,
    unit: 'messages/s',
    target: 300,
    pass: value >= 300,
    messages: COUNT,
    seconds: Math.round(seconds * 100) / 100,
    accepted: counts.accepted,
    failed: counts.failed,
    sandbox_letters_posts: received,
    concurrency: dp.settings().concurrency,
  }),
);
child.kill('SIGTERM');
await app.close();
rmSync(dir, { recursive: true, force: true });
