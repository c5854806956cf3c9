import type { FieldDef, FieldError, TemplateDefinition } from '../contract';
import type { ContentBlock, DocumentContent } from './pdf/page-layout';
import { fillText, parseText, type NameLookup, type RecordData, type TextPart } from './placeholders';

type CompiledBlock =
  | { type: 'heading'; level: 1 | 2; text: TextPart[] }
  | { type: 'paragraph'; text: TextPart[] }
  | { type: 'table'; columns: { header: TextPart[]; width: number }[]; rows: TextPart[][][] };

/**
 * A template parsed once: every text split into literals and placeholders, so
 * filling it for each of 10,000 records is string concatenation only.
 */
export interface CompiledTemplate {
  /** Placeholders that are not known, malformed, or misuse `|fuld`; empty when valid. */
  errors: FieldError[];
  showLogo: boolean;
  fill(data: RecordData, names: NameLookup): DocumentContent;
  /** The document title filled in (the Digital Post subject of a mailing). */
  title(data: RecordData, names: NameLookup): string;
  /** The placeholders that come out empty for this record (a field with no value, no caseworker), each once. */
  emptyPlaceholders(data: RecordData, names: NameLookup): string[];
}

export const pageLabel = (page: number, pages: number): string => `Side ${page} af ${pages}`;

export function compileTemplate(def: TemplateDefinition, fields: ReadonlyMap<string, FieldDef>): CompiledTemplate {
  const errors: FieldError[] = [];
  const parse = (text: string, path: string) => parseText(text, path, fields, errors);
  const title = parse(def.title, 'title');
  const sender = def.letterhead.senderLines.map((l, i) => parse(l, `letterhead.senderLines.${i}`));
  const recipient = def.letterhead.recipientLines.map((l, i) => parse(l, `letterhead.recipientLines.${i}`));
  const blocks: CompiledBlock[] = def.blocks.map((b, i) => {
    const at = `blocks.${i}`;
    if (b.type === 'table') {
      return {
        type: 'table',
        columns: b.columns.map((c, j) => ({ header: parse(c.header, `${at}.columns.${j}`), width: c.width })),
        rows: b.rows.map((r, j) => r.map((cell, k) => parse(cell, `${at}.rows.${j}.${k}`))),
      };
    }
    return b.type === 'heading' ? { type: 'heading', level: b.level, text: parse(b.text, `${at}.text`) } : { type: 'paragraph', text: parse(b.text, `${at}.text`) };
  });
  const today: TextPart[] = ['Dato: ', { key: 'today', full: false }];

  const fill = (data: RecordData, names: NameLookup): DocumentContent => {
    const f = (parts: TextPart[]) => fillText(parts, data, fields, names);
    return {
      title: f(title),
      letterhead: {
        senderLines: sender.map(f),
        // An empty line (e.g. a field with no value) leaves no gap in the address.
        recipientLines: recipient.map(f).filter((l) => l.trim() !== ''),
        dateLine: def.letterhead.showDate ? f(today) : '',
        showLogo: def.letterhead.logo !== 'none',
      },
      blocks: blocks.map((b): ContentBlock => {
        if (b.type === 'table') {
          return {
            type: 'table',
            columns: b.columns.map((c) => ({ header: f(c.header), width: c.width })),
            rows: b.rows.map((r) => r.map(f)),
          };
        }
        return b.type === 'heading' ? { type: 'heading', level: b.level, text: f(b.text) } : { type: 'paragraph', text: f(b.text) };
      }),
      pageLabel,
    };
  };
  const placeholders = [title, ...sender, ...recipient, ...blocks.flatMap((b) => (b.type === 'table' ? [...b.columns.map((c) => c.header), ...b.rows.flat()] : [b.text]))]
    .flat()
    .filter((p): p is Exclude<TextPart, string> => typeof p !== 'string');
  const emptyPlaceholders = (data: RecordData, names: NameLookup): string[] => [
    ...new Set(placeholders.filter((p) => fillText([p], data, fields, names).trim() === '').map((p) => p.key)),
  ];
  return { errors, showLogo: def.letterhead.logo !== 'none', fill, title: (data, names) => fillText(title, data, fields, names), emptyPlaceholders };
}
