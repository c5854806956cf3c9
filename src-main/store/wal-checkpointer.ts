import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Db } from './database';

/**
 * How often the background connection copies committed pages into the database
 * file. A checkpoint copies each page once however many commits changed it since
 * the last one, so a second between them copies less during an import than 200 ms did.
 */
const INTERVAL_MS = 1000;
/**
 * The app's own connection still checkpoints when the log passes this many pages
 * (~200 MB): a safety net should the background thread stop or fall behind, not
 * the normal path. A passive checkpoint cannot restart the log while writes keep
 * coming (a 100,000-row import grows it to ~140 MB); it restarts at the next quiet moment.
 */
const FALLBACK_AUTOCHECKPOINT_PAGES = 50_000;
/** After a checkpoint has caught up, the log file is cut back to this size. */
const WAL_SIZE_LIMIT_BYTES = 32 * 1024 * 1024;

// Runs in the worker thread (plain CommonJS, so it needs no build step in any
// host): its own connection to the same file, checkpointing on a timer.
// PASSIVE never waits for and never blocks the app's readers or writer.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 0');
const checkpoint = () => {
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch { /* busy or closing: the next tick tries again */ }
};
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message !== 'close') return;
  clearInterval(timer);
  checkpoint();
  db.close();
  parentPort.close();
});
`;

/** Stops the background checkpoints; the last one runs before it resolves. */
export type StopCheckpoints = () => Promise<void>;

/**
 * Moves WAL checkpoints off the app's thread. SQLite otherwise checkpoints inside
 * the COMMIT that pushes the log past 1,000 pages, so a large write (a CSV
 * import of 10,000 records writes ~15 MB) paid for copying the log into the
 * database file and syncing it before the caller got control back: about 40% of
 * an import's time. A second connection in a worker thread does that copy on the
 * other core instead; durability is unchanged (WAL with synchronous=NORMAL: a
 * commit survives an application crash, and a power cut can lose only the last
 * commits, exactly as before).
 *
 * For database files only (an in-memory database has no log to copy).
 */
export function startBackgroundCheckpoints(db: Db, file: string): StopCheckpoints {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { driver, file, intervalMs: INTERVAL_MS } });
  // The thread must never keep a CLI run or a test process alive by itself.
  worker.unref();
  let failed = false;
  worker.on('error', () => {
    // Fall back to checkpointing on the app's own connection, as SQLite does by default.
    failed = true;
    if (db.open) db.pragma('wal_autocheckpoint = 1000');
  });
  db.pragma(`wal_autocheckpoint = ${FALLBACK_AUTOCHECKPOINT_PAGES}`);
  db.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT_BYTES}`);
  let stopped: Promise<void> | null = null;
  return () =>
    (stopped ??= failed
      ? Promise.resolve()
      : new Promise<void>((resolve) => {
          // Held again while closing: an unreferenced thread's exit would not keep the process waiting for it.
          worker.ref();
          worker.once('exit', () => resolve());
          worker.postMessage('close');
        }));
}
