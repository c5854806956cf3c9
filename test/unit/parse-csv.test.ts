import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src-main/csv-import/parse-csv';

describe('parseCsv', () => {
  it('reads semicolon files (Danish spreadsheets) with a BOM', () => {
    const parsed = parseCsv('\uFEFFNavn;Beløb\nJens;12,5\nAnne;3\n');
    expect(parsed.headers).toEqual(['Navn', 'Beløb']);
    expect(parsed.rows).toEqual([
      { line: 2, cells: ['Jens', '12,5'] },
      { line: 3, cells: ['Anne', '3'] },
    ]);
  });

  it('is not fooled by decimal commas in a semicolon file', () => {
    const parsed = parseCsv('navn;beløb;dato\nJens;12,5;2026-01-01\nAnne;3,75;2026-02-01\n\n');
    expect(parsed.headers).toEqual(['navn', 'beløb', 'dato']);
    expect(parsed.rows.map((r) => r.cells)).toEqual([
      ['Jens', '12,5', '2026-01-01'],
      ['Anne', '3,75', '2026-02-01'],
    ]);
  });

  it('reads tab-separated files', () => {
    expect(parseCsv('navn\temail\nJens\tj@x.dk\n').rows).toEqual([{ line: 2, cells: ['Jens', 'j@x.dk'] }]);
  });

  it('reads comma files and trims header names', () => {
    const parsed = parseCsv(' navn , email\r\nJens,j@x.dk\r\n');
    expect(parsed.headers).toEqual(['navn', 'email']);
    expect(parsed.rows).toEqual([{ line: 2, cells: ['Jens', 'j@x.dk'] }]);
  });

  it('keeps true line numbers across quoted cells with newlines and blank lines', () => {
    const text = ['navn;note', 'A;"one\ntwo\nthree"', '', 'B;plain', 'C;"x\r\ny"', 'D;end'].join('\n');
    const parsed = parseCsv(text);
    expect(parsed.rows.map((r) => [r.line, r.cells[0]])).toEqual([
      [2, 'A'],
      [6, 'B'],
      [7, 'C'],
      [9, 'D'],
    ]);
    expect(parsed.rows[0]?.cells[1]).toBe('one\ntwo\nthree');
  });

  it('counts newlines inside a quoted header', () => {
    const parsed = parseCsv('"na\nvn";x\nA;1\n');
    expect(parsed.headers).toEqual(['na\nvn', 'x']);
    expect(parsed.rows).toEqual([{ line: 3, cells: ['A', '1'] }]);
  });

  it('refuses a file without a header', () => {
    expect(() => parseCsv('')).toThrow(expect.objectContaining({ code: 'import_failed' }));
    expect(() => parseCsv('\uFEFF')).toThrow(expect.objectContaining({ code: 'import_failed' }));
  });
});
