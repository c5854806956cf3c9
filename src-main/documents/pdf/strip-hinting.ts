/**
 * Removes TrueType hinting from a (subset) font: the `fpgm`, `prep` and `cvt `
 * tables and every glyph's instructions. Hints only steer rasterising at small
 * pixel sizes on screens; PDF viewers and printers render the outlines without
 * them, and pdf.js ignores them altogether. Liberation Sans is heavily hinted,
 * so this halves the font in every letter, and a 10,000-letter mailing writes
 * correspondingly less to disk. Outlines, metrics and the cmap are untouched.
 */
const DROP = new Set(['fpgm', 'prep', 'cvt ']);

const ARG_WORDS = 0x0001;
const HAVE_SCALE = 0x0008;
const MORE_COMPONENTS = 0x0020;
const XY_SCALE = 0x0040;
const TWO_BY_TWO = 0x0080;
const HAVE_INSTRUCTIONS = 0x0100;

function stripGlyph(g: Buffer): Buffer {
  if (g.length === 0) return g;
  const contours = g.readInt16BE(0);
  if (contours >= 0) {
    const lenAt = 10 + 2 * contours;
    const instructionLength = g.readUInt16BE(lenAt);
    if (instructionLength === 0) return g;
    const out = Buffer.alloc(g.length - instructionLength);
    g.copy(out, 0, 0, lenAt);
    out.writeUInt16BE(0, lenAt);
    g.copy(out, lenAt + 2, lenAt + 2 + instructionLength);
    return out;
  }
  // Composite glyph: clear the instruction flag and cut the instructions after the last component.
  const out = Buffer.from(g);
  let at = 10;
  for (;;) {
    const flags = out.readUInt16BE(at);
    out.writeUInt16BE(flags & ~HAVE_INSTRUCTIONS, at);
    at += 4 + (flags & ARG_WORDS ? 4 : 2);
    if (flags & HAVE_SCALE) at += 2;
    else if (flags & XY_SCALE) at += 4;
    else if (flags & TWO_BY_TWO) at += 8;
    if (!(flags & MORE_COMPONENTS)) break;
  }
  return out.subarray(0, at);
}

function checksum(b: Buffer): number {
  let sum = 0;
  const padded = b.length % 4 ? Buffer.concat([b, Buffer.alloc(4 - (b.length % 4))]) : b;
  for (let i = 0; i < padded.length; i += 4) sum = (sum + padded.readUInt32BE(i)) >>> 0;
  return sum;
}

export function stripHinting(font: Uint8Array): Uint8Array {
  const buf = Buffer.from(font.buffer, font.byteOffset, font.byteLength);
  const count = buf.readUInt16BE(4);
  const tables = new Map<string, Buffer>();
  for (let i = 0; i < count; i += 1) {
    const o = 12 + i * 16;
    const tag = buf.toString('latin1', o, o + 4);
    const offset = buf.readUInt32BE(o + 8);
    tables.set(tag, buf.subarray(offset, offset + buf.readUInt32BE(o + 12)));
  }
  const head = tables.get('head');
  const loca = tables.get('loca');
  const glyf = tables.get('glyf');
  if (!head || !loca || !glyf) return font;
  const longLoca = head.readInt16BE(50) === 1;
  const glyphs = longLoca ? loca.length / 4 - 1 : loca.length / 2 - 1;
  const offsetOf = (i: number) => (longLoca ? loca.readUInt32BE(i * 4) : loca.readUInt16BE(i * 2) * 2);
  const parts: Buffer[] = [];
  const newOffsets: number[] = [0];
  let size = 0;
  for (let i = 0; i < glyphs; i += 1) {
    let g = stripGlyph(glyf.subarray(offsetOf(i), offsetOf(i + 1)));
    if (g.length % 4) g = Buffer.concat([g, Buffer.alloc(4 - (g.length % 4))]);
    parts.push(g);
    size += g.length;
    newOffsets.push(size);
  }
  // Long offsets always fit; the head table says so.
  const newLoca = Buffer.alloc(newOffsets.length * 4);
  newOffsets.forEach((o, i) => newLoca.writeUInt32BE(o, i * 4));
  const newHead = Buffer.from(head);
  newHead.writeInt16BE(1, 50);
  newHead.writeUInt32BE(0, 8);
  tables.set('head', newHead);
  tables.set('loca', newLoca);
  tables.set('glyf', Buffer.concat(parts));
  for (const tag of DROP) tables.delete(tag);

  const tags = [...tables.keys()].sort();
  const n = tags.length;
  const entrySelector = Math.floor(Math.log2(n));
  const searchRange = 2 ** entrySelector * 16;
  const header = Buffer.alloc(12 + n * 16);
  header.writeUInt32BE(0x00010000, 0);
  header.writeUInt16BE(n, 4);
  header.writeUInt16BE(searchRange, 6);
  header.writeUInt16BE(entrySelector, 8);
  header.writeUInt16BE(n * 16 - searchRange, 10);
  const bodies: Buffer[] = [];
  let offset = header.length;
  tags.forEach((tag, i) => {
    const t = tables.get(tag) as Buffer;
    const o = 12 + i * 16;
    header.write(tag, o, 'latin1');
    header.writeUInt32BE(checksum(t), o + 4);
    header.writeUInt32BE(offset, o + 8);
    header.writeUInt32BE(t.length, o + 12);
    const padded = t.length % 4 ? Buffer.concat([t, Buffer.alloc(4 - (t.length % 4))]) : t;
    bodies.push(padded);
    offset += padded.length;
  });
  const out = Buffer.concat([header, ...bodies]);
  // head.checkSumAdjustment makes the whole file sum to 0xB1B0AFBA.
  const headAt = header.readUInt32BE(12 + tags.indexOf('head') * 16 + 8);
  out.writeUInt32BE((0xb1b0afba - checksum(out)) >>> 0, headAt + 8);
  return out;
}
