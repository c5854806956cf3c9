import { MessageChannel, Worker, type TransferListItem } from 'node:worker_threads';
import type { CsvPreview, CsvRowError, FieldDef } from '../contract';
import type { PreparedRecord } from '../records/record-preparer';
import { DomainError } from '../shared/domain-error';
import type { CheckedFile, CheckOptions, CsvSource } from './csv-file-check';
import type { WriteSizer } from './write-sizer';
import { CONTROL_STOP, CONTROL_WRITTEN, type CsvJob, type CsvJobMessage, type CsvJobRequest } from './row-check-protocol';

/** How long an import waits for the thread to start before reading the file on the app's thread instead. */
const START_WAIT_MS = 15_000;
/** How long without a message from the thread before the import is given up. */
const SILENCE_MS = 120_000;

export interface ImportHandlers {
  onProgress(rowsRead: number, rowsToWrite: number): void;
  onRefused(rows: CsvRowError[]): void;
  onChecked(checked: CheckedFile): void;
  /** Writes one batch (synchronously, in its own transaction); throwing stops the thread and fails the import. */
  onBatch(records: PreparedRecord[]): void;
  /** Asked before each transaction: a promise makes the writer wait for it (the event loop stays free), null writes on. */
  pauseBeforeWrite?(): Promise<void> | null;
}

/**
 * The CSV import's second thread: it decodes, reads and checks the file and
 * prepares the good rows, so the app's thread only writes them, one small
 * transaction per batch, and its event loop stays free in between (issue 13:
 * no more than 100 ms at a time). Jobs run one after the other.
 */
export class RowCheckingThread {
  private worker: Worker | null = null;
  /** Raised to 1 by the thread once it listens. */
  private ready: Int32Array | null = null;
  private broken = false;
  /** Files whose rows this thread has read (for the app's diagnostics and tests). */
  filesChecked = 0;

