import { PAGE_HEIGHT, PAGE_WIDTH } from './pdf-writer';
import type { FontHandle, PdfResources } from './pdf-resources';

/** A document with every placeholder already filled in: what the layout draws. */
export type ContentBlock =
  | { type: 'heading'; text: string; level: 1 | 2 }
  | { type: 'paragraph'; text: string }
  | { type: 'table'; columns: { header: string; width: number }[]; rows: string[][] };

export interface DocumentContent {
  title: string;
  letterhead: { senderLines: string[]; recipientLines: string[]; dateLine: string; showLogo: boolean };
  blocks: ContentBlock[];
  /** "Side {page} af {pages}"; shown when the document has more than one page. */
  pageLabel: (page: number, pages: number) => string;
}

const MARGIN = 56.7; // 2 cm
const CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN;
const TOP = PAGE_HEIGHT - MARGIN;
const BOTTOM = MARGIN + 18; // room for the page number
const BODY_SIZE = 11;
const BODY_LEADING = 14.5;
const TABLE_SIZE = 10;
const TABLE_LEADING = 12.5;
const CELL_PAD = 4;
const LOGO_HEIGHT = 40;

const num = (n: number): string => String(Math.round(n * 100) / 100);

/** Width of a string in points at a size. */
export function textWidth(font: FontHandle, text: string, size: number): number {
  let w = 0;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.codePointAt(i) as number;
    if (c > 0xffff) i += 1;
    w += font.width(c);
  }
  return w * size;
}

function hexOf(font: FontHandle, text: string): string {
  let hex = '';
  for (let i = 0; i < text.length; i += 1) {
    const c = text.codePointAt(i) as number;
    if (c > 0xffff) i += 1;
    hex += font.hex(c);
  }
  return hex;
}

/**
 * Breaks text into lines no wider than `width`: at spaces where possible,
 * inside a word only when the word alone is too long; `\n` starts a new line.
 */
export function wrapText(font: FontHandle, text: string, size: number, width: number): string[] {
  const lines: string[] = [];
  // Tabs and Windows line ends from pasted text have no glyph of their own.
  for (const hard of text.replace(/\r\n?/g, '\n').replace(/\t/g, ' ').split('\n')) {
    const words = hard.split(/ +/);
    let line = '';
    let lineWidth = 0;
    const space = font.width(32) * size;
    for (const word of words) {
      let w = textWidth(font, word, size);
      if (line && lineWidth + space + w <= width) {
        line += ` ${word}`;
        lineWidth += space + w;
        continue;
      }
      if (line) lines.push(line);
      line = word;
      lineWidth = w;
      // A word longer than the line is cut where it no longer fits.
      while (lineWidth > width && line.length > 1) {
        let cut = line.length - 1;
        while (cut > 1 && textWidth(font, line.slice(0, cut), size) > width) cut -= 1;
        lines.push(line.slice(0, cut));
        line = line.slice(cut);
        w = textWidth(font, line, size);
        lineWidth = w;
      }
    }
    lines.push(line);
  }
  return lines;
}

/** Pages being filled top to bottom; each page is a PDF content stream being written. */
class PageComposer {
  readonly pages: string[][] = [];
  y = TOP;
  private current: string[] = [];

  constructor(private readonly res: PdfResources) {
    this.newPage();
  }

  newPage(): void {
    this.current = [];
    this.pages.push(this.current);
    this.y = TOP;
  }

  /** Starts a new page unless `height` still fits above the bottom margin. */
  ensure(height: number): boolean {
    if (this.y - height >= BOTTOM) return false;
    this.newPage();
    return true;
  }

  text(text: string, x: number, baseline: number, font: FontHandle, size: number): void {
    if (!text) return;
    this.current.push(`BT ${font.name} ${size} Tf 1 0 0 1 ${num(x)} ${num(baseline)} Tm <${hexOf(font, text)}> Tj ET`);
  }

  textRight(text: string, right: number, baseline: number, font: FontHandle, size: number): void {
    this.text(text, right - textWidth(font, text, size), baseline, font, size);
  }

  line(x1: number, y1: number, x2: number, y2: number): void {
    this.current.push(`0.5 w 0.55 G ${num(x1)} ${num(y1)} m ${num(x2)} ${num(y2)} l S`);
  }

  fillRect(x: number, y: number, w: number, h: number, gray: number): void {
    this.current.push(`${gray} g ${num(x)} ${num(y)} ${num(w)} ${num(h)} re f 0 g`);
  }

  image(name: string, x: number, y: number, w: number, h: number): void {
    this.current.push(`q ${num(w)} 0 0 ${num(h)} ${num(x)} ${num(y)} cm ${name} Do Q`);
  }

  get font(): PdfResources {
    return this.res;
  }
}

