// The CSV import reads a file slice by slice (issue 13: a 50 MB file without
// its whole text in memory). Cut anywhere — inside a quoted cell, between the
// \r and \n of a line break, inside a multi-byte character — it must read the
// same rows, line numbers and text as reading the file whole.
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../src-main/demo/demo-people';
import { decodeCsvBytes, decodeCsvSlices } from '../../src-main/csv-import/decode-csv';
import { openCsvSlices, parseCsv, type CsvRow } from '../../src-main/csv-import/parse-csv';

/** The text cut into pieces of random length (1 to `max` characters). */
function cut(text: string, random: () => number, max: number): () => Iterable<string> {
  const pieces: string[] = [];
  for (let at = 0; at < text.length; ) {
    const n = 1 + Math.floor(random() * max);
    pieces.push(text.slice(at, at + n));
    at += n;
  }
  return () => pieces;
}

function rowsOf(slices: () => Iterable<string>): { headers: string[]; rows: CsvRow[] } {
  const file = openCsvSlices(slices);
  const rows: CsvRow[] = [];
  file.eachRow((row) => rows.push(row));
  return { headers: file.headers, rows };
}

describe('reading a CSV file in slices', () => {
  it('reads the same rows and line numbers wherever the slices end', () => {
    const random = seededRandom(11);
    const cells = ['plain', 'æøå', '"quoted; delimiter"', '', '"two\nlines"', '"crlf\r\ninside"', '"a ""quote"""'];
    for (const newline of ['\n', '\r\n']) {
      const lines = ['navn;note;x'];
      for (let i = 0; i < 400; i += 1) {
        if (random() < 0.05) lines.push('');
        lines.push([`række ${i}`, cells[Math.floor(random() * cells.length)], cells[Math.floor(random() * cells.length)]].join(';'));
      }
      const text = `\uFEFF${lines.join(newline)}${newline}`;
      const whole = parseCsv(text);
      expect(whole.rows.length).toBe(400);
      for (const max of [1, 2, 7, 64, 1000]) {
        const sliced = rowsOf(cut(text, random, max));
        expect(sliced.headers, `max ${max}`).toEqual(whole.headers);
        expect(sliced.rows, `${JSON.stringify(newline)} max ${max}`).toEqual(whole.rows);
      }
    }
  });

  it('reads a file that is one row without a final line break, and a cell that spans many slices', () => {
    const long = 'x'.repeat(5000);
    expect(rowsOf(cut(`navn;note\nA;"${long}\n${long}"`, seededRandom(3), 300)).rows).toEqual([{ line: 2, cells: ['A', `${long}\n${long}`] }]);
  });

  it('decodes UTF-8 and Windows-1252 slice by slice to the same text as at once, characters cut by a slice end included', () => {
    // Over several 256 KiB slices, with two-byte characters at every offset.
    const text = Array.from({ length: 60_000 }, (_, i) => `Søren Østergård ${i};Åse`).join('\r\n');
    for (const bytes of [Buffer.from(`\uFEFF${text}`, 'utf8'), Buffer.from(text, 'latin1')]) {
      const once = decodeCsvBytes(bytes);
      const sliced = decodeCsvSlices(bytes);
      expect(sliced.encoding).toBe(once.encoding);
      const pieces = [...sliced.slices()];
      expect(pieces.length).toBeGreaterThan(3);
      expect(pieces.join('')).toBe(once.text);
      expect(sliced.shareRead()).toBe(1);
    }
    expect(decodeCsvBytes(Buffer.from(text, 'latin1')).encoding).toBe('windows-1252');
    expect(decodeCsvBytes(Buffer.from(`\uFEFF${text}`, 'utf8')).text.startsWith('Søren')).toBe(true);
  });
});
