import type { MessagePort } from 'node:worker_threads';
import type { CsvRowError, ErrorCode, FieldDef } from '../contract';
import type { PreparedRecord } from '../records/record-preparer';
import type { PeopleLists } from '../users/people-finder';

/** One file to check, sent to the row-checking thread with the port its answers come back on. */
export interface RowCheckJob {
  csv: string;
  allFields: FieldDef[];
  fields: FieldDef[];
  columns: number[];
  /** The users and groups that exist now (the writer holds the write lock: none can appear or go). */
  people: PeopleLists;
  port: MessagePort;
  /** A counter the checker raises after each message, so the writer can sleep until there is one. */
  signal: SharedArrayBuffer;
}

export type RowCheckMessage =
  /** The next rows in file order: the good ones prepared for the writer, and the refused ones with their lines. */
  | { kind: 'rows'; records: PreparedRecord[]; refused: CsvRowError[] }
  | { kind: 'done' }
  /** `code` for a DomainError, null for anything else. */
  | { kind: 'failed'; code: ErrorCode | null; message: string };