function drawLetterhead(page: PageComposer, content: DocumentContent): void {
  const { regular, bold, logo } = page.font;
  const right = PAGE_WIDTH - MARGIN;
  let rightY = TOP;
  if (content.letterhead.showLogo && logo) {
    const w = (logo.width / logo.height) * LOGO_HEIGHT;
    page.image(logo.name, right - w, TOP - LOGO_HEIGHT, w, LOGO_HEIGHT);
    rightY = TOP - LOGO_HEIGHT - 8;
  }
  content.letterhead.senderLines.forEach((line, i) => {
    rightY -= 11;
    page.textRight(line, right, rightY, i === 0 ? bold : regular, 9);
  });
  if (content.letterhead.dateLine) {
    rightY -= 18;
    page.textRight(content.letterhead.dateLine, right, rightY, regular, 9);
  }
  let leftY = TOP - 70;
  for (const line of content.letterhead.recipientLines) {
    leftY -= BODY_LEADING;
    page.text(line, MARGIN, leftY, regular, BODY_SIZE);
  }
  page.y = Math.min(leftY, rightY) - 28;
}

function drawParagraph(page: PageComposer, text: string, font: FontHandle, size: number, leading: number, after: number): void {
  for (const line of wrapText(font, text, size, CONTENT_WIDTH)) {
    page.ensure(leading);
    page.y -= leading;
    page.text(line, MARGIN, page.y + (leading - size) * 0.5 + 1, font, size);
  }
  page.y -= after;
}

function drawTable(page: PageComposer, block: Extract<ContentBlock, { type: 'table' }>): void {
  const { regular, bold } = page.font;
  const total = block.columns.reduce((s, c) => s + c.width, 0) || 1;
  const widths = block.columns.map((c) => (c.width / total) * CONTENT_WIDTH);
  const xs: number[] = [];
  widths.reduce((x, w) => (xs.push(x), x + w), MARGIN);
  // A row must fit on one page (it never splits): a cell longer than that is cut with an ellipsis.
  const maxLines = Math.floor((TOP - BOTTOM - 4 * CELL_PAD) / TABLE_LEADING) - 4;
  const layoutRow = (cells: string[], font: FontHandle) => {
    const lines = widths.map((w, i) => {
      const all = wrapText(font, cells[i] ?? '', TABLE_SIZE, w - 2 * CELL_PAD);
      return all.length > maxLines ? [...all.slice(0, maxLines - 1), '…'] : all;
    });
    const height = Math.max(1, ...lines.map((l) => l.length)) * TABLE_LEADING + 2 * CELL_PAD;
    return { lines, height };
  };
  const drawRow = (row: { lines: string[][]; height: number }, font: FontHandle, shaded: boolean) => {
    const top = page.y;
    if (shaded) page.fillRect(MARGIN, top - row.height, CONTENT_WIDTH, row.height, 0.9);
    row.lines.forEach((lines, i) => {
      lines.forEach((line, j) => page.text(line, (xs[i] as number) + CELL_PAD, top - CELL_PAD - (j + 1) * TABLE_LEADING + 3, font, TABLE_SIZE));
    });
    page.y -= row.height;
    page.line(MARGIN, page.y, MARGIN + CONTENT_WIDTH, page.y);
  };
  const header = layoutRow(
    block.columns.map((c) => c.header),
    bold,
  );
  const hasHeader = block.columns.some((c) => c.header);
  const drawHeader = () => {
    if (!hasHeader) return;
    page.line(MARGIN, page.y, MARGIN + CONTENT_WIDTH, page.y);
    drawRow(header, bold, true);
  };
  const rows = block.rows.map((cells) => layoutRow(cells, regular));
  // The header row never stands alone at the bottom of a page: it moves on with the first row.
  page.ensure((hasHeader ? header.height : 0) + (rows[0]?.height ?? TABLE_LEADING + 2 * CELL_PAD));
  drawHeader();
  for (const row of rows) {
    // A row never splits; on a new page the header row is repeated.
    if (page.ensure(row.height)) drawHeader();
    drawRow(row, regular, false);
  }
  page.y -= 10;
}

/** Lays a filled-in document out on A4 pages and returns one content stream per page. */
export function layoutDocument(res: PdfResources, content: DocumentContent): string[] {
  const page = new PageComposer(res);
  drawLetterhead(page, content);
  for (const block of content.blocks) {
    if (block.type === 'heading') {
      const size = block.level === 1 ? 16 : 13;
      page.ensure(size * 3);
      page.y -= 6;
      drawParagraph(page, block.text, res.bold, size, size * 1.3, 6);
    } else if (block.type === 'paragraph') {
      drawParagraph(page, block.text, res.regular, BODY_SIZE, BODY_LEADING, 8);
    } else {
      drawTable(page, block);
    }
  }
  const count = page.pages.length;
  return page.pages.map((ops, i) => {
    if (count > 1) {
      const label = content.pageLabel(i + 1, count);
      const w = textWidth(res.regular, label, 8);
      ops.push(`BT ${res.regular.name} 8 Tf 1 0 0 1 ${num(PAGE_WIDTH - MARGIN - w)} ${num(MARGIN)} Tm <${hexOf(res.regular, label)}> Tj ET`);
    }
    return ops.join('\n');
  });
}
