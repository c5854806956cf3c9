import {
  beginText,
  endText,
  moveText,
  PDFHexString,
  popGraphicsState,
  pushGraphicsState,
  rectangle,
  setFillingRgbColor,
  setFontAndSize,
  setStrokingRgbColor,
  showText,
  stroke,
  type PDFContext,
  type PDFObject,
  type PDFRef,
} from 'pdf-lib';
import type { SignatorySeal } from './document-signer';

/** The seal's lines, top to bottom, as the signature appearance makes them. */
export function sealLines(seal: SignatorySeal): string[] {
  const a = seal.appearance;
  return [a.headerLeft, a.displayName ?? seal.name, seal.signingAs, a.identifier, a.footer].filter((l): l is string => !!l);
}

/** Standard PDF fonts cover WinAnsi (Latin-1 here); anything else becomes '?'. */
const winAnsi = (s: string): string => s.replace(/[^\x20-\x7e\u00a0-\u00ff]/g, '?');

const LINE = 11;
const WIDTH = 230;

/**
 * A signatory's visible seal as a PDF form XObject, for the /AP /N of the
 * signature's widget: a framed box with the seal lines (Helvetica). `put`
 * stores each new object and returns its ref, so the caller decides how they
 * are written (an incremental update, or pdf-lib's own save). Positions are
 * Idura's `pdfSealPositions` (page 1-based; x/y taken as PDF user space from
 * the page's lower left, scaled by `scale`); without one the seal goes to the
 * lower left of the last page.
 */
export function sealAppearance(
  context: PDFContext,
  seal: SignatorySeal,
  pageCount: number,
  put: (object: PDFObject) => PDFRef,
): { pageIndex: number; rect: [number, number, number, number]; appearance: PDFRef } {
  const lines = sealLines(seal);
  const pos = seal.sealPositions[0] ?? { page: pageCount, x: 40, y: 40, scale: 1 };
  const pageIndex = Math.min(Math.max(Math.round(pos.page), 1), pageCount) - 1;
  const height = lines.length * LINE + 10;
  const font = put(context.obj({ Type: 'Font', Subtype: 'Type1', BaseFont: 'Helvetica', Encoding: 'WinAnsiEncoding' }));
  const operators = [
    pushGraphicsState(),
    setStrokingRgbColor(0.06, 0.24, 0.6),
    rectangle(0.5, 0.5, WIDTH - 1, height - 1),
    stroke(),
    setFillingRgbColor(0.1, 0.1, 0.3),
    beginText(),
    setFontAndSize('F1', 9),
    moveText(6, height - 5 - 9),
    ...lines.flatMap((line, i) => [...(i ? [moveText(0, -LINE)] : []), showText(PDFHexString.of(Buffer.from(winAnsi(line), 'latin1').toString('hex')))]),
    endText(),
    popGraphicsState(),
  ];
  const stream = context.formXObject(operators, { BBox: [0, 0, WIDTH, height], Resources: { Font: { F1: font } } });
  const appearance = put(stream);
  const s = pos.scale;
  return { pageIndex, rect: [pos.x, pos.y, pos.x + WIDTH * s, pos.y + height * s], appearance };
}
