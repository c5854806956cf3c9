import { Encodings, Font, FontNames } from '@pdf-lib/standard-fonts';

const PAGE_W = 595.28;
const PAGE_H = 841.89;
const MARGIN = 56;
const BODY_SIZE = 11;
const TITLE_SIZE = 15;
const LEADING = 15;

const regular = Font.load(FontNames.Helvetica);
const bold = Font.load(FontNames.HelveticaBold);

/**
 * A plain letter (title + text, A4, several pages when needed) as PDF bytes,
 * built synchronously: status actions run inside the job's database
 * transaction, where pdf-lib's asynchronous API cannot be awaited. Helvetica
 * with WinAnsi encoding covers Danish (æ ø å é ü …); other characters show as "?".
 * The standard font is not embedded, which every PDF reader supports.
 */
export function simpleLetterPdf(letter: { title: string; body: string; date?: string }): Uint8Array {
  const maxWidth = PAGE_W - 2 * MARGIN;
  const lines: { text: string; bold: boolean; size: number }[] = [];
  if (letter.date) lines.push({ text: letter.date, bold: false, size: BODY_SIZE }, { text: '', bold: false, size: BODY_SIZE });
  for (const l of wrap(letter.title, bold, TITLE_SIZE, maxWidth)) lines.push({ text: l, bold: true, size: TITLE_SIZE });
  lines.push({ text: '', bold: false, size: BODY_SIZE });
  for (const paragraph of letter.body.replace(/\r\n?/g, '\n').split('\n')) {
    const wrapped = wrap(paragraph, regular, BODY_SIZE, maxWidth);
    for (const l of wrapped.length ? wrapped : ['']) lines.push({ text: l, bold: false, size: BODY_SIZE });
  }
  const perPage = Math.floor((PAGE_H - 2 * MARGIN) / LEADING);
  const pages: string[] = [];
  for (let i = 0; i < lines.length; i += perPage) {
    let y = PAGE_H - MARGIN;
    const ops = ['BT'];
    for (const l of lines.slice(i, i + perPage)) {
      y -= LEADING;
      if (l.text) ops.push(`/${l.bold ? 'F2' : 'F1'} ${l.size} Tf 1 0 0 1 ${MARGIN} ${y.toFixed(2)} Tm <${hex(l.text)}> Tj`);
    }
    ops.push('ET');
    pages.push(ops.join('\n'));
  }
  if (pages.length === 0) pages.push('');
  return writePdf(pages, letter.title);
}

function wrap(text: string, font: Font, size: number, maxWidth: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(/ +/)) {
    const candidate = line ? `${line} ${word}` : word;
    if (width(candidate, font, size) <= maxWidth) {
      line = candidate;
      continue;
    }
    if (line) out.push(line);
    // A word longer than the line is broken by characters.
    let rest = word;
    while (width(rest, font, size) > maxWidth) {
      let n = rest.length;
      while (n > 1 && width(rest.slice(0, n), font, size) > maxWidth) n--;
      out.push(rest.slice(0, n));
      rest = rest.slice(n);
    }
    line = rest;
  }
  if (line) out.push(line);
  return out;
}

function glyph(ch: string): { code: number; name: string } {
  const cp = ch.codePointAt(0) ?? 63;
  return Encodings.WinAnsi.canEncodeUnicodeCodePoint(cp) ? Encodings.WinAnsi.encodeUnicodeCodePoint(cp) : { code: 63, name: 'question' };
}

function width(text: string, font: Font, size: number): number {
  let w = 0;
  for (const ch of text) w += font.getWidthOfGlyph(glyph(ch).name) ?? 556;
  return (w * size) / 1000;
}

const hex = (text: string) =>
  [...text.replace(/\t/g, '    ')].map((ch) => glyph(ch).code.toString(16).padStart(2, '0')).join('');

function pdfString(text: string): string {
  return `<FEFF${[...text].map((c) => (c.codePointAt(0) ?? 63) > 0xffff ? '003F' : (c.codePointAt(0) ?? 63).toString(16).padStart(4, '0')).join('')}>`;
}

function writePdf(pageStreams: string[], title: string): Uint8Array {
  const objects: string[] = [];
  const add = (body: string) => objects.push(body) ;
  // 1 catalog, 2 pages, 3 F1, 4 F2, 5 info, then (page, content) pairs.
  const pageIds = pageStreams.map((_, i) => 6 + i * 2);
  add('<< /Type /Catalog /Pages 2 0 R >>');
  add(`<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pageIds.length} >>`);
  add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
  add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>');
  add(`<< /Title ${pdfString(title)} /Producer (Sagsbehandler) >>`);
  pageStreams.forEach((stream, i) => {
    add(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${PAGE_W} ${PAGE_H}] /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents ${7 + i * 2} 0 R >>`);
    add(`<< /Length ${Buffer.byteLength(stream, 'latin1')} >>\nstream\n${stream}\nendstream`);
  });
  let out = '%PDF-1.4\n%\xE2\xE3\xCF\xD3\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info 5 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(out, 'latin1'));
}
