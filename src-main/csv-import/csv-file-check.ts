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
import { decodeCsvSlices, type CsvEncoding } from './decode-csv';
import { openCsvSlices, textSlices, type TextSlices } from './parse-csv';

/** A file as it reaches the import: the bytes of an upload or a file (decoded here), or text already read. */
export type CsvSource = { bytes: Uint8Array } | { text: string };

/**
 * CPR numbers the store holds already, as numbers (ten digits fit a double
 * exactly, and a Set of numbers takes a fraction of the memory of one of
 * strings); null when they could not be read.
 */
export type ExistingCprs = ReadonlySet<number> | null;

/** Lines shown for a kind of duplicate; the count says how many there are in all. */
const DUPLICATE_LINES_SHOWN = 20;

/** A source's text, slice by slice (a file's bytes are decoded as they are read, never all at once). */
export function decodeSource(source: CsvSource): { slices: TextSlices; encoding: CsvEncoding; shareRead: () => number } {
  if ('bytes' in source) return decodeCsvSlices(source.bytes);
  const { text } = source;
  let read = 0;
  const slices = textSlices(text);
  return {
    slices: function* () {
      for (const slice of slices()) {
        read += slice.length;
        yield slice;
      }
    },
    encoding: 'utf-8',
    shareRead: () => (text.length === 0 ? 1 : Math.min(1, read / text.length)),
  };
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
export function previewText(slices: TextSlices, encoding: CsvEncoding, options: PreviewOptions): CsvPreview {
  const file = openCsvSlices(slices, { firstRowIsData: options.firstRowIsData });
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
  /** As numbers: a 450,000-row file's CPR numbers as strings took ~40 MB more. */
  private readonly seen = new Set<number>();
  inFile = 0;
  existingCount = 0;
  private readonly inFileLines: number[] = [];
  private readonly existingLines: number[] = [];

  constructor(private readonly existing: ExistingCprs) {}

  /** `cpr_duplicate_in_file`, `cpr_exists`, or null for a CPR number seen for the first time. */
  see(cprText: string, line: number): 'cpr_duplicate_in_file' | 'cpr_exists' | null {
    const cpr = Number(cprText);
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

/** The outcome of checking every row, known when the last row is read. */
export interface CheckedFile {
  encoding: CsvEncoding;
  rows: number;
  good: number;
  refused: number;
}

export interface CheckHandlers {
  /** Rows read so far, and how many rows the file will write by the share of it read (exact at the end). */
  onProgress(rowsRead: number, rowsToWrite: number): void;
  /** Refused rows, in file order, each time before the batch that follows them (and at the end). */
  onRefused(rows: CsvRowError[]): void;
  /** The next good rows in file order, prepared for the writer. */
  onBatch(records: PreparedRecord[]): void;
  /** After the last batch. */
  onChecked(checked: CheckedFile): void;
}

/** Rows between progress reports. */
const PROGRESS_ROWS = 5_000;

/**
 * Checks the file's rows and hands the good ones over in batches, prepared for
 * the writer, in one pass: each row is checked once, and written while later
 * rows are still being read. A row whose CPR number is in an earlier row or
 * in an existing record is refused (`cpr_duplicate_in_file`, `cpr_exists`);
 * that is always the later row, so one pass finds the same rows as reading the
 * whole file first. Only the CPR numbers seen are kept; refused rows go to
 * `onRefused` as they are found.
 *
 * `shareRead` says how much of the file has been read (0–1), for the estimate
 * of the rows to write while the import runs.
 */
export function checkFile(
  slices: TextSlices,
  encoding: CsvEncoding,
  options: CheckOptions,
  handlers: CheckHandlers,
  batchSize: number,
  shareRead: () => number = () => 0,
): void {
  const users = new Set(options.people.users.map((u) => u.id));
  const groups = new Set(options.people.groups.map((g) => g.id));
  const refs = { userExists: (id: number) => users.has(id), groupExists: (id: number) => groups.has(id), finder: peopleFinder(options.people) };
  const { prepare } = recordPreparer(options.fields);
  const cprIndex = options.fields.findLastIndex((f) => f.role === 'cpr');
  const cprField = options.fields[cprIndex];
  const file = openCsvSlices(slices, { firstRowIsData: options.firstRowIsData });
  const columns = options.headers.map((header) => {
    const index = file.headers.indexOf(header);
    if (index < 0) throw new DomainError('invalid_input', `the file has no column "${header}"`);
    return index;
  });

  const check = rowChecker(options.allFields, options.fields, columns, refs);
  const duplicates = new DuplicateCprs(options.existing);
  let refused: CsvRowError[] = [];
  let refusedCount = 0;
  let batch: PreparedRecord[] = [];
  let rows = 0;
  let good = 0;
  file.eachRow((row) => {
    rows += 1;
    if (rows % PROGRESS_ROWS === 0) {
      const share = shareRead();
      handlers.onProgress(rows, share > 0 ? Math.round(good / share) : good);
    }
    const checked = check(row.cells);
    let errors: FieldError[] | null = checked.errors;
    const cpr = cprField && checked.values ? checked.values[cprIndex] : null;
    if (cprField && cpr) {
      const duplicate = duplicates.see(cpr, row.line);
      if (duplicate) errors = [{ field: cprField.key, key: duplicate }];
    }
    if (errors || !checked.values) {
      refused.push({ line: row.line, errors: errors ?? [] });
      refusedCount += 1;
      return;
    }
    good += 1;
    batch.push(prepare(checked.values));
    if (batch.length >= batchSize) {
      if (refused.length) handlers.onRefused(refused);
      refused = [];
      handlers.onBatch(batch);
      batch = [];
    }
  });
  if (refused.length) handlers.onRefused(refused);
  if (batch.length) handlers.onBatch(batch);
  handlers.onProgress(rows, good);
  handlers.onChecked({ encoding, rows, good, refused: refusedCount });
}
