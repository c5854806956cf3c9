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
 * the normal path. That checkpoint runs inside a COMMIT on the app's thread and
 * held its event loop ~220 ms in a 50 MB import, so long writers avoid it with
 * `whenLogIsShort` (below).
 */
const FALLBACK_AUTOCHECKPOINT_PAGES = 50_000;
/**
 * A log this long (~64 MB of 4 KiB pages) asks a long writer to pause until a
 * checkpoint has caught up: SQLite starts the log again from its beginning
 * only when a write begins after every frame has been copied, which never
 * happens while an import commits without a break.
 */
export const LONG_LOG_PAGES = 16_384;
/** After a checkpoint has caught up, the log file is cut back to this size. */
const WAL_SIZE_LIMIT_BYTES = 32 * 1024 * 1024;
/** A catch-up the thread does not answer within this time is not waited for any longer. */
const CATCH_UP_WAIT_MS = 5_000;

// Runs in the worker thread (plain CommonJS, so it needs no build step in any
// host): its own connection to the same file, checkpointing on a timer and
// when asked. PASSIVE never waits for and never blocks the app's readers or
// writer. After each checkpoint the log's length in pages goes to shared
// memory. A checkpoint that copies every frame while the app keeps writing
// does not shorten the log: SQLite starts it afresh only when a write begins
// with nothing left to copy, so a long writer waits for a catch-up.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 0');
const logPages = new Int32Array(workerData.logPages);
const checkpoint = () => {
  try {
    const [result] = db.pragma('wal_checkpoint(PASSIVE)');
    if (result && result.log >= 0) Atomics.store(logPages, 0, result.log);
  } catch { /* busy or closing: the next tick tries again */ }
};
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message === 'catch-up') {
    checkpoint();
    // The writer goes on until the next timed checkpoint measures the log again: copied to the end,
    // its next write starts the log afresh; held back by another connection's reader (or busy),
    // it must still write rather than wait for a catch-up after every catch-up.
    Atomics.store(logPages, 0, 0);
    parentPort.postMessage('caught-up');
    return;
  }
  if (message !== 'close') return;
  clearInterval(timer);
  checkpoint();
  db.close();
  parentPort.close();
});
`;

/** Stops the background checkpoints; the last one runs before it resolves. */
export type StopCheckpoints = () => Promise<void>;

/** What a long writer (the CSV import) asks of the checkpoints between its transactions. */
export interface LogLength {
  /**
   * Null when the log is short (write on); otherwise a promise that settles once
   * a checkpoint has copied the log, so the next write starts it afresh. The
   * app's thread is free meanwhile: only the writer waits.
   */
  whenLogIsShort(): Promise<void> | null;
}

export interface BackgroundCheckpoints extends LogLength {
  stop: StopCheckpoints;
}

/** For an in-memory store (no log): never asks a writer to wait. */
export const NO_LOG_TO_WATCH: LogLength = { whenLogIsShort: () => null };

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
export function startBackgroundCheckpoints(db: Db, file: string): BackgroundCheckpoints {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const logPages = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { driver, file, intervalMs: INTERVAL_MS, logPages: logPages.buffer } });
  // The thread must never keep a CLI run or a test process alive by itself.
  worker.unref();
  let failed = false;
  let catchingUp: Promise<void> | null = null;
  let caughtUp: (() => void) | null = null;
  const settleCatchUp = (): void => {
    caughtUp?.();
    caughtUp = null;
    catchingUp = null;
  };
  worker.on('message', (message) => {
    if (message === 'caught-up') settleCatchUp();
  });
  worker.on('error', () => {
    // Fall back to checkpointing on the app's own connection, as SQLite does by default.
    failed = true;
    settleCatchUp();
    if (db.open) db.pragma('wal_autocheckpoint = 1000');
  });
  db.pragma(`wal_autocheckpoint = ${FALLBACK_AUTOCHECKPOINT_PAGES}`);
  db.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT_BYTES}`);
  let stopped: Promise<void> | null = null;
  return {
    whenLogIsShort() {
      if (failed || stopped || Atomics.load(logPages, 0) < LONG_LOG_PAGES) return null;
      catchingUp ??= new Promise<void>((resolve) => {
        // Held while the writer waits: a CLI import must not end because only this thread is left to answer.
        worker.ref();
        const giveUp = setTimeout(settleCatchUp, CATCH_UP_WAIT_MS);
        caughtUp = () => {
          clearTimeout(giveUp);
          if (!stopped) worker.unref();
          resolve();
        };
        worker.postMessage('catch-up');
      });
      return catchingUp;
    },
    stop: () =>
      (stopped ??= failed
        ? Promise.resolve()
        : new Promise<void>((resolve) => {
            // Held again while closing: an unreferenced thread's exit would not keep the process waiting for it.
            worker.ref();
            worker.once('exit', () => {
              settleCatchUp();
              resolve();
            });
            worker.postMessage('close');
          })),
  };
}
