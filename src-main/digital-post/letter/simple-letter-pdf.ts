import { PdfEngine } from '../../documents/pdf/pdf-engine';

// The embedded fonts are subset once per character set and reused by every
// letter; this cache is all the state there is.
const engine = new PdfEngine();

/**
 * A plain letter (date, title, paragraphs; A4, more pages when needed) as PDF
 * bytes, for letters written from a record and the "Send Digital Post" status
 * action. Built synchronously with the documents module's engine (status
 * actions run inside the job's database transaction, where nothing can be
 * awaited), with Liberation Sans embedded, so every Danish letter prints.
 */
export function simpleLetterPdf(letter: { title: string; body: string; date?: string }): Uint8Array {
  const paragraphs = letter.body
    .replace(/\r\n?/g, '\n')
    .split(/\n{2,}/)
    .map((text) => ({ type: 'paragraph' as const, text }));
  const content = {
    title: letter.title,
    letterhead: { senderLines: [], recipientLines: [], dateLine: letter.date ?? '', showLogo: false },
    blocks: [{ type: 'heading' as const, text: letter.title, level: 1 as const }, ...paragraphs],
    pageLabel: (page: number, pages: number) => `Side ${page} af ${pages}`,
  };
  const resources = engine.resourcesFor([content], null);
  return engine.render(resources, content, letter.date ? new Date(`${letter.date}T12:00:00Z`) : new Date()).pdf;
}
