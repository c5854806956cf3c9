import { PDFArray, PDFContext, PDFDict, PDFRef, PDFStream, type PDFObject } from 'pdf-lib';
import { readResource } from '../resource-files';
import { embedFontSubset, type EmbeddedFont } from './font-subset';
import { embedImage } from './image-embed';

/**
 * The objects every generated PDF shares: the two Liberation Sans subsets and
 * the letterhead logo. Embedding a TrueType font is what makes a naive pdf-lib
 * letter slow (~55/s: parse, subset, compress per letter), so it is done ONCE
 * per character set with pdf-lib itself, and the finished object bytes are
 * copied verbatim into every document (see pdf-writer.ts).
 */
export interface FontHandle {
  /** Resource name in the page's /Font dictionary. */
  name: string;
  /** Advance width of one character at size 1 (in points per point of size). */
  width(ch: number): number;
  /** Four hex digits (the subset's glyph id, Identity-H) for one character. */
  hex(ch: number): string;
  /** Whether the subset has a real glyph for the character. */
  covers(ch: number): boolean;
}

export interface LogoHandle {
  name: string;
  width: number;
  height: number;
}

export interface PdfResources {
  /** Serialized `N 0 obj … endobj` blocks of every shared object, back to back. */
  block: Uint8Array;
  /** Object number → offset of its `N 0 obj` inside `block`. */
  offsets: Map<number, number>;
  /** The `/Resources` dictionary every page uses. */
  resourceDict: string;
  regular: FontHandle;
  bold: FontHandle;
  logo: LogoHandle | null;
  /** Every character (code point) the subsets were made for. */
  charset: ReadonlySet<number>;
}

export interface LogoImage {
  bytes: Uint8Array;
  type: 'png' | 'jpeg';
}

/**
 * What a template can use without a new subset: Latin-1 (all the Nordic and
 * Western European letters, æøå ÆØÅ among them) and the typographic
 * punctuation caseworkers paste from word processors.
 */
export const BASE_CHARSET: ReadonlySet<number> = (() => {
  const set = new Set<number>();
  for (let c = 0x20; c <= 0x7e; c += 1) set.add(c);
  for (let c = 0xa0; c <= 0xff; c += 1) set.add(c);
  for (const ch of '–—‘’‚“”„•…€™') set.add(ch.codePointAt(0) as number);
  return set;
})();

const QUESTION = 0x3f;

function fontHandle(font: EmbeddedFont, name: string): FontHandle {
  const fallbackHex = font.hex.get(QUESTION) as string;
  const fallbackWidth = font.widths.get(QUESTION) as number;
  return {
    name,
    width: (ch) => font.widths.get(ch) ?? fallbackWidth,
    hex: (ch) => font.hex.get(ch) ?? fallbackHex,
    covers: (ch) => font.hex.has(ch),
  };
}

/** Every object reachable from `roots`, so the block is self-contained. */
function reachable(context: PDFContext, roots: PDFRef[]): Map<number, PDFObject> {
  const out = new Map<number, PDFObject>();
  const visit = (obj: PDFObject | undefined): void => {
    if (obj instanceof PDFRef) {
      if (out.has(obj.objectNumber)) return;
      const target = context.lookup(obj);
      if (!target) return;
      out.set(obj.objectNumber, target);
      visit(target);
    } else if (obj instanceof PDFDict) {
      for (const [, v] of obj.entries()) visit(v);
    } else if (obj instanceof PDFArray) {
      for (let i = 0; i < obj.size(); i += 1) visit(obj.get(i));
    } else if (obj instanceof PDFStream) {
      visit(obj.dict);
    }
  };
  roots.forEach(visit);
  return out;
}

function serialize(objects: Map<number, PDFObject>): { block: Uint8Array; offsets: Map<number, number> } {
  const numbers = [...objects.keys()].sort((a, b) => a - b);
  let size = 0;
  const heads = numbers.map((n) => `${n} 0 obj\n`);
  numbers.forEach((n, i) => (size += heads[i]!.length + (objects.get(n) as PDFObject).sizeInBytes() + '\nendobj\n'.length));
  const block = new Uint8Array(size);
  const offsets = new Map<number, number>();
  const enc = new TextEncoder();
  let at = 0;
  numbers.forEach((n, i) => {
    offsets.set(n, at);
    at += enc.encodeInto(heads[i]!, block.subarray(at)).written;
    at += (objects.get(n) as PDFObject).copyBytesInto(block, at);
    at += enc.encodeInto('\nendobj\n', block.subarray(at)).written;
  });
  return { block, offsets };
}

/**
 * Builds the shared objects for one character set and one logo: a few ms,
 * synchronous (pdf-lib's object model, fontkit's subsetter), cached by the engine.
 */
export function buildResources(charset: ReadonlySet<number>, logo: LogoImage | null): PdfResources {
  const context = PDFContext.create();
  const all = new Set(charset);
  all.add(QUESTION);
  const regularFont = embedFontSubset(context, readResource('fonts/LiberationSans-Regular.ttf'), 'AAAAAA', all);
  const boldFont = embedFontSubset(context, readResource('fonts/LiberationSans-Bold.ttf'), 'AAAAAB', all);
  const image = logo ? embedImage(context, logo.bytes, logo.type) : null;
  const roots = [regularFont.ref, boldFont.ref, ...(image ? [image.ref] : [])];
  const { block, offsets } = serialize(reachable(context, roots));
  const xobject = image ? ` /XObject << /Im1 ${image.ref.toString()} >>` : '';
  return {
    block,
    offsets,
    resourceDict: `<< /Font << /F1 ${regularFont.ref.toString()} /F2 ${boldFont.ref.toString()} >>${xobject} /ProcSet [/PDF /Text /ImageB /ImageC /ImageI] >>`,
    regular: fontHandle(regularFont, '/F1'),
    bold: fontHandle(boldFont, '/F2'),
    logo: image ? { name: '/Im1', width: image.width, height: image.height } : null,
    charset: all,
  };
}
