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
   * Calls `onRow` for every data row, in order, as it is parsed (synchronously).
   * Rows are not kept, and the text is read slice by slice: a 50 MB import holds
   * one slice's cells at a time, not every cell or the whole text of the file.
   */
  eachRow(onRow: (row: CsvRow) => void): void;
}

const LINE_BREAKS = ['\r\n', '\n', '\r'] as const;

/** Characters parsed at a time: a few thousand rows, so the parsed cells of one slice are all that is held. */
const SLICE_CHARS = 256 * 1024;

/**
 * A file's text, handed out in slices, from the start each time it is called:
 * the import reads a 50 MB file without ever holding its whole text
 * (decode-csv.ts decodes bytes slice by slice).
 */
export type TextSlices = () => Iterable<string>;

/** Slices of a text already in memory (small files, tests, the CLI's inline text). */
export function textSlices(text: string): TextSlices {
  return function* () {
    for (let at = 0; at < text.length; at += SLICE_CHARS) yield text.slice(at, at + SLICE_CHARS);
  };
}

/**
 * Opens CSV as Danish spreadsheets write it: the delimiter (`;`, `,` or tab) is
 * detected, a UTF-8 byte order mark is dropped, quoted fields may hold newlines,
 * and line numbers stay true across those and across blank lines.
 */
export function openCsv(text: string, options: { firstRowIsData?: boolean } = {}): CsvFile {
  return openCsvSlices(textSlices(text), options);
}

/**
 * openCsv over a text that comes in slices. Each slice is parsed with Papa's
 * parser as it comes; a row cut by the slice's end (even inside a quoted cell)
 * is carried over to the next slice.
 */
export function openCsvSlices(slices: TextSlices, options: { firstRowIsData?: boolean } = {}): CsvFile {
  const firstRowIsData = options.firstRowIsData === true;
  // The start of the file is enough to tell its delimiter, line breaks and header row.
  let head = '';
  for (const slice of slices()) {
    head += slice;
    if (head.length >= SLICE_CHARS) break;
  }
  head = head.replace(/^\uFEFF/, '');
  // Guess the delimiter on non-empty rows only: counting a trailing newline or a blank
  // line as a one-cell row makes Papa's guess fail for files with few columns (it then
  // falls back to ',' and a semicolon file becomes one column). The real parse keeps
  // empty rows so line numbers stay true.
  const preview = Papa.parse<string[]>(head, { delimitersToGuess: [';', ',', '\t'], skipEmptyLines: true, preview: 10 });
  // Told, not guessed again: Papa otherwise scans the start of the text for line breaks on every parse.
  const { delimiter } = preview.meta;
  const newline = LINE_BREAKS.find((n) => n === preview.meta.linebreak) ?? '\n';
  const first = Papa.parse<string[]>(head, { delimiter, newline, preview: 1 }).data[0] ?? [];
  // A file without headers (the caseworker says so) gets numbered column names, and its first row is data.
  const headers = firstRowIsData ? first.map((_, i) => `Kolonne ${i + 1}`) : first.map((h) => h.trim());
  if (headers.length === 0 || headers.every((h) => h === '')) throw new DomainError('import_failed', 'the file has no header row');
  return {
    headers,
    eachRow(onRow) {
      const parser = new Papa.Parser({ delimiter, newline });
      let index = 0;
      let line = 0;
      let carried = '';
      let atStart = true;
      const take = (text: string, last: boolean): void => {
        if (atStart) {
          text = text.replace(/^\uFEFF/, '');
          atStart = false;
        }
        const { data, meta } = parser.parse(text, 0, !last) as Papa.ParseResult<string[]>;
        carried = last ? '' : text.slice(meta.cursor);
        // Papa reports rows, not lines: quoted cells may hold line breaks. Without a quote
        // in the text, no cell holds one and each row is one line.
        const plain = !text.includes('"');
        for (const cells of data) {
          line += 1;
          const isHeader = index === 0 && !firstRowIsData;
          index += 1;
          if (!isHeader && cells.length > 0 && !(cells.length === 1 && cells[0] === '')) onRow({ line, cells });
          if (!plain) line += newlines(cells);
        }
      };
      let previous: string | null = null;
      for (const slice of slices()) {
        // One slice behind, so the last one is known as the last (its final row needs no line break).
        if (previous !== null) take(carried + previous, false);
        previous = slice;
      }
      take(carried + (previous ?? ''), true);
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
