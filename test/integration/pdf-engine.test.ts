// The PDF engine with real pdf-lib (reloading every PDF) and poppler's
// pdftotext (the Danish letters come out as letters, not as boxes or gaps).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterAll, describe, expect, it } from 'vitest';
import { textWidth, wrapText, type DocumentContent } from '../../src-main/documents/pdf/page-layout';
import { PdfEngine } from '../../src-main/documents/pdf/pdf-engine';
import { stripHinting } from '../../src-main/documents/pdf/strip-hinting';
import { readResource } from '../../src-main/documents/resource-files';

const dir = mkdtempSync(join(tmpdir(), 'caseworker-pdf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Text of a PDF (or one page of it) as poppler sees it. */
function pdftotext(pdf: Uint8Array, page?: number): string {
  const file = join(dir, `${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, pdf);
  const range = page ? ['-f', String(page), '-l', String(page)] : [];
  return execFileSync('/usr/bin/pdftotext', [...range, '-layout', file, '-'], { encoding: 'utf8' });
}

const engine = new PdfEngine();
const logo = { key: 'default', image: { bytes: readResource('letterhead-logo.png'), type: 'png' as const } };
const letter = (blocks: DocumentContent['blocks'], name = 'Søren Ærø Østergård'): DocumentContent => ({
  title: `Brev til ${name}`,
  letterhead: { senderLines: ['Aarhus Kommune', 'Rådhuspladsen 2'], recipientLines: [name, 'Åboulevarden 12'], dateLine: 'Dato: 28. november 2026', showLogo: true },
  blocks,
  pageLabel: (p, n) => `Side ${p} af ${n}`,
});
const render = (content: DocumentContent) => engine.render(engine.resourcesFor([content], logo), content, new Date(Date.UTC(2026, 10, 28)));

describe('PDF engine', () => {
  it('writes valid PDFs with the Danish letters extractable as text', async () => {
    const content = letter([
      { type: 'heading', level: 1, text: 'Afgørelse om høreapparat' },
      { type: 'paragraph', text: 'Æble, ØL og Ål: æøå ÆØÅ – “citat” … 4.500,00 €' },
    ]);
    const { pdf, pages } = render(content);
    expect(pages).toBe(1);
    const reloaded = await PDFDocument.load(pdf);
    expect(reloaded.getPageCount()).toBe(1);
    expect(reloaded.getTitle()).toBe('Brev til Søren Ærø Østergård');
    const text = pdftotext(pdf);
    expect(text).toContain('Søren Ærø Østergård');
    expect(text).toContain('Åboulevarden 12');
    expect(text).toContain('Afgørelse om høreapparat');
    expect(text).toContain('Æble, ØL og Ål: æøå ÆØÅ – “citat” … 4.500,00 €');
    const fonts = execFileSync('/usr/bin/pdffonts', [join(dir, (writeFileSync(join(dir, 'f.pdf'), pdf), 'f.pdf'))], { encoding: 'utf8' });
    expect(fonts).toMatch(/LiberationSans\s+CID TrueType\s+Identity-H\s+yes yes yes/);
  });

  it('extends the font subset for a character outside Latin-1', () => {
    const content = letter([{ type: 'paragraph', text: 'Łukasz Żółć skriver fra Gdańsk' }], 'Łukasz Żółć');
    const text = pdftotext(render(content).pdf);
    expect(text).toContain('Łukasz Żółć skriver fra Gdańsk');
  });

  it('wraps paragraphs to the line width and cuts words longer than a line', () => {
    const res = engine.resourcesFor([letter([])], null);
    const words = 'Kære borger, vi har modtaget din ansøgning om tilskud og behandler den hurtigst muligt. '.repeat(5);
    const lines = wrapText(res.regular, words, 11, 200);
    expect(lines.length).toBeGreaterThan(5);
    for (const l of lines) expect(textWidth(res.regular, l, 11)).toBeLessThanOrEqual(200);
    expect(lines.join(' ').replace(/ +/g, ' ').trim()).toBe(words.trim());
    const long = wrapText(res.regular, 'x'.repeat(200), 11, 100);
    expect(long.length).toBeGreaterThan(3);
    expect(long.join('')).toBe('x'.repeat(200));
    expect(wrapText(res.regular, 'første linje\nanden linje', 11, 400)).toEqual(['første linje', 'anden linje']);
  });

  it('breaks a long table across pages and repeats the header row', async () => {
    const rows = Array.from({ length: 45 }, (_, i) => [`Række ${i + 1}`, `${(i + 1) * 100},00 kr.`]);
    const content = letter([
      { type: 'paragraph', text: 'Oversigt over udbetalinger:' },
      { type: 'table', columns: [{ header: 'Måned', width: 1 }, { header: 'Beløb', width: 1 }], rows },
    ]);
    const { pdf, pages } = render(content);
    expect(pages).toBe(2);
    expect((await PDFDocument.load(pdf)).getPageCount()).toBe(2);
    const first = pdftotext(pdf, 1);
    const second = pdftotext(pdf, 2);
    expect(first).toMatch(/Måned\s+Beløb/);
    expect(second).toMatch(/Måned\s+Beløb/);
    expect(first).toContain('Række 1 ');
    expect(second).toContain('Række 45');
    // Every row exactly once, none lost at the break.
    for (let i = 1; i <= 45; i += 1) expect((first + second).match(new RegExp(`Række ${i}\\s`, 'g'))?.length).toBe(1);
    expect(first).toContain('Side 1 af 2');
    expect(second).toContain('Side 2 af 2');
  });

  it('reuses the shared resources: the same input gives the same bytes, and letters differ only in their text', () => {
    const a = render(letter([{ type: 'paragraph', text: 'Hej' }]));
    const b = render(letter([{ type: 'paragraph', text: 'Hej' }]));
    expect(Buffer.from(a.pdf).equals(Buffer.from(b.pdf))).toBe(true);
  });

  it('keeps outlines and metrics when it strips hinting from a font', () => {
    const full = readResource('fonts/LiberationSans-Regular.ttf');
    const stripped = stripHinting(full);
    expect(stripped.length).toBeLessThan(full.length * 0.75);
    const tags = (b: Uint8Array) => {
      const buf = Buffer.from(b);
      return Array.from({ length: buf.readUInt16BE(4) }, (_, i) => buf.toString('latin1', 12 + i * 16, 16 + i * 16));
    };
    expect(tags(stripped)).not.toContain('fpgm');
    expect(tags(stripped)).toContain('glyf');
  });
});

describe('PDF engine limits', () => {
  it('cuts a table cell taller than a page instead of drawing past the bottom margin', async () => {
    const huge = 'Meget lang tekst i en celle. '.repeat(300);
    const content = letter([{ type: 'table', columns: [{ header: 'Kolonne1', width: 1 }, { header: 'Kolonne2', width: 5 }], rows: [['x', huge], ['sidste', 'række']] }]);
    const { pdf, pages } = render(content);
    // Page 1 has the letterhead and no room for the row; page 2 holds the row, cut to fit, and the last row.
    expect(pages).toBe(2);
    expect((await PDFDocument.load(pdf)).getPageCount()).toBe(2);
    // The header row moved on with its first row instead of standing alone on page 1.
    expect(pdftotext(pdf, 1)).not.toContain('Kolonne1');
    const second = pdftotext(pdf, 2);
    expect(second).toMatch(/Kolonne1\s+Kolonne2/);
    expect(second).toContain('…');
    expect(second).toContain('sidste');
    expect(second.indexOf('…')).toBeLessThan(second.indexOf('sidste'));
  });
});
