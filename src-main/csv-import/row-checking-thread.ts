import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { DomainError } from '../shared/domain-error';
import type { RowCheckJob, RowCheckMessage } from './row-check-protocol';

/** How long the writer waits for the next rows before giving the import up. */
const ROWS_WAIT_MS = 60_000;

type Rows = Extract<RowCheckMessage, { kind: 'rows' }>;

/**
 * A second thread that reads and checks a CSV file's rows while the app's
 * thread writes the rows already checked: on a two-core machine the import
 * takes about as long as its database writes alone, instead of writes plus
 * parsing plus checking.
 *
 * The writer receives rows synchronously (receiveMessageOnPort, sleeping on a
 * shared counter in between), so the whole import stays inside one synchronous
 * transaction: no other code runs on the app's connection while it is open.
 */
export class RowCheckingThread {
  private worker: Worker | null = null;
  /** Raised to 1 by the thread once it listens. */
  private ready: Int32Array | null = null;
  private broken = false;
  /** Files whose rows this thread has read (for the app's diagnostics and tests). */
  filesChecked = 0;

  /**
   * Starts the thread if it is not running, without waiting for it (the import
   * screen calls this when a file is previewed, so the thread is up by the time
   * it is imported).
   */
  warmUp(): void {
    if (this.broken || this.worker) return;
    try {
      const ready = new SharedArrayBuffer(4);
      const worker = new Worker(workerEntry(), { workerData: { ready }, ...workerOptions() });
      // Idle, it must not keep a CLI run or a test process alive.
      worker.unref();
      worker.on('error', () => this.lose(worker));
      worker.on('exit', () => this.lose(worker));
      this.worker = worker;
      this.ready = new Int32Array(ready);
    } catch {
      this.broken = true;
    }
  }

  /**
   * Whether the thread is up and listening. It never waits: while the thread is
   * still starting (or could not start), the import reads its rows on the app's
   * own thread, which gives the same result a little slower.
   */
  available(): boolean {
    this.warmUp();
    return this.worker !== null && this.ready !== null && Atomics.load(this.ready, 0) === 1;
  }

  /**
   * The checked rows of one file, in file order, as the thread sends them. Blocks
   * between messages. Throws the checker's own error (e.g. a file without a header).
   */
  *check(job: Omit<RowCheckJob, 'port' | 'signal'>): Generator<Rows, void, undefined> {
    const worker = this.worker;
    if (!worker || !this.available()) throw new Error('RowCheckingThread.check while the thread is not available');
    const { port1, port2 } = new MessageChannel();
    const signal = new SharedArrayBuffer(4);
    const counter = new Int32Array(signal);
    worker.postMessage({ ...job, port: port2, signal } satisfies RowCheckJob, [port2]);
    try {
      for (;;) {
        const seen = Atomics.load(counter, 0);
        const received = receiveMessageOnPort(port1);
        if (!received) {
          if (Atomics.wait(counter, 0, seen, ROWS_WAIT_MS) === 'timed-out') {
            this.lose(worker);
            void worker.terminate();
            throw new DomainError('import_failed', 'checking the rows of the file stopped answering');
          }
          continue;
        }
        const message = received.message as RowCheckMessage;
        if (message.kind === 'done') {
          this.filesChecked += 1;
          return;
        }
        if (message.kind === 'failed') throw message.code ? new DomainError(message.code, message.message) : new Error(message.message);
        yield message;
      }
    } finally {
      port1.close();
    }
  }

  /** Ends the thread (the app is closing). */
  async stop(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    this.broken = true;
    if (!worker) return;
    // Held again while ending: an unreferenced thread's exit would not keep the process waiting for it.
    worker.ref();
    await worker.terminate();
  }

  /** A thread that failed or ended is not started again: imports stay on the app's thread. */
  private lose(worker: Worker): void {
    if (this.worker !== worker) return;
    this.worker = null;
    this.ready = null;
    this.broken = true;
  }
}

/**
 * The worker's module: next to this file when running from source (tsx,
 * vitest), and built next to the bundle (out/main/row-checking-worker.js,
 * electron.vite.config.ts) in the app.
 */
function workerEntry(): URL {
  const fromSource = import.meta.url.endsWith('.ts');
  return new URL(fromSource ? './row-checking-worker.ts' : './row-checking-worker.js', import.meta.url);
}

/** From source, the worker needs the TypeScript loader the app was started with (tsx), or gets it. */
function workerOptions(): { execArgv?: string[] } {
  if (!import.meta.url.endsWith('.ts')) return {};
  const hasTsx = process.execArgv.some((arg) => arg.includes('tsx'));
  return hasTsx ? {} : { execArgv: [...process.execArgv, '--import', 'tsx'] };
}
