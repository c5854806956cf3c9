import type { FieldDef, FieldError } from '../contract';
import { maskCpr } from '../cpr/cpr';

/**
 * `{{field_key}}` placeholders in template texts. A field's value is formatted
 * by its type (Danish dates and numbers, Ja/Nej, user and group names). CPR
 * numbers are masked (`DDMMYY-****`) unless the template writes
 * `{{cpr_field|fuld}}`: the explicit ask for the full number, meant for the
 * letter to the citizen himself.
 */
export type TextPart = string | { key: string; full: boolean };

/** Placeholders every template may use besides the workspace's fields. */
export const BUILT_IN_PLACEHOLDERS = ['caseworker', 'today', 'record_number', 'status'] as const;

const TOKEN = /\{\{\s*([A-Za-z0-9_]*)\s*(?:\|\s*([A-Za-z]*)\s*)?\}\}/g;
const FULL_MODIFIERS = new Set(['fuld', 'full']);

/** Splits a text into literal parts and placeholders; reports anything malformed or unknown. */
export function parseText(text: string, path: string, fields: ReadonlyMap<string, FieldDef>, errors: FieldError[]): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const m of text.matchAll(TOKEN)) {
    const literal = text.slice(last, m.index);
    if (literal) parts.push(literal);
    last = m.index + m[0].length;
    const key = m[1] ?? '';
    const modifier = m[2];
    const field = fields.get(key);
    const builtIn = (BUILT_IN_PLACEHOLDERS as readonly string[]).includes(key);
    if (!field && !builtIn) {
      errors.push({ field: path, key: 'placeholder_unknown', params: { name: key || '(tom)' } });
      continue;
    }
    if (modifier !== undefined && !(FULL_MODIFIERS.has(modifier) && field?.type === 'cpr')) {
      errors.push({ field: path, key: 'placeholder_modifier', params: { name: `${key}|${modifier}` } });
      continue;
    }
    parts.push({ key, full: modifier !== undefined });
  }
  const rest = text.slice(last);
  if (rest) parts.push(rest);
  // Braces left over after the placeholders are a typo such as "{{navn}" or "{navn}}".
  for (const p of parts) {
    if (typeof p === 'string' && (p.includes('{{') || p.includes('}}'))) {
      errors.push({ field: path, key: 'placeholder_malformed' });
      break;
    }
  }
  return parts;
}

const MONTHS = ['januar', 'februar', 'marts', 'april', 'maj', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'december'];

/** `2026-11-28` → `28. november 2026`, the way Danish letters write dates. */
export function danishDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  return `${Number(m[3])}. ${MONTHS[Number(m[2]) - 1] ?? ''} ${m[1]}`;
}

/** `1234567.5` → `1.234.567,5`. */
export function danishNumber(stored: string): string {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(stored);
  if (!m) return stored;
  const whole = (m[2] as string).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${m[1]}${whole}${m[3] ? `,${m[3]}` : ''}`;
}

/** Everything a placeholder can be filled from for one record. */
export interface RecordData {
  recordId: number;
  number: string;
  statusName: string;
  /** Stored values by field key (CPR as ten digits). */
  values: ReadonlyMap<string, string>;
  caseworkerName: string;
  /** Today as YYYY-MM-DD (Danish time). */
  today: string;
}

export interface NameLookup {
  userName(id: number): string | null;
  groupName(id: number): string | null;
}

export function formatValue(field: FieldDef, stored: string, full: boolean, names: NameLookup): string {
  switch (field.type) {
    case 'date':
      return danishDate(stored);
    case 'number':
      return danishNumber(stored);
    case 'yesno':
      return stored === 'true' ? 'Ja' : 'Nej';
    case 'cpr':
      return full ? `${stored.slice(0, 6)}-${stored.slice(6)}` : maskCpr(stored);
    case 'user':
      return names.userName(Number(stored)) ?? '';
    case 'group':
      return names.groupName(Number(stored)) ?? '';
    default:
      return stored;
  }
}

/** Fills one parsed text for one record. */
export function fillText(parts: TextPart[], data: RecordData, fields: ReadonlyMap<string, FieldDef>, names: NameLookup): string {
  let out = '';
  for (const p of parts) {
    if (typeof p === 'string') {
      out += p;
      continue;
    }
    switch (p.key) {
      case 'caseworker':
        out += data.caseworkerName;
        break;
      case 'today':
        out += danishDate(data.today);
        break;
      case 'record_number':
        out += data.number;
        break;
      case 'status':
        out += data.statusName;
        break;
      default: {
        const field = fields.get(p.key);
        const stored = data.values.get(p.key);
        if (field && stored !== undefined) out += formatValue(field, stored, p.full, names);
      }
    }
  }
  return out;
}
