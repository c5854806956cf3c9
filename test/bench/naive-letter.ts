// The naive way to make a letter, for comparison in the benchmarks: a new
// pdf-lib document per letter that embeds (parses, subsets, compresses) both
// fonts and the logo again, draws the same text with pdf-lib's own wrapping,
// and saves.
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb } from 'pdf-lib';
import type { DocumentContent } from '../../src-main/documents/pdf/page-layout';
import { readResource } from '../../src-main/documents/resource-files';

export async function naiveLetter(content: DocumentContent): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const regular = await doc.embedFont(readResource('fonts/LiberationSans-Regular.ttf'), { subset: true });
  const bold = await doc.embedFont(readResource('fonts/LiberationSans-Bold.ttf'), { subset: true });
  const logo = await doc.embedPng(readResource('letterhead-logo.png'));
  doc.setTitle(content.title);
  const page = doc.addPage([595.28, 841.89]);
  page.drawImage(logo, { x: 418, y: 745, width: 120, height: 40 });
  let y = 730;
  for (const line of content.letterhead.senderLines) page.drawText(line, { x: 420, y: (y -= 11), size: 9, font: regular });
  for (const line of content.letterhead.recipientLines) page.drawText(line, { x: 57, y: (y -= 14), size: 11, font: regular });
  y -= 30;
  for (const b of content.blocks) {
    if (b.type === 'table') {
      for (const row of [b.columns.map((c) => c.header), ...b.rows]) {
        page.drawText(row.join('    '), { x: 57, y: (y -= 14), size: 10, font: regular });
        page.drawLine({ start: { x: 57, y: y - 3 }, end: { x: 538, y: y - 3 }, thickness: 0.5, color: rgb(0.5, 0.5, 0.5) });
      }
    } else {
      const font = b.type === 'heading' ? bold : regular;
      page.drawText(b.text, { x: 57, y: (y -= 20), size: b.type === 'heading' ? 16 : 11, font, maxWidth: 480, lineHeight: 14.5 });
      y -= 14.5 * Math.ceil(regular.widthOfTextAtSize(b.text, 11) / 480) + (b.text.split('\n').length - 1) * 14.5;
    }
  }
  return doc.save();
}
