import { maskCpr } from '../../cpr/cpr';
import type { WorkspaceSnapshot } from '../../workspace/workspace-snapshot';

/**
 * Fills `{{field_key}}` placeholders with the record's values. CPR fields are
 * masked: a number in letter text ends up in PDFs and logs where it does not belong.
 * Unknown placeholders stay visible so the administrator notices them.
 */
export function fillTemplate(template: string, values: Map<number, string>, ws: WorkspaceSnapshot): string {
  return template.replace(/\{\{\s*([a-z][a-z0-9_]*)\s*\}\}/g, (whole, key: string) => {
    const field = ws.fieldsByKey.get(key);
    if (!field) return whole;
    const v = values.get(field.id) ?? '';
    return field.type === 'cpr' ? maskCpr(v) : v;
  });
}

/** A file name Digital Post accepts, made from a subject: forbidden characters become "-". */
export function safeFileName(subject: string): string {
  const base = subject
    .replace(/[<>:"/\\|?*\r\n\u00A0\u2000-\u200A\u2028\u205F\u2060\u3000]/gu, '-')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 100);
  return `${base || 'brev'}.pdf`;
}
