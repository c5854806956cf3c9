import type { MessagePort } from 'node:worker_threads';
import type { CsvPreview, ErrorCode, FieldDef } from '../contract';
import type { PreparedRecord } from '../records/record-preparer';
import type { CheckedFile, CheckOptions, CsvSource } from './csv-file-check';

/** The store's file, read by the thread for the CPR numbers it holds (null for an in-memory store). */
type Store = { dbFile: string | null };

/** Work for the import's second thread, sent with the port its answers come back on. */
export type CsvJob =
  | (Store & { kind: 'preview'; source: CsvSource; fields: FieldDef[]; firstRowIsData: boolean; port: MessagePort })
  | (Store & {
      kind: 'import';
      source: CsvSource;
      options: Omit<CheckOptions, 'existing'>;
      batchSize: number;
      port: MessagePort;
      /**
       * Int32 [0]: batches the writer has written (the thread sends at most a few
       * ahead, so a fast reader does not fill memory); [1]: 1 when the writer gave up.
       */
      control: SharedArrayBuffer;
    });

export type CsvJobMessage =
  | { kind: 'preview'; preview: CsvPreview }
  | { kind: 'progress'; rowsRead: number }
  /** Every row checked: what will be written and what is refused, before anything is written. */
  | { kind: 'checked'; checked: CheckedFile }
  /** The next good rows in file order, prepared for the writer. */
  | { kind: 'rows'; records: PreparedRecord[] }
  | { kind: 'done' }
  /** `code` for a DomainError, null for anything else. */
  | { kind: 'failed'; code: ErrorCode | null; message: string };

/** A job as the app's thread writes it; the port is added when it is posted. */
export type CsvJobRequest = { [K in CsvJob['kind']]: Omit<Extract<CsvJob, { kind: K }>, 'port'> }[CsvJob['kind']];

export const CONTROL_WRITTEN = 0;
export const CONTROL_STOP = 1;
