import { describe, expect, it } from 'vitest';
import type { FieldDef, TemplateDefinition } from '../../src-main/contract';
import { compileTemplate } from '../../src-main/documents/compiled-template';
import type { RecordData } from '../../src-main/documents/placeholders';
import { fallbackLetterhead, recordLetterContent } from '../../src-main/documents/record-letter';

const field = (key: string, type: FieldDef['type']): FieldDef => ({ id: key.length, key, label: key, type, required: false, options: [], role: null, showInList: false, sortOrder: 0 });
const fields = new Map([field('navn', 'text'), field('cpr', 'cpr'), field('adresse', 'text')].map((f) => [f.key, f]));
const names = { userName: () => null, groupName: () => null };
const record: RecordData = {
  recordId: 1,
  number: '2026-000042',
  statusName: 'Modtaget',
  values: new Map([
    ['navn', 'Søren Ærø'],
    ['cpr', '0101901234'],
  ]),
  caseworkerName: 'Anne Sørensen',
  today: '2026-12-04',
};
const letterhead = (lh: Partial<TemplateDefinition['letterhead']>): TemplateDefinition => ({
  title: 'Brevpapir',
  letterhead: { logo: 'none', senderLines: ['Odder Kommune', 'Borgerservice'], recipientLines: ['{{navn}}', '{{adresse}}', 'CPR-nr. {{cpr}}'], showDate: false, ...lh },
  blocks: [{ type: 'paragraph', text: 'Skabelonens egen tekst' }],
});
const letter = { subject: 'Svar på din henvendelse', body: 'Kære Søren\r\n\r\nVi har {{navn}} modtaget din besked.\n\n\n\nHilsen', signedBy: 'Jens Nielsen' };

describe('a letter written on a record', () => {
  it("takes the letterhead's sender and recipient blocks, always dates it in Danish, and signs it", () => {
    const content = recordLetterContent(compileTemplate(letterhead({}), fields), record, names, letter, 'Kommunen (sandbox)');
    expect(content.letterhead.senderLines).toEqual(['Odder Kommune', 'Borgerservice']);
    // The empty address line leaves no gap; a CPR number is masked.
    expect(content.letterhead.recipientLines).toEqual(['Søren Ærø', 'CPR-nr. 010190-****']);
    expect(content.letterhead.dateLine).toBe('Dato: 4. december 2026');
    expect(content.blocks).toEqual([
      { type: 'heading', level: 1, text: 'Svar på din henvendelse' },
      { type: 'paragraph', text: 'Kære Søren' },
      // What the caseworker typed is not a template.
      { type: 'paragraph', text: 'Vi har {{navn}} modtaget din besked.' },
      { type: 'paragraph', text: 'Hilsen' },
      { type: 'paragraph', text: 'Med venlig hilsen\nJens Nielsen\nOdder Kommune' },
    ]);
  });

  it('falls back to the Digital Post sender name and the name field without a letterhead, and leaves out an unknown signer', () => {
    const content = recordLetterContent(compileTemplate(fallbackLetterhead('navn'), fields), record, names, { ...letter, signedBy: '' }, 'Silkeborg Kommune');
    expect(content.letterhead.senderLines).toEqual(['Silkeborg Kommune']);
    expect(content.letterhead.recipientLines).toEqual(['Søren Ærø']);
    expect(content.letterhead.showLogo).toBe(true);
    expect(content.blocks.at(-1)).toEqual({ type: 'paragraph', text: 'Med venlig hilsen\nSilkeborg Kommune' });
  });
});
