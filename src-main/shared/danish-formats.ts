// Numbers and dates as Danish caseworkers and Danish spreadsheets write them,
// read and shown by one module: forms, the citizen kiosk and CSV imports read
// values through parseNumber/parseDate (field-values.ts), and every screen shows
// stored numbers through formatNumber. Plain functions: main and renderer share them.
import { isRealDate } from './calendar';

/** Thousands grouped by `.` (Danish) or a space (also a no-break or thin space), then an optional decimal comma. */
const DANISH_NUMBER = /^(-?)(\d{1,3}(?:([. \u00a0\u202f])\d{3})?(?:\3\d{3})*)(?:,(\d+))?$/;
/** Digits with a decimal point or a decimal comma and no grouping: 4500, 4500,75, 4500.75. */
const PLAIN_NUMBER = /^(-?)(\d+)(?:[.,](\d+))?$/;
/** A dot followed by exactly three digits and no comma is Danish grouping (4.500 is four thousand five hundred). */
const GROUPED_BY_DOTS = /^-?\d{1,3}(?:\.\d{3})+$/;

/**
 * A number as typed in Danish or as a program writes it, in its stored form
 * (`-1234.5`: a point, no grouping), or null when it is not a number.
 *
 * - `4.500,75`, `4 500,75`, `4500,75` and `4500.75` are all 4500.75.
 * - `4.500` is 4500 (Danish grouping), while `12.5` is twelve and a half:
 *   a point followed by exactly three digits groups thousands.
 * - A minus sign may be `-` or `−`. Exponents, `+`, `NaN` and hex are refused.
 */
export function parseNumber(text: string): string | null {
  const value = text.trim().replace(/^\u2212/, '-');
  if (value === '') return null;
  const grouped = GROUPED_BY_DOTS.test(value) ? null : PLAIN_NUMBER.exec(value);
  if (grouped) return stored(grouped[1] as string, grouped[2] as string, grouped[3]);
  const danish = DANISH_NUMBER.exec(value);
  if (!danish) return null;
  return stored(danish[1] as string, (danish[2] as string).replace(/[. \u00a0\u202f]/g, ''), danish[4]);
}

const stored = (sign: string, whole: string, fraction: string | undefined): string => `${sign}${whole}${fraction === undefined ? '' : `.${fraction}`}`;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** dd-mm-åååå and dd.mm.åååå (also d.m.åååå and dd/mm/åååå, which Danish spreadsheets write too). */
const DANISH_DATE = /^(\d{1,2})([-./])(\d{1,2})\2(\d{4})$/;

/** A date typed as `15-01-2027`, `01.03.2027` or `2027-01-15`, as ISO `YYYY-MM-DD`, or null when it is no real day. */
export function parseDate(text: string): string | null {
  const value = text.trim();
  const iso = ISO_DATE.exec(value);
  if (iso) return isRealDate(Number(iso[1]), Number(iso[2]), Number(iso[3])) ? value : null;
  const danish = DANISH_DATE.exec(value);
  if (!danish) return null;
  const [day, month, year] = [Number(danish[1]), Number(danish[3]), Number(danish[4])];
  if (!isRealDate(year, month, day)) return null;
  return `${danish[4]}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export type NumberLanguage = 'da' | 'en';

const SEPARATORS: Record<NumberLanguage, { group: string; decimal: string }> = {
  da: { group: '.', decimal: ',' },
  en: { group: ',', decimal: '.' },
};

/**
 * A stored number as the reader writes it: `7500.50` is `7.500,50` in Danish
 * (`7,500.50` in English). Text, not floating point: the decimals stay exactly
 * as stored. Anything that is not a stored number is returned as it is.
 */
export function formatNumber(storedValue: string, language: NumberLanguage = 'da'): string {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(storedValue);
  if (!match) return storedValue;
  const { group, decimal } = SEPARATORS[language];
  const whole = (match[2] as string).replace(/\B(?=(\d{3})+(?!\d))/g, group);
  return `${match[1] === '-' ? '-' : ''}${whole}${match[3] === undefined ? '' : decimal + match[3]}`;
}

/** Øre as kroner with two decimals, `123456` → `1.234,56` (no unit). */
export function formatKroner(ore: number, language: NumberLanguage = 'da'): string {
  const negative = ore < 0;
  const abs = Math.round(Math.abs(ore));
  const text = `${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
  return `${negative ? '-' : ''}${formatNumber(text, language)}`;
}