  /** Starts the thread if it is not running, without waiting for it (the import screen calls this when a file is chosen). */
  warmUp(): void {
    if (this.broken || this.worker) return;
    try {
      const ready = new SharedArrayBuffer(4);
      // A bounded heap makes the thread collect a file's garbage (every parsed cell) as it goes instead of
      // growing first: it holds one slice of the file's text at a time and the CPR numbers seen (as numbers:
      // ~40 bytes each, so 128 MB leaves room for a 50 MB file and a store of a million records).
      const worker = new Worker(workerEntry(), { workerData: { ready }, resourceLimits: { maxOldGenerationSizeMb: 128, maxYoungGenerationSizeMb: 16 }, ...workerOptions() });
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

  /** Whether the thread is up and listening now. */
  available(): boolean {
    this.warmUp();
    return this.worker !== null && this.ready !== null && Atomics.load(this.ready, 0) === 1;
  }

  /** Waits (without blocking) until the thread listens; false when it cannot start. */
  async whenAvailable(timeoutMs = START_WAIT_MS): Promise<boolean> {
    const until = Date.now() + timeoutMs;
    while (!this.available()) {
      if (this.broken || Date.now() > until) return false;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return true;
  }

  /** The preview of a file, read on the thread. The source's bytes are shared (an upload's) or copied, not moved. */
  async preview(job: { source: CsvSource; fields: FieldDef[]; firstRowIsData: boolean; dbFile: string | null }): Promise<CsvPreview> {
    let preview: CsvPreview | null = null;
    await this.run({ kind: 'preview', ...job }, [], (message) => {
      if (message.kind === 'preview') preview = message.preview;
    });
    if (!preview) throw new Error('the row-checking thread sent no preview');
    return preview;
  }

  /**
   * Checks a file on the thread and writes its good rows through `handlers`:
   * as many of the batches the thread has sent as `sizer` allows in one
   * transaction, one transaction per turn of the event loop. The source's
   * bytes are shared with the thread (an upload's) or moved to it.
   */
  async import(
    job: { source: CsvSource; options: Omit<CheckOptions, 'existing'>; batchSize: number; batchesAhead: number; dbFile: string | null },
    handlers: ImportHandlers,
    sizer: WriteSizer,
  ): Promise<void> {
    const control = new Int32Array(new SharedArrayBuffer(8));
    const transfer: TransferListItem[] = 'bytes' in job.source && ownsItsBuffer(job.source.bytes) ? [job.source.bytes.buffer] : [];
    // Batches are written one transaction per turn of the event loop (setImmediate), never
    // straight from the message handler: Node delivers a port's queued messages
    // in one go, and writing (then acknowledging, so the thread sends the next)
    // inside it would hold the event loop for the whole import.
    const queue: PreparedRecord[][] = [];
    let scheduled = false;
    let pausing = false;
    let failure: unknown = null;
    let idle: (() => void) | null = null;
    const abort: { fail?: (error: unknown) => void } = {};
    const writeNext = (): void => {
      scheduled = false;
      if (queue.length && failure === null) {
        const pause = handlers.pauseBeforeWrite?.() ?? null;
        if (pause) {
          pausing = true;
          const resume = (): void => {
            pausing = false;
            schedule();
          };
          pause.then(resume, resume);
          return;
        }
        // Whole batches, up to the sizer's rows (at least one batch).
        const allowed = sizer.rows();
        let records = queue.shift() as PreparedRecord[];
        let taken = 1;
        while (queue.length && records.length + (queue[0] as PreparedRecord[]).length <= allowed) {
          records = records.concat(queue.shift() as PreparedRecord[]);
          taken += 1;
        }
        try {
          // Sized by the app thread's own CPU time: on a free core that is the time the event loop
          // waits, and a machine busy with other work (which would make every transaction look
          // slow and shrink them all, costing a commit per few rows) does not skew it.
          const started = threadCpuMs();
          handlers.onBatch(records);
          sizer.observe(records.length, threadCpuMs() - started);
          Atomics.add(control, CONTROL_WRITTEN, taken);
          Atomics.notify(control, CONTROL_WRITTEN);
        } catch (error) {
          failure = error;
          abort.fail?.(error);
        }
      }
      if (queue.length && failure === null) schedule();
      else idle?.();
    };
    const schedule = (): void => {
      if (scheduled || pausing) return;
      scheduled = true;
      setImmediate(writeNext);
    };
    try {
      await this.run(
        { kind: 'import', ...job, control: control.buffer as SharedArrayBuffer },
        transfer,
        (message) => {
          if (message.kind === 'progress') handlers.onProgress(message.rowsRead, message.rowsToWrite);
          else if (message.kind === 'refused') handlers.onRefused(message.rows);
          else if (message.kind === 'checked') handlers.onChecked(message.checked);
          else if (message.kind === 'rows') {
            queue.push(message.records);
            schedule();
          }
        },
        abort,
      );
      // "done" comes after the last batch; the batches still queued are written first.
      if (queue.length || scheduled || pausing) await new Promise<void>((resolve) => (idle = resolve));
      if (failure !== null) throw failure;
      this.filesChecked += 1;
    } catch (error) {
      // The writer gave up (or the thread did): let the thread stop reading.
      Atomics.store(control, CONTROL_STOP, 1);
      Atomics.notify(control, CONTROL_WRITTEN);
      throw error;
    }
  }

  /** Posts a job and settles when the thread says done (or failed); each message goes to `onMessage` as it arrives. */
  private run(
    job: CsvJobRequest,
    transfer: TransferListItem[],
    onMessage: (message: CsvJobMessage) => void,
    abort: { fail?: (error: unknown) => void } = {},
  ): Promise<void> {
    const worker = this.worker;
    if (!worker || !this.available()) return Promise.reject(new Error('RowCheckingThread: the thread is not available'));
    const { port1, port2 } = new MessageChannel();
    return new Promise<void>((resolve, reject) => {
      let settled = false;
      let silence: NodeJS.Timeout;
      const settle = (error?: unknown): void => {
        if (settled) return;
        settled = true;
        clearTimeout(silence);
        worker.off('exit', onExit);
        port1.close();
        if (error === undefined) resolve();
        else reject(error instanceof Error ? error : new Error(String(error)));
      };
      const listen = (): void => {
        clearTimeout(silence);
        silence = setTimeout(() => settle(new DomainError('import_failed', 'reading the rows of the file stopped answering')), SILENCE_MS);
      };
      const onExit = (): void => settle(new DomainError('import_failed', 'reading the rows of the file stopped unexpectedly'));
      // The writer failing ends the job at once (the thread is told to stop and sends nothing more).
      abort.fail = (error) => settle(error);
      worker.on('exit', onExit);
      port1.on('message', (message: CsvJobMessage) => {
        if (settled) return;
        listen();
        try {
          if (message.kind === 'done' || message.kind === 'preview') {
            onMessage(message);
            settle();
          } else if (message.kind === 'failed') {
            settle(message.code ? new DomainError(message.code, message.message) : new Error(message.message));
          } else onMessage(message);
        } catch (error) {
          settle(error);
        }
      });
      listen();
      worker.postMessage({ ...job, port: port2 } as CsvJob, [port2, ...transfer]);
    });
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

  /** A thread that failed or ended is not started again: imports then read their rows on the app's thread. */
  private lose(worker: Worker): void {
    if (this.worker !== worker) return;
    this.worker = null;
    this.ready = null;
    this.broken = true;
  }
}

/** This thread's CPU time in ms (the wall clock where Node cannot tell). */
function threadCpuMs(): number {
  if (typeof process.threadCpuUsage !== 'function') return performance.now();
  const { user, system } = process.threadCpuUsage();
  return (user + system) / 1000;
}

/** Only a view over a whole ArrayBuffer of its own may be moved (a small Buffer may share Node's pool). */
function ownsItsBuffer(bytes: Uint8Array): bytes is Uint8Array<ArrayBuffer> {
  return bytes.buffer instanceof ArrayBuffer && bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.byteLength > 8192;
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
