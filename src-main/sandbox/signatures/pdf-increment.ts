import {
  PDFArray,
  PDFCrossRefStream,
  PDFDict,
  PDFDocument,
  PDFName,
  PDFNumber,
  PDFRef,
  type PDFContext,
  type PDFObject,
} from 'pdf-lib';

/**
 * Appends PDF incremental updates (ISO 32000-1 §7.5.6): new and changed
 * objects go after the existing bytes, followed by a cross-reference section
 * for just those objects whose trailer points back (/Prev) to the previous
 * one. The original bytes are never touched, so every earlier signature,
 * whose ByteRange covers a prefix of the file, stays valid. pdf-lib reads the
 * current objects; this module writes only PDF structure (objects, xref),
 * never ASN.1.
 */
export interface Increment {
  doc: PDFDocument;
  context: PDFContext;
  catalog: PDFDict;
  catalogRef: PDFRef;
  /** Marks a (changed or new) indirect object to be written in this update. */
  write(ref: PDFRef, object: PDFObject): void;
  /** A new object given as raw PDF text; returns its ref. `text` is written as latin1 between `obj` and `endobj`. */
  writeRaw(text: string): PDFRef;
}

interface Pending {
  ref: PDFRef;
  object: PDFObject | null;
  raw: string | null;
}

export interface WrittenIncrement {
  bytes: Buffer;
  /** Byte offset, in `bytes`, of each raw object's text (for patching placeholders). */
  rawOffsets: Map<PDFRef, number>;
}

const lastStartXref = (pdf: Buffer): number => {
  const tail = pdf.subarray(Math.max(0, pdf.length - 1024)).toString('latin1');
  const m = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail);
  if (!m) throw new Error('not a PDF: no startxref at the end');
  return Number(m[1]);
};

export async function appendIncrement(pdf: Buffer, build: (inc: Increment) => void | Promise<void>): Promise<WrittenIncrement> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const context = doc.context;
  const catalogRef = context.trailerInfo.Root as PDFRef;
  const catalog = context.lookup(catalogRef, PDFDict);
  const prev = lastStartXref(pdf);
  const classicXref = pdf.subarray(prev, prev + 4).toString('latin1') === 'xref';
  // pdf-lib does not count the numbers of object and xref streams it unpacked; new objects must not reuse them.
  const size = /\/Size\s+(\d+)/.exec(pdf.subarray(prev, prev + 4096).toString('latin1'));
  if (size) context.largestObjectNumber = Math.max(context.largestObjectNumber, Number(size[1]) - 1);
  const pending: Pending[] = [];
  await build({
    doc,
    context,
    catalog,
    catalogRef,
    write(ref, object) {
      const existing = pending.find((p) => p.ref === ref);
      if (existing) existing.object = object;
      else pending.push({ ref, object, raw: null });
    },
    writeRaw(text) {
      const ref = context.nextRef();
      pending.push({ ref, object: null, raw: text });
      return ref;
    },
  });

  const parts: Buffer[] = [pdf];
  let offset = pdf.length;
  // A file that does not end in an end-of-line gets one, so the first object starts on its own line.
  if (pdf[pdf.length - 1] !== 0x0a) {
    parts.push(Buffer.from('\n'));
    offset += 1;
  }
  const offsets = new Map<PDFRef, number>();
  const rawOffsets = new Map<PDFRef, number>();
  const emit = (chunk: Buffer) => {
    parts.push(chunk);
    offset += chunk.length;
  };
  for (const p of pending) {
    offsets.set(p.ref, offset);
    const head = `${p.ref.objectNumber} ${p.ref.generationNumber} obj\n`;
    emit(Buffer.from(head, 'latin1'));
    if (p.raw !== null) {
      rawOffsets.set(p.ref, offset);
      emit(Buffer.from(p.raw, 'latin1'));
    } else {
      const bytes = new Uint8Array(p.object!.sizeInBytes());
      p.object!.copyBytesInto(bytes, 0);
      emit(Buffer.from(bytes));
    }
    emit(Buffer.from('\nendobj\n', 'latin1'));
  }

  const trailer = context.obj({}) as PDFDict;
  const info = context.trailerInfo;
  if (info.Root) trailer.set(PDFName.of('Root'), info.Root);
  if (info.Info) trailer.set(PDFName.of('Info'), info.Info);
  if (info.ID) trailer.set(PDFName.of('ID'), info.ID);
  if (info.Encrypt) throw new Error('encrypted PDFs cannot be signed by the sandbox');
  trailer.set(PDFName.of('Prev'), PDFNumber.of(prev));
  const sorted = [...offsets.entries()].sort(([a], [b]) => a.objectNumber - b.objectNumber);
  const xrefAt = offset;
  if (classicXref) {
    trailer.set(PDFName.of('Size'), PDFNumber.of(context.largestObjectNumber + 1));
    let text = 'xref\n';
    for (let i = 0; i < sorted.length; ) {
      let j = i;
      while (j + 1 < sorted.length && sorted[j + 1]![0].objectNumber === sorted[j]![0].objectNumber + 1) j++;
      text += `${sorted[i]![0].objectNumber} ${j - i + 1}\n`;
      for (let k = i; k <= j; k++) text += `${String(sorted[k]![1]).padStart(10, '0')} ${String(sorted[k]![0].generationNumber).padStart(5, '0')} n \n`;
      i = j + 1;
    }
    emit(Buffer.from(`${text}trailer\n${trailer.toString()}\nstartxref\n${xrefAt}\n%%EOF\n`, 'latin1'));
  } else {
    // The previous section is a cross-reference stream: continue in kind (an uncompressed one).
    const xrefRef = context.nextRef();
    trailer.set(PDFName.of('Size'), PDFNumber.of(context.largestObjectNumber + 1));
    const stream = PDFCrossRefStream.create(trailer, false);
    for (const [ref, at] of sorted) stream.addUncompressedEntry(ref, at);
    stream.addUncompressedEntry(xrefRef, xrefAt);
    const bytes = new Uint8Array(stream.sizeInBytes());
    stream.copyBytesInto(bytes, 0);
    emit(Buffer.from(`${xrefRef.objectNumber} 0 obj\n`, 'latin1'));
    emit(Buffer.from(bytes));
    emit(Buffer.from(`\nendobj\nstartxref\n${xrefAt}\n%%EOF\n`, 'latin1'));
  }
  const bytes = Buffer.concat(parts);
  // Raw offsets are relative to the whole new file.
  return { bytes, rawOffsets };
}

/** The dict behind `value` (itself or the object a ref points to), or null. */
export function lookupDict(context: PDFContext, value: PDFObject | undefined): PDFDict | null {
  if (!value) return null;
  const resolved = value instanceof PDFRef ? context.lookup(value) : value;
  return resolved instanceof PDFDict ? resolved : null;
}

export function lookupArray(context: PDFContext, value: PDFObject | undefined): PDFArray | null {
  if (!value) return null;
  const resolved = value instanceof PDFRef ? context.lookup(value) : value;
  return resolved instanceof PDFArray ? resolved : null;
}
