import Papa from 'papaparse';
import { DomainError } from '../shared/domain-error';

/** A data row with its 1-based line number in the file (the header is line 1). */
export interface CsvRow {
  line: number;
  cells: string[];
}

export interface ParsedCsv {
  headers: string[];
  rows: CsvRow[];
}

/** A file opened for reading: its header row, and how to read its data rows. */
export interface CsvFile {
  headers: string[];
  /**
   * Calls `onRow` for every data row, in order, as it is parsed. Rows are not
   * kept: a 100,000-row import checks and writes each row while the next is
   * read, instead of holding every cell of the file in memory first.
   */
  eachRow(onRow: (row: CsvRow) => void): void;
}

const LINE_BREAKS = ['\r\n', '\n', '\r'] as const;

/** Parsed in pieces of this size: a few hundred rows each. */
const CHUNK_BYTES = 64 * 1024;

/**
 * Opens CSV as Danish spreadsheets write it: the delimiter (`;`, `,` or tab) is
 * detected, a UTF-8 byte order mark is dropped, quoted fields may hold newlines,
 * and line numbers stay true across those and across blank lines.
 */
export function openCsv(text: string, options: { firstRowIsData?: boolean } = {}): CsvFile {
  const firstRowIsData = options.firstRowIsData === true;
  const clean = text.replace(/^\uFEFF/, '');
  // Guess the delimiter on non-empty rows only: counting a trailing newline or a blank
  // line as a one-cell row makes Papa's guess fail for files with few columns (it then
  // falls back to ',' and a semicolon file becomes one column). The real parse keeps
  // empty rows so line numbers stay true.
  const preview = Papa.parse<string[]>(clean, { delimitersToGuess: [';', ',', '\t'], skipEmptyLines: true, preview: 10 });
  // Told, not guessed again: Papa otherwise scans the start of the text for line breaks on every parse.
  const { delimiter } = preview.meta;
  const newline = LINE_BREAKS.find((n) => n === preview.meta.linebreak);
  const first = Papa.parse<string[]>(clean, { delimiter, newline, preview: 1 }).data[0] ?? [];
  // A file without headers (the caseworker says so) gets numbered column names, and its first row is data.
  const headers = firstRowIsData ? first.map((_, i) => `Kolonne ${i + 1}`) : first.map((h) => h.trim());
  if (headers.length === 0 || headers.every((h) => h === '')) throw new DomainError('import_failed', 'the file has no header row');
  return {
    headers,
    eachRow(onRow) {
      let index = 0;
      let line = 0;
      let cursor = 0;
      let done = false;
      Papa.parse<string[]>(clean, {
        delimiter,
        newline,
        skipEmptyLines: false,
        chunkSize: CHUNK_BYTES,
        chunk: ({ data, meta }: Papa.ParseResult<string[]>) => {
          // Papa reports rows, not lines: quoted cells may hold line breaks. A chunk whose
          // text has no more of them than row ends has none inside cells, and its rows are
          // one line each; otherwise each row's cells are searched.
          const text = clean.slice(cursor, meta.cursor);
          cursor = meta.cursor;
          const plain = newline !== undefined && countLineFeeds(text) === lineFeedsBetweenRows(text, data, newline, cursor >= clean.length);
          for (const cells of data) {
            line += 1;
            const isHeader = index === 0 && !firstRowIsData;
            index += 1;
            if (!isHeader && cells.length > 0 && !(cells.length === 1 && cells[0] === '')) onRow({ line, cells });
            if (!plain) line += newlines(cells);
          }
        },
        complete: () => {
          done = true;
        },
      });
      // Papa parses a string synchronously, chunk by chunk; the caller's transaction relies on that.
      if (!done) throw new Error('CSV parsing did not finish synchronously');
    },
  };
}

/** The whole file at once, for small files (the import and its preview stream with openCsv). */
export function parseCsv(text: string): ParsedCsv {
  const file = openCsv(text);
  const rows: CsvRow[] = [];
  file.eachRow((row) => rows.push(row));
  return { headers: file.headers, rows };
}

/**
 * How many line feeds a chunk's text has when none is inside a cell: one per
 * row end. The last row of a chunk ends with a line break unless the file ends
 * there; a file ending in a line break gives Papa one more, empty, row after it.
 */
function lineFeedsBetweenRows(text: string, rows: string[][], newline: string, atEnd: boolean): number {
  if (!newline.includes('\n')) return 0;
  const endsWithBreak = text.endsWith(newline);
  const last = rows[rows.length - 1];
  const emptyRowAfterFinalBreak = atEnd && endsWithBreak && last?.length === 1 && last[0] === '';
  const rowsBeforeBreaks = emptyRowAfterFinalBreak ? rows.length - 1 : rows.length;
  return endsWithBreak ? rowsBeforeBreaks : rowsBeforeBreaks - 1;
}

/** Line breaks inside a row's cells. */
function newlines(cells: string[]): number {
  let n = 0;
  for (const cell of cells) n += countLineFeeds(cell);
  return n;
}

function countLineFeeds(text: string): number {
  let n = 0;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) n += 1;
  return n;
}
