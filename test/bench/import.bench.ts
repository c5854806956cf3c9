// `npm run bench:import` (issue 13): a 50 MB CSV file imported through the web
// host's HTTP transport the way the import screen does it (pieces of 1 MiB,
// preview, import), with the host in its own process. Figures: the host's peak
// memory and the longest its event loop was held, each against its target and
// beside the same host's figures for an idle stretch of the same run.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { CSV_UPLOAD_PIECE_BYTES } from '../../src-main/contract';
import { reportLine } from './report-line';

/** Just under the 50 MB an import takes (CSV_MAX_BYTES). */
const TARGET_BYTES = 49_900_000;
const RSS_TARGET_MB = 600;
const BLOCK_TARGET_MS = 100;
const progress = (text: string) => process.stderr.write(`[bench:import] ${text}\n`);

const host = spawn(process.execPath, ['--import', 'tsx', 'test/bench/import-host.ts'], { stdio: ['pipe', 'pipe', 'inherit'] });
const answers = createInterface({ input: host.stdout });
const pending: ((value: Record<string, number>) => void)[] = [];
answers.on('line', (line) => pending.shift()?.(JSON.parse(line) as Record<string, number>));
const next = () => new Promise<Record<string, number>>((resolve) => pending.push(resolve));
const ask = (command: string) => {
  const answer = next();
  host.stdin.write(`${command}\n`);
  return answer;
};

// The host never outlives the bench, whatever happens to it.
process.on('exit', () => host.kill());
process.on('uncaughtException', (error) => {
  console.error(error);
  host.kill();
  process.exit(1);
});
const { port, token } = await next();
const clientId = 'bench-import-client';
async function call<T>(method: string, input: unknown): Promise<T> {
  const res = await fetch(`http://127.0.0.1:${port}/api/${method}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'X-Client-Id': clientId, 'Content-Type': 'application/json' },
    body: JSON.stringify(input),
  });
  const result = (await res.json()) as { ok: true; value: T } | { ok: false; error: { code: string; message: string } };
  if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
  return result.value;
}

/** A Danish spreadsheet's file: `;`, CRLF, Danish dates and amounts, unique valid CPR numbers, every 50th row bad. */
function buildCsv(): Buffer {
  const lines = ['Navn;CPR-nummer;E-mail;Ansøgt beløb (kr.);Frist;Beskrivelse'];
  let size = lines[0]!.length + 2;
  for (let i = 0; size < TARGET_BYTES; i += 1) {
    const day = (i % 28) + 1;
    const month = (Math.floor(i / 28) % 12) + 1;
    const year = Math.floor(i / 336) % 100;
    const serial = Math.floor(i / 33_600) + 1000;
    const cpr = `${String(day).padStart(2, '0')}${String(month).padStart(2, '0')}${String(year).padStart(2, '0')}-${serial}`;
    const amount = i % 50 === 7 ? 'mange penge' : `${1 + (i % 9)}.${String(i % 1000).padStart(3, '0')},${String(i % 100).padStart(2, '0')}`;
    const line = `Borger Benchsen ${i};${cpr};borger${i}@example.dk;${amount};${String(day).padStart(2, '0')}-${String(month).padStart(2, '0')}-2027;Ansøgning om tilskud til ${i % 7 === 0 ? 'hjælpemidler' : 'bolig'}`;
    lines.push(line);
    size += Buffer.byteLength(line) + 2;
  }
  return Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8');
}

progress('building a 50 MB CSV file…');
const csv = buildCsv();
const rows = csv.toString('utf8').split('\r\n').length - 2;

// Baseline: the same host idle for a while, measured the same way.
await ask('reset');
await new Promise((resolve) => setTimeout(resolve, 3000));
const idle = await ask('figures');

await ask('reset');
const users = await call<{ id: number; isAdmin: boolean }[]>('listUsers', {});
await call('selectUser', { userId: users.find((u) => u.isAdmin)!.id });
const workflowId = (await call<{ workflows: { id: number; name: string }[] }>('getWorkspace', {})).workflows.find((w) => w.name === 'Ansøgning om tilskud')!.id;
const start = performance.now();
progress(`uploading ${(csv.length / 1e6).toFixed(1)} MB (${rows} rows) in 1 MiB pieces…`);
const { uploadId } = await call<{ uploadId: string }>('startCsvUpload', { size: csv.length });
for (let offset = 0; offset < csv.length; offset += CSV_UPLOAD_PIECE_BYTES) {
  await call('appendCsvUpload', { uploadId, offset, data: csv.subarray(offset, offset + CSV_UPLOAD_PIECE_BYTES).toString('base64') });
}
progress('preview…');
const preview = await call<{ suggestedMapping: Record<string, string>; rowCount: number }>('previewCsvImport', { uploadId });
progress('import…');
const report = await call<{ imported: number; failed: number; rowErrors: unknown[] }>('runCsvImport', { uploadId, workflowId, mapping: preview.suggestedMapping });
const totalMs = performance.now() - start;
const busy = await ask('figures');

const extra = { file_mb: Number((csv.length / 1e6).toFixed(1)), rows: preview.rowCount, imported: report.imported, failed: report.failed, answer_errors: report.rowErrors.length };
reportLine('import', 'host_rss_peak_mb', busy.rss_peak_mb!, 'MB', { target: RSS_TARGET_MB, better: 'lower' }, { ...extra, idle_baseline_mb: Number(idle.rss_peak_mb!.toFixed(1)), above_idle_mb: Number((busy.rss_peak_mb! - idle.rss_peak_mb!).toFixed(1)), max_rss_mb: Number(busy.max_rss_mb!.toFixed(1)), main_heap_at_peak_mb: Number(busy.heap_used_mb!.toFixed(1)), main_external_at_peak_mb: Number(busy.external_mb!.toFixed(1)), idle_main_heap_mb: Number(idle.heap_now_mb!.toFixed(1)), worker_heap_max_mb: Number(busy.worker_heap_max_mb!.toFixed(1)), worker_external_max_mb: Number(busy.worker_external_max_mb!.toFixed(1)) });
reportLine('import', 'host_event_loop_max_block_ms', busy.event_loop_max_block_ms!, 'ms', { target: BLOCK_TARGET_MS, better: 'lower' }, {
  idle_baseline_ms: Number(idle.event_loop_max_block_ms!.toFixed(1)),
  // A loaded machine holds even the idle host's loop: the ratio says how much of the block is the import's.
  times_idle_block: Number((busy.event_loop_max_block_ms! / Math.max(1, idle.event_loop_max_block_ms!)).toFixed(1)),
  libuv_delay_max_ms: Number(busy.event_loop_delay_max_ms!.toFixed(1)),
  longest_write_transaction_ms: Number(busy.longest_write_ms!.toFixed(1)),
  write_transactions_over_50_ms: busy.slow_writes!,
  idle_libuv_delay_max_ms: Number(idle.event_loop_delay_max_ms!.toFixed(1)),
});
reportLine('import', 'import_records_per_s', report.imported / (totalMs / 1000), 'records/s', undefined, { total_ms: Math.round(totalMs) });

// The host closes the store and removes its folder; it answers nothing to this.
const exited = new Promise((resolve) => host.once('exit', resolve));
host.stdin.write('stop\n');
await exited;
