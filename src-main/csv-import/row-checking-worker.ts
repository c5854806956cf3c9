// The CSV import's second thread: decodes, reads and checks a file's rows and
// prepares the good ones (csv-file-check.ts) while the app's thread stays free
// and writes the prepared rows in small transactions. No Electron.
import { parentPort, workerData } from 'node:worker_threads';
import { DomainError } from '../shared/domain-error';
import { checkFile, decodeSource, previewText } from './csv-file-check';
import { readExistingCprs } from './existing-cprs';
import { CONTROL_STOP, CONTROL_WRITTEN, type CsvJob, type CsvJobMessage } from './row-check-protocol';

class Stopped extends Error {}

function run(job: CsvJob): void {
  const { port } = job;
  const send = (message: CsvJobMessage): void => port.postMessage(message);
  try {
    // Decoded slice by slice as the rows are read: the file's whole text is never held.
    const { slices, encoding, shareRead } = decodeSource(job.source);
    const existing = readExistingCprs(job.dbFile);
    if (job.kind === 'preview') {
      send({ kind: 'preview', preview: previewText(slices, encoding, { fields: job.fields, firstRowIsData: job.firstRowIsData, existing }) });
      return;
    }
    const control = new Int32Array(job.control);
    let sent = 0;
    const stopped = (): void => {
      if (Atomics.load(control, CONTROL_STOP) === 1) throw new Stopped();
    };
    checkFile(
      slices,
      encoding,
      { ...job.options, existing },
      {
        onProgress: (rowsRead, rowsToWrite) => send({ kind: 'progress', rowsRead, rowsToWrite }),
        onRefused: (rows) => send({ kind: 'refused', rows }),
        onChecked: (checked) => send({ kind: 'checked', checked }),
        onBatch: (records) => {
          // Waits while the writer is batchesAhead behind; stops when it gave up.
          for (;;) {
            stopped();
            const written = Atomics.load(control, CONTROL_WRITTEN);
            if (sent - written < job.batchesAhead) break;
            Atomics.wait(control, CONTROL_WRITTEN, written, 1000);
          }
          send({ kind: 'rows', records });
          sent += 1;
        },
      },
      job.batchSize,
      shareRead,
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
