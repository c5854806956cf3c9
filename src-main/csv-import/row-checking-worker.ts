// The CSV import's second thread: reads, checks and prepares the file's rows
// (recordPreparer) while the app's thread writes the ones already prepared (see checked-rows.ts). Pure
// functions only: no database, no Electron.
import { parentPort, workerData } from 'node:worker_threads';
import type { CsvRowError } from '../contract';
import { recordPreparer, type PreparedRecord } from '../records/record-preparer';
import { rowChecker } from '../records/row-checker';
import { DomainError } from '../shared/domain-error';
import { peopleFinder } from '../users/people-finder';
import { openCsv } from './parse-csv';
import type { RowCheckJob, RowCheckMessage } from './row-check-protocol';

/** Rows per message: enough that messaging costs little. The first is small, so the writer starts at once. */
const ROWS_PER_MESSAGE = 256;
const ROWS_IN_FIRST_MESSAGE = 32;

function run(job: RowCheckJob): void {
  const { port } = job;
  const signal = new Int32Array(job.signal);
  const send = (message: RowCheckMessage): void => {
    port.postMessage(message);
    // Wakes the writer, which waits on this counter when it has nothing to write.
    Atomics.add(signal, 0, 1);
    Atomics.notify(signal, 0);
  };
  try {
    const users = new Set(job.people.users.map((u) => u.id));
    const groups = new Set(job.people.groups.map((g) => g.id));
    const check = rowChecker(job.allFields, job.fields, job.columns, {
      userExists: (id) => users.has(id),
      groupExists: (id) => groups.has(id),
      finder: peopleFinder(job.people),
    });
    const { prepare } = recordPreparer(job.fields);
    let records: PreparedRecord[] = [];
    let refused: CsvRowError[] = [];
    let sent = false;
    openCsv(job.csv).eachRow((row) => {
      const checked = check(row.cells);
      if (checked.errors) refused.push({ line: row.line, errors: checked.errors });
      else records.push(prepare(checked.values));
      if (records.length + refused.length >= (sent ? ROWS_PER_MESSAGE : ROWS_IN_FIRST_MESSAGE)) {
        sent = true;
        send({ kind: 'rows', records, refused });
        records = [];
        refused = [];
      }
    });
    send({ kind: 'rows', records, refused });
    send({ kind: 'done' });
  } catch (error) {
    // A DomainError travels as itself; anything else as a plain failure (the app's thread reports it as internal).
    const code = error instanceof DomainError ? error.code : null;
    send({ kind: 'failed', code, message: error instanceof Error ? error.message : String(error) });
  } finally {
    port.close();
  }
}

parentPort?.on('message', (job: RowCheckJob) => run(job));

// Listening: tell the thread that started this one, which may be waiting for it.
const ready = new Int32Array((workerData as { ready: SharedArrayBuffer }).ready);
Atomics.store(ready, 0, 1);
Atomics.notify(ready, 0);
