import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { seededRandom } from '../../src-main/demo/demo-people';
import { parseCsv } from '../../src-main/csv-import/parse-csv';

/** The line numbers as counted before chunked parsing: every cell of every row searched for line feeds. */
function referenceLines(text: string, delimiter: string): { line: number; cells: string[] }[] {
  const data = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { delimiter }).data;
  const lf = (cells: string[]) => cells.reduce((n, c) => n + c.split('\n').length - 1, 0);
  const rows: { line: number; cells: string[] }[] = [];
  let line = 1 + lf(data[0] ?? []);
  for (const cells of data.slice(1)) {
    line += 1;
    if (cells.length > 0 && !(cells.length === 1 && cells[0] === '')) rows.push({ line, cells });
    line += lf(cells);
  }
  return rows;
}

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

  it('keeps line numbers true across parse chunks, with and without line breaks in cells, blank lines and a final break', () => {
    const random = seededRandom(7);
    const plain = ['plain', 'æøå text', '"quoted; with delimiter"', '', `"""${'x'.repeat(300)}"""`];
    const broken = ['"two\nlines"', '"crlf\r\ninside"'];
    // Where cells hold line breaks: nowhere, everywhere, or in just one row (at the start,
    // in the middle, near and in the last row): a chunk with exactly one break too many must not pass as plain.
    const layouts: { name: string; breakAt: (i: number) => boolean }[] = [
      { name: 'none', breakAt: () => false },
      { name: 'many', breakAt: () => random() < 0.3 },
      ...[3, 2000, 3995, 3999].map((row) => ({ name: `only row ${row}`, breakAt: (i: number) => i === row })),
    ];
    for (const newline of ['\n', '\r\n']) {
      for (const finalBreak of [true, false]) {
        for (const layout of layouts) {
          const lines = ['navn;note;x'];
          // ~1 MB: many 64 KB chunks, rows cut at chunk ends.
          for (let i = 0; i < 4000; i += 1) {
            if (random() < 0.02 && i < 3999) lines.push('');
            const note = layout.breakAt(i) ? broken[i % 2] : plain[Math.floor(random() * plain.length)];
            lines.push([`række ${i}`, note, plain[Math.floor(random() * plain.length)]].join(';'));
          }
          const text = lines.join(newline) + (finalBreak ? newline : '');
          expect(parseCsv(text).rows, `${JSON.stringify(newline)} final=${finalBreak} ${layout.name}`).toEqual(referenceLines(text, ';'));
        }
      }
    }
  });
});
