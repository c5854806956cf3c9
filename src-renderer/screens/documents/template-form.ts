import type { TemplateBlock, TemplateDefinition } from '../../../src-main/contract';

// Converting the table editor's text areas to and from the template's JSON:
// columns as "Header | width" lines, rows as lines of cells separated by " | ".

export const columnsToText = (columns: { header: string; width: number }[]): string => columns.map((c) => `${c.header} | ${c.width}`).join('\n');

export function textToColumns(text: string): { header: string; width: number }[] {
  const cols = text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .slice(0, 8)
    .map((line) => {
      const at = line.lastIndexOf('|');
      const width = at >= 0 ? Number(line.slice(at + 1).trim()) : NaN;
      const ok = Number.isInteger(width) && width >= 1 && width <= 100;
      return { header: (ok ? line.slice(0, at) : line).trim().slice(0, 200), width: ok ? width : 1 };
    });
  return cols.length ? cols : [{ header: '', width: 1 }];
}

export const rowsToText = (rows: string[][]): string => rows.map((r) => r.join(' | ')).join('\n');

export const textToRows = (text: string): string[][] =>
  text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .slice(0, 300)
    .map((l) => l.split('|').map((c) => c.trim()).slice(0, 8));

export const linesToText = (lines: string[]): string => lines.join('\n');
export const textToLines = (text: string): string[] =>
  text
    .split('\n')
    .map((l) => l.trimEnd().slice(0, 200))
    .filter((l, i, all) => l !== '' || i < all.length - 1)
    .slice(0, 8);

export const EMPTY_TEMPLATE: TemplateDefinition = {
  title: '',
  letterhead: { logo: 'default', senderLines: [], recipientLines: ['{{navn}}'], showDate: true },
  blocks: [{ type: 'paragraph', text: '' }],
};

export const newBlock = (type: TemplateBlock['type']): TemplateBlock =>
  type === 'heading' ? { type, level: 1, text: '' } : type === 'paragraph' ? { type, text: '' } : { type, columns: [{ header: '', width: 1 }], rows: [] };
