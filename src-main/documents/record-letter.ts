import type { TemplateDefinition } from '../contract';
import type { CompiledTemplate } from './compiled-template';
import type { ContentBlock, DocumentContent } from './pdf/page-layout';
import { danishDate, type NameLookup, type RecordData } from './placeholders';

/** What a caseworker (or a "Send Digital Post" action) wrote: the letter's own words, already final. */
export interface WrittenLetter {
  subject: string;
  body: string;
  /** Who signs: the caseworker writing the letter, else the record's caseworker. Empty leaves the name line out. */
  signedBy: string;
}

/**
 * The letterhead used when the workspace has chosen none: the app's logo, the
 * sender name from the Digital Post settings, the citizen's name and the date.
 */
export function fallbackLetterhead(nameFieldKey: string | null): TemplateDefinition {
  return {
    title: 'Brev',
    letterhead: { logo: 'default', senderLines: [], recipientLines: nameFieldKey ? [`{{${nameFieldKey}}}`] : [], showDate: true },
    blocks: [],
  };
}

/**
 * A letter written on a record, laid out on the workspace's letterhead: the
 * letterhead template gives the logo, the sender block and the recipient block
 * (filled from the record, so the CPR number is masked unless the template
 * asks for `{{cpr|fuld}}`); the date is always printed, in Danish
 * ("4. december 2026"); then the subject, the body and the signature.
 *
 * The written text is not a template: `{{…}}` a caseworker types stays as typed.
 */
export function recordLetterContent(
  letterhead: CompiledTemplate,
  record: RecordData,
  names: NameLookup,
  letter: WrittenLetter,
  senderFallback: string,
): DocumentContent {
  const head = letterhead.fill(record, names).letterhead;
  const senderLines = head.senderLines.some((l) => l.trim() !== '') ? head.senderLines : [senderFallback].filter((l) => l.trim() !== '');
  const paragraphs = letter.body
    .replace(/\r\n?/g, '\n')
    .split(/\n{2,}/)
    .map((text) => text.trim())
    .filter((text) => text !== '')
    .map((text): ContentBlock => ({ type: 'paragraph', text }));
  const signature = ['Med venlig hilsen', letter.signedBy, senderLines[0] ?? ''].filter((l) => l.trim() !== '').join('\n');
  return {
    title: letter.subject,
    letterhead: { ...head, senderLines, dateLine: `Dato: ${danishDate(record.today)}` },
    blocks: [{ type: 'heading', level: 1, text: letter.subject }, ...paragraphs, { type: 'paragraph', text: signature }],
    pageLabel: (page, pages) => `Side ${page} af ${pages}`,
  };
}
