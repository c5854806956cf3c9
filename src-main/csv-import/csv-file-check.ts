// What the CSV import reads and checks, file by file: the preview, and the
// check of every row before anything is written. Pure functions over the file's
// text (no database, no Electron), so they run on the import's second thread
// (row-checking-worker.ts) or, when that thread cannot start, on the app's.
import type { CsvPreview, CsvRowError, FieldDef, FieldError } from '../contract';
import { checkCpr } from '../cpr/cpr';
import { maskCprsInText } from '../cpr/cpr-text';
import { recordPreparer, type PreparedRecord } from '../records/record-preparer';
import { rowChecker } from '../records/row-checker';
import { parseDate, parseNumber } from '../shared/danish-formats';
import { DomainError } from '../shared/domain-error';
import { peopleFinder, type PeopleLists } from '../users/people-finder';
import { decodeCsvBytes, type CsvEncoding } from './decode-csv';
import { openCsv } from './parse-csv';

/** A file as it reaches the import: the bytes of an upload or a file (decoded here), or text already read. */
export type CsvSource = { bytes: Uint8Array } | { text: string };

/** CPR numbers (ten digits) the store holds already; null when they could not be read. */
export type ExistingCprs = ReadonlySet<string> | null;

/** Lines shown for a kind of duplicate; the count says how many there are in all. */
const DUPLICATE_LINES_SHOWN = 20;

export function decodeSource(source: CsvSource): { text: string; encoding: CsvEncoding } {
  return 'text' in source ? { text: source.text, encoding: 'utf-8' } : decodeCsvBytes(source.bytes);
}

const normalise = (s: string) => s.toLocaleLowerCase('da-DK').replace(/[^\p{L}\p{N}]/gu, '');

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * The cells of a header row that look like a citizen's data rather than column
 * names: a CPR number, a date, a number or an e-mail address. A file without a
 * header row would otherwise lose its first citizen as "headers".
 */
export function dataLikeCells(headers: readonly string[]): string[] {
  return headers.filter((h) => h !== '' && (checkCpr(h).ok || parseDate(h) !== null || parseNumber(h) !== null || EMAIL.test(h)));
}

export interface PreviewOptions {
  fields: FieldDef[];
  firstRowIsData: boolean;
  existing: ExistingCprs;
}

/** The preview: headers, a few sample rows, the row count, a suggested mapping, and what to warn about before importing. */
export function previewText(text: string, encoding: CsvEncoding, options: PreviewOptions): CsvPreview {
  const file = openCsv(text, { firstRowIsData: options.firstRowIsData });
  const { headers } = file;
  const suggestedMapping: Record<string, string> = {};
  for (const header of headers) {
    const match = options.fields.find((f) => normalise(f.key) === normalise(header) || normalise(f.label) === normalise(header));
    if (match) suggestedMapping[header] = match.key;
  }
  // The column the suggested mapping puts into the record's CPR field, whose duplicates are warned about now.
  const cprField = options.fields.findLast((f) => f.role === 'cpr' && Object.values(suggestedMapping).includes(f.key));
  const cprColumn = cprField ? headers.findIndex((h) => suggestedMapping[h] === cprField.key) : -1;
  const duplicates = new DuplicateCprs(options.existing);
  // Counted as they stream past: a large file's rows are not kept just to be counted.
  const sampleRows: string[][] = [];
  let rowCount = 0;
  file.eachRow(({ line, cells }) => {
    // The preview shows CPR numbers masked, like every other view; the import reads them whole.
    if (sampleRows.length < 5) sampleRows.push(cells.map(maskCprsInText));
    rowCount += 1;
    if (cprColumn >= 0) {
      const cpr = checkCpr(cells[cprColumn] ?? '');
      if (cpr.ok) duplicates.see(cpr.cpr, line);
    }
  });
  return {
    headers,
    sampleRows,
    rowCount,
    suggestedMapping,
    encoding,
    headerLooksLikeData: options.firstRowIsData ? [] : dataLikeCells(headers),
    duplicateCprs: duplicates.summary(),
  };
}

/** Finds CPR numbers seen before in the file, or held by an existing record. */
class DuplicateCprs {
  private readonly seen = new Set<string>();
  inFile = 0;
  existingCount = 0;
  private readonly inFileLines: number[] = [];
  private readonly existingLines: number[] = [];

  constructor(private readonly existing: ExistingCprs) {}

