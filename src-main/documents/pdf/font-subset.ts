import fontkit from '@pdf-lib/fontkit';
import type { Font, Glyph } from '@pdf-lib/fontkit';
import { PDFString, type PDFContext, type PDFRef } from 'pdf-lib';
import { stripHinting } from './strip-hinting';

interface FontSubset {
  includeGlyph(glyph: Glyph | number): number;
  encode(stream: unknown): void;
  encodeStream(): { constructor: new () => EncodeStream };
}
interface EncodeStream {
  end(): void;
  read(): Uint8Array | null;
}

const parsed = new Map<Uint8Array, Font>();
let EncodeStreamClass: (new () => EncodeStream) | null = null;

/**
 * fontkit only offers the subset's bytes through a stream it fills on the next
 * tick; its `encode(stream)` is synchronous, so we run it on a stream of the
 * same class and read the bytes at once. This keeps document generation
 * synchronous (the DocumentPort is), with no event-loop round trip.
 */
function encodeSubsetSync(subset: FontSubset): Uint8Array {
  if (!EncodeStreamClass) EncodeStreamClass = subset.encodeStream().constructor;
  const stream = new EncodeStreamClass();
  subset.encode(stream);
  stream.end();
  const chunks: Uint8Array[] = [];
  for (let c = stream.read(); c !== null; c = stream.read()) chunks.push(c);
  return Buffer.concat(chunks);
}

export interface EmbeddedFont {
  ref: PDFRef;
  /** Code point → 4 hex digits of the subset's glyph id. */
  hex: Map<number, string>;
  /** Code point → advance width at size 1. */
  widths: Map<number, number>;
}

function toUnicodeCmap(entries: [number, number][]): string {
  const lines: string[] = [];
  for (let i = 0; i < entries.length; i += 100) {
    const chunk = entries.slice(i, i + 100);
    lines.push(`${chunk.length} beginbfchar`);
    for (const [gid, cp] of chunk) {
      const utf16 = String.fromCodePoint(cp);
      let u = '';
      for (let k = 0; k < utf16.length; k += 1) u += utf16.charCodeAt(k).toString(16).padStart(4, '0');
      lines.push(`<${gid.toString(16).padStart(4, '0')}> <${u}>`);
    }
    lines.push('endbfchar');
  }
  return [
    '/CIDInit /ProcSet findresource begin',
    '12 dict begin',
    'begincmap',
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
    '/CMapName /Adobe-Identity-UCS def',
    '/CMapType 2 def',
    '1 begincodespacerange',
    '<0000> <ffff>',
    'endcodespacerange',
    ...lines,
    'endcmap',
    'CMapName currentdict /CMap defineresource pop',
    'end',
    'end',
  ].join('\n');
}

/**
 * Embeds a subset of a TrueType font holding exactly the glyphs of `charset`,
 * as a Type0/CIDFontType2 font with Identity-H encoding and a ToUnicode map
 * (so text extraction and screen readers get the real letters, æøå included).
 * The same object layout pdf-lib's own subset embedder writes.
 */
export function embedFontSubset(context: PDFContext, fontBytes: Uint8Array, tag: string, charset: Iterable<number>): EmbeddedFont {
  let font = parsed.get(fontBytes);
  if (!font) {
    font = fontkit.create(fontBytes);
    parsed.set(fontBytes, font);
  }
  const subset = font.createSubset() as unknown as FontSubset;
  subset.includeGlyph(0);
  const hex = new Map<number, string>();
  const widths = new Map<number, number>();
  const scale = 1 / font.unitsPerEm;
  const widthsByGid = new Map<number, number>();
  const unicode: [number, number][] = [];
  for (const cp of charset) {
    if (!font.hasGlyphForCodePoint(cp)) continue;
    const glyph = font.glyphForCodePoint(cp);
    const gid = subset.includeGlyph(glyph);
    hex.set(cp, gid.toString(16).padStart(4, '0'));
    widths.set(cp, glyph.advanceWidth * scale);
    if (!widthsByGid.has(gid)) unicode.push([gid, cp]);
    widthsByGid.set(gid, glyph.advanceWidth * scale);
  }
  const fontData = stripHinting(encodeSubsetSync(subset));
  const name = `${tag}+${font.postscriptName}`;
  const s = 1000 * scale;
  const bbox = font.bbox;
  const descriptor = context.register(
    context.obj({
      Type: 'FontDescriptor',
      FontName: name,
      // Nonsymbolic (bit 6): the font uses the standard Latin character set.
      Flags: 32,
      FontBBox: [bbox.minX * s, bbox.minY * s, bbox.maxX * s, bbox.maxY * s].map(Math.round),
      ItalicAngle: font.italicAngle,
      Ascent: Math.round(font.ascent * s),
      Descent: Math.round(font.descent * s),
      CapHeight: Math.round((font.capHeight || font.ascent) * s),
      XHeight: Math.round((font.xHeight || 0) * s),
      StemV: 0,
      FontFile2: context.register(context.flateStream(fontData, { Length1: fontData.length })),
    }),
  );
  const w: (number | number[])[] = [];
  for (const [gid, width] of [...widthsByGid].sort((a, b) => a[0] - b[0])) w.push(gid, [Math.round(width * 1000)]);
  const cidFont = context.register(
    context.obj({
      Type: 'Font',
      Subtype: 'CIDFontType2',
      CIDToGIDMap: 'Identity',
      BaseFont: name,
      CIDSystemInfo: { Registry: PDFString.of('Adobe'), Ordering: PDFString.of('Identity'), Supplement: 0 },
      FontDescriptor: descriptor,
      W: w,
    }),
  );
  const cmap = context.register(context.flateStream(toUnicodeCmap(unicode)));
  const ref = context.register(
    context.obj({ Type: 'Font', Subtype: 'Type0', BaseFont: name, Encoding: 'Identity-H', DescendantFonts: [cidFont], ToUnicode: cmap }),
  );
  return { ref, hex, widths };
}

