import type { MessagePort } from 'node:worker_threads';
import type { CsvPreview, CsvRowError, ErrorCode, FieldDef } from '../contract';
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
      /** Rows per message; the writer puts as many messages into one transaction as its time budget allows. */
      batchSize: number;
      /** Messages of rows sent ahead of the writer at most. */
      batchesAhead: number;
      port: MessagePort;
      /**
       * Int32 [0]: batches the writer has written (the thread sends at most a few
       * ahead, so a fast reader does not fill memory); [1]: 1 when the writer gave up.
       */
      control: SharedArrayBuffer;
    });

export type CsvJobMessage =
  | { kind: 'preview'; preview: CsvPreview }
  /** Rows read, and the rows to write as estimated from the share of the file read. */
  | { kind: 'progress'; rowsRead: number; rowsToWrite: number }
  /** Refused rows, in file order, before the rows that follow them. */
  | { kind: 'refused'; rows: CsvRowError[] }
  /** The next good rows in file order, prepared for the writer. */
  | { kind: 'rows'; records: PreparedRecord[] }
  /** Every row read and checked (after the last rows). */
  | { kind: 'checked'; checked: CheckedFile }
  | { kind: 'done' }
  /** `code` for a DomainError, null for anything else. */
  | { kind: 'failed'; code: ErrorCode | null; message: string };

/** A job as the app's thread writes it; the port is added when it is posted. */
export type CsvJobRequest = { [K in CsvJob['kind']]: Omit<Extract<CsvJob, { kind: K }>, 'port'> }[CsvJob['kind']];

export const CONTROL_WRITTEN = 0;
export const CONTROL_STOP = 1;
