// The app's side of `npm run bench:import`: the web host's opening path and
// HTTP transport in a process of its own, so its memory and event loop are
// measured without the bench's client (which builds and sends the file).
// Prints one JSON line with its port and token, then answers "figures" on stdin.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import type { Worker } from 'node:worker_threads';
import { openApp } from '../../src-main/app/open-app';
import { EnvSecretStore } from '../../src-main/app/secrets';
import { MemorySettingsStore } from '../../src-main/app/settings';
import { startWebServer } from '../../src-main/web/web-server';

const dataDir = mkdtempSync(join(tmpdir(), 'caseworker-bench-import-'));
const app = openApp({ dataDir, settings: new MemorySettingsStore({ language: 'da' }), secrets: new EnvSecretStore({}), transport: 'web', seedDemo: true });
const server = await startWebServer({ app, staticDir: join(dataDir, 'no-static'), port: 0 });

/** The longest write transaction (an import's batch, with its commit): where a long hold would come from the store. */
let longestWrite = 0;
const { db } = app.services;
const transaction = db.transaction.bind(db);
db.transaction = ((fn: (...args: unknown[]) => unknown) => {
  const original = transaction(fn);
  // better-sqlite3's transaction functions are frozen: a look-alike with a timed `immediate`.
  const timed = Object.assign((...args: unknown[]) => original(...args), {
    default: original.default,
    deferred: original.deferred,
    exclusive: original.exclusive,
    immediate: (...args: unknown[]) => {
      const started = performance.now();
      try {
        return original.immediate(...args);
      } finally {
        const took = performance.now() - started;
        longestWrite = Math.max(longestWrite, took);
        if (took >= 50) slowWrites += 1;
        if (took >= 50 && process.env.BENCH_TRACE) {
          const wal = statSync(`${db.name}-wal`, { throwIfNoEntry: false })?.size ?? 0;
          process.stderr.write(`[host] write ${took.toFixed(0)} ms, log ${(wal / 1e6).toFixed(0)} MB\n`);
        }
      }
    },
  });
  return timed;
}) as typeof db.transaction;

/**
 * The longest the event loop was held, sampled every 5 ms: a timer that fires
 * late by N ms means something ran N ms without a break. (monitorEventLoopDelay
 * gives the same figure from libuv's side; both are reported.)
 */
let longest = 0;
let last = performance.now();
const tick = setInterval(() => {
  const now = performance.now();
  longest = Math.max(longest, now - last - 5);
  last = now;
}, 5);
const histogram = monitorEventLoopDelay({ resolution: 5 });

/** The import's second thread's heap, sampled (its memory counts in the process's RSS too). */
let workerHeapMax = 0;
let workerExternalMax = 0;
const workerHeap = setInterval(() => {
  // The thread is the service's own; read here for the bench's breakdown only.
  const worker = (app.services.csvRowChecking as unknown as { worker: Worker | null }).worker;
  worker
    ?.getHeapStatistics()
    .then((stats) => {
      workerHeapMax = Math.max(workerHeapMax, stats.used_heap_size);
      workerExternalMax = Math.max(workerExternalMax, (stats as { external_memory?: number }).external_memory ?? 0);
    })
    .catch(() => {});
}, 100);
/** Write transactions that held the thread 50 ms or more, with their time. */
let slowWrites = 0;

let phaseRss = 0;
/** The app thread's own memory when the process peaked (the rest is SQLite's and the second thread's). */
let atPeak = { heap_used_mb: 0, external_mb: 0 };
const rss = setInterval(() => {
  const usage = process.memoryUsage();
  if (usage.rss > phaseRss) {
    phaseRss = usage.rss;
    atPeak = { heap_used_mb: usage.heapUsed / 1024 / 1024, external_mb: usage.external / 1024 / 1024 };
  }
}, 20);

const figures = () => ({
  rss_peak_mb: phaseRss / 1024 / 1024,
  max_rss_mb: process.resourceUsage().maxRSS / 1024,
  event_loop_max_block_ms: longest,
  event_loop_delay_max_ms: histogram.max / 1e6,
  longest_write_ms: longestWrite,
  slow_writes: slowWrites,
  worker_heap_max_mb: workerHeapMax / 1024 / 1024,
  worker_external_max_mb: workerExternalMax / 1024 / 1024,
  heap_now_mb: process.memoryUsage().heapUsed / 1024 / 1024,
  ...atPeak,
});

process.stdout.write(`${JSON.stringify({ port: server.port, token: server.token })}\n`);
const lines = createInterface({ input: process.stdin });
lines.on('line', (line) => {
  if (line === 'reset') {
    // The same measures from here on: the idle baseline is taken before the import.
    longest = 0;
    longestWrite = 0;
    slowWrites = 0;
    workerHeapMax = 0;
    workerExternalMax = 0;
    last = performance.now();
    histogram.reset();
    histogram.enable();
    phaseRss = process.memoryUsage().rss;
    process.stdout.write(`${JSON.stringify({ reset: true })}\n`);
  } else if (line === 'figures') {
    process.stdout.write(`${JSON.stringify(figures())}\n`);
  } else if (line === 'stop') {
    clearInterval(tick);
    clearInterval(rss);
    clearInterval(workerHeap);
    void server
      .close()
      .then(() => app.close())
      .then(() => {
        rmSync(dataDir, { recursive: true, force: true });
        process.exit(0);
      });
  }
});