  /** `cpr_duplicate_in_file`, `cpr_exists`, or null for a CPR number seen for the first time. */
  see(cpr: string, line: number): 'cpr_duplicate_in_file' | 'cpr_exists' | null {
    if (this.seen.has(cpr)) {
      this.inFile += 1;
      if (this.inFileLines.length < DUPLICATE_LINES_SHOWN) this.inFileLines.push(line);
      return 'cpr_duplicate_in_file';
    }
    this.seen.add(cpr);
    if (this.existing?.has(cpr)) {
      this.existingCount += 1;
      if (this.existingLines.length < DUPLICATE_LINES_SHOWN) this.existingLines.push(line);
      return 'cpr_exists';
    }
    return null;
  }

  summary(): CsvPreview['duplicateCprs'] {
    return {
      inFile: this.inFile,
      inFileLines: this.inFileLines,
      existing: this.existingCount,
      existingLines: this.existingLines,
      existingChecked: this.existing !== null,
    };
  }
}

export interface CheckOptions {
  allFields: FieldDef[];
  fields: FieldDef[];
  /** The column header that fills each of `fields`. */
  headers: string[];
  people: PeopleLists;
  firstRowIsData: boolean;
  existing: ExistingCprs;
}

/** The outcome of checking every row, known before the first record is written. */
export interface CheckedFile {
  encoding: CsvEncoding;
  rows: number;
  good: number;
  refused: CsvRowError[];
}

/**
 * Checks every row of the file, then hands the good ones over in batches,
 * prepared for the writer. Two passes over the text, so that only the refused
 * rows (not every prepared record) are kept while the file is checked:
 *
 * 1. every row is checked, and a row whose CPR number is in an earlier row or
 *    in an existing record is refused (`cpr_duplicate_in_file`, `cpr_exists`);
 *    `onChecked` gets the result before anything is written;
 * 2. the good rows are checked again and prepared, `batchSize` at a time.
 */
export function checkFile(
  text: string,
  encoding: CsvEncoding,
  options: CheckOptions,
  handlers: {
    onProgress(rowsRead: number): void;
    onChecked(checked: CheckedFile): void;
    onBatch(records: PreparedRecord[]): void;
  },
  batchSize: number,
): void {
  const users = new Set(options.people.users.map((u) => u.id));
  const groups = new Set(options.people.groups.map((g) => g.id));
  const refs = { userExists: (id: number) => users.has(id), groupExists: (id: number) => groups.has(id), finder: peopleFinder(options.people) };
  const { prepare } = recordPreparer(options.fields);
  const cprIndex = options.fields.findLastIndex((f) => f.role === 'cpr');
  const cprField = options.fields[cprIndex];
  const file = openCsv(text, { firstRowIsData: options.firstRowIsData });
  const columns = options.headers.map((header) => {
    const index = file.headers.indexOf(header);
    if (index < 0) throw new DomainError('invalid_input', `the file has no column "${header}"`);
    return index;
  });

  // Pass 1: every row, refusals kept.
  const check = rowChecker(options.allFields, options.fields, columns, refs);
  const duplicates = new DuplicateCprs(options.existing);
  const refused: CsvRowError[] = [];
  const refusedLines = new Set<number>();
  let rows = 0;
  file.eachRow((row) => {
    rows += 1;
    if (rows % 10_000 === 0) handlers.onProgress(rows);
    const checked = check(row.cells);
    let errors: FieldError[] | null = checked.errors;
    const cpr = cprField && checked.values ? checked.values[cprIndex] : null;
    if (cprField && cpr) {
      const duplicate = duplicates.see(cpr, row.line);
      if (duplicate) errors = [{ field: cprField.key, key: duplicate }];
    }
    if (errors) {
      refused.push({ line: row.line, errors });
      refusedLines.add(row.line);
    }
  });
  handlers.onChecked({ encoding, rows, good: rows - refused.length, refused });

  // Pass 2: the good rows, prepared in batches.
  const again = rowChecker(options.allFields, options.fields, columns, refs);
  let batch: PreparedRecord[] = [];
  file.eachRow((row) => {
    if (refusedLines.has(row.line)) return;
    const checked = again(row.cells);
    // Pass 1 accepted this row; the same check gives the same values.
    if (!checked.values) return;
    batch.push(prepare(checked.values));
    if (batch.length >= batchSize) {
      handlers.onBatch(batch);
      batch = [];
    }
  });
  if (batch.length) handlers.onBatch(batch);
}
