import Papa from 'papaparse';
import { DomainError } from '../shared/domain-error';

export interface ParsedCsv {
  headers: string[];
  /** Data rows with their 1-based line number in the file (header is line 1). */
  rows: { line: number; cells: string[] }[];
}

/**
 * Parses CSV as Danish spreadsheets write it: the delimiter (`;` or `,`) is
 * detected, a UTF-8 byte order mark is dropped, quoted fields may hold newlines.
 */
export function parseCsv(text: string): ParsedCsv {
  const clean = text.replace(/^\uFEFF/, '');
  // Guess the delimiter on non-empty rows only: counting a trailing newline or a blank
  // line as a one-cell row makes Papa's guess fail for files with few columns (it then
  // falls back to ',' and a semicolon file becomes one column). The real parse keeps
  // empty rows so line numbers stay true.
  const { delimiter } = Papa.parse<string[]>(clean, { delimitersToGuess: [';', ',', '\t'], skipEmptyLines: true, preview: 10 }).meta;
  const result = Papa.parse<string[]>(clean, { delimiter, skipEmptyLines: false });
  const data = result.data;
  const headers = (data[0] ?? []).map((h) => h.trim());
  if (headers.length === 0 || headers.every((h) => h === '')) throw new DomainError('import_failed', 'the file has no header row');
  const rows: ParsedCsv['rows'] = [];
  // Papa reports rows, not lines; count newlines inside quoted cells to keep line numbers true.
  let line = 1 + newlines(data[0] ?? []);
  for (let i = 1; i < data.length; i += 1) {
    const cells = data[i] ?? [];
    line += 1;
    if (!(cells.length === 1 && cells[0] === '') && cells.length > 0) rows.push({ line, cells });
    line += newlines(cells);
  }
  return { headers, rows };
}

const newlines = (cells: string[]): number => cells.reduce((n, c) => n + (c.match(/\n/g)?.length ?? 0), 0);
