import { deflateSync } from 'node:zlib';
import type { PdfResources } from './pdf-resources';

/** A4 in points. */
export const PAGE_WIDTH = 595.28;
export const PAGE_HEIGHT = 841.89;

export interface DocumentInfo {
  title: string;
  /** Fixed time for the /CreationDate, so the same input gives the same bytes. */
  createdAt: Date;
}

const latin1 = (s: string): Buffer => Buffer.from(s, 'latin1');

/** A PDF text string in UTF-16BE hex, so titles keep their Danish letters. */
function utf16Hex(text: string): string {
  let hex = 'FEFF';
  for (let i = 0; i < text.length; i += 1) hex += text.charCodeAt(i).toString(16).padStart(4, '0');
  return `<${hex}>`;
}

const pdfDate = (d: Date): string => `(D:${d.toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z)`;

/**
 * Assembles one complete PDF from the shared resource block and the pages'
 * content streams: header, objects, a classic xref table and trailer. The
 * shared objects keep their object numbers; this document's own objects take
 * the numbers the block leaves free. Only the content streams are compressed
 * per document (level 1: the text is tiny and repetitive, so level 6 buys a few
 * per cent of size for twice the time).
 */
export function writePdf(resources: PdfResources, pageContents: string[], info: DocumentInfo): Uint8Array {
  const used = resources.offsets;
  let next = 1;
  const take = (): number => {
    while (used.has(next)) next += 1;
    return next++;
  };
  const catalog = take();
  const pagesId = take();
  const infoId = take();
  const pageIds = pageContents.map(() => take());
  const contentIds = pageContents.map(() => take());

  const header = latin1('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n');
  const chunks: Uint8Array[] = [header, resources.block];
  const offsets = new Map<number, number>();
  for (const [n, rel] of used) offsets.set(n, header.length + rel);
  let at = header.length + resources.block.length;
  const add = (n: number, ...parts: Uint8Array[]): void => {
    offsets.set(n, at);
    for (const p of parts) {
      chunks.push(p);
      at += p.length;
    }
  };
  const obj = (n: number, body: string): void => add(n, latin1(`${n} 0 obj\n${body}\nendobj\n`));

  obj(catalog, `<< /Type /Catalog /Pages ${pagesId} 0 R >>`);
  obj(pagesId, `<< /Type /Pages /Kids [${pageIds.map((p) => `${p} 0 R`).join(' ')}] /Count ${pageIds.length} >>`);
  obj(infoId, `<< /Producer (Sagsbehandler) /Title ${utf16Hex(info.title)} /CreationDate ${pdfDate(info.createdAt)} >>`);
  pageContents.forEach((content, i) => {
    obj(
      pageIds[i] as number,
      `<< /Type /Page /Parent ${pagesId} 0 R /MediaBox [0 0 ${PAGE_WIDTH} ${PAGE_HEIGHT}] /Resources ${resources.resourceDict} /Contents ${contentIds[i]} 0 R >>`,
    );
    const data = deflateSync(latin1(content), { level: 1 });
    const n = contentIds[i] as number;
    add(n, latin1(`${n} 0 obj\n<< /Length ${data.length} /Filter /FlateDecode >>\nstream\n`), data, latin1('\nendstream\nendobj\n'));
  });

  const size = Math.max(...offsets.keys()) + 1;
  let xref = `xref\n0 ${size}\n0000000000 65535 f \n`;
  for (let n = 1; n < size; n += 1) {
    const off = offsets.get(n);
    xref += off === undefined ? '0000000000 65535 f \n' : `${String(off).padStart(10, '0')} 00000 n \n`;
  }
  xref += `trailer\n<< /Size ${size} /Root ${catalog} 0 R /Info ${infoId} 0 R >>\nstartxref\n${at}\n%%EOF\n`;
  chunks.push(latin1(xref));
  return Buffer.concat(chunks);
}
