// The CSV import's second thread: decodes, reads and checks a file's rows and
// prepares the good ones (csv-file-check.ts) while the app's thread stays free
// and writes the prepared rows in small transactions. No Electron.
import { parentPort, workerData } from 'node:worker_threads';
import { DomainError } from '../shared/domain-error';
import { checkFile, decodeSource, previewText } from './csv-file-check';
import { readExistingCprs } from './existing-cprs';
import { CONTROL_STOP, CONTROL_WRITTEN, type CsvJob, type CsvJobMessage } from './row-check-protocol';

/** Batches sent ahead of the writer: enough to keep it busy, few enough to bound memory. */
const BATCHES_AHEAD = 4;

class Stopped extends Error {}

function run(job: CsvJob): void {
  const { port } = job;
  const send = (message: CsvJobMessage): void => port.postMessage(message);
  try {
    const { text, encoding } = decodeSource(job.source);
    // The bytes are not needed once decoded: let them go before the rows are read.
    (job as { source: unknown }).source = null;
    const existing = readExistingCprs(job.dbFile);
    if (job.kind === 'preview') {
      send({ kind: 'preview', preview: previewText(text, encoding, { fields: job.fields, firstRowIsData: job.firstRowIsData, existing }) });
      return;
    }
    const control = new Int32Array(job.control);
    let sent = 0;
    checkFile(
      text,
      encoding,
      { ...job.options, existing },
      {
        onProgress: (rowsRead) => send({ kind: 'progress', rowsRead }),
        onChecked: (checked) => send({ kind: 'checked', checked }),
        onBatch: (records) => {
          // Waits while the writer is BATCHES_AHEAD behind; stops when it gave up.
          for (;;) {
            if (Atomics.load(control, CONTROL_STOP) === 1) throw new Stopped();
            const written = Atomics.load(control, CONTROL_WRITTEN);
            if (sent - written < BATCHES_AHEAD) break;
            Atomics.wait(control, CONTROL_WRITTEN, written, 1000);
          }
          send({ kind: 'rows', records });
          sent += 1;
        },
      },
      job.batchSize,
    );
    send({ kind: 'done' });
  } catch (error) {
    if (error instanceof Stopped) return;
    // A DomainError travels as itself; anything else as a plain failure (the app's thread reports it as internal).
    const code = error instanceof DomainError ? error.code : null;
    send({ kind: 'failed', code, message: error instanceof Error ? error.message : String(error) });
  } finally {
    port.close();
  }
}

parentPort?.on('message', (job: CsvJob) => run(job));

// Listening: tell the thread that started this one, which may be waiting for it.
const ready = new Int32Array((workerData as { ready: SharedArrayBuffer }).ready);
Atomics.store(ready, 0, 1);
Atomics.notify(ready, 0);
