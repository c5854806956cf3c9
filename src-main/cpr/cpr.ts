// Danish CPR numbers: DDMMYY-SSSS. The CPR office gives the century from the
// first serial digit (the 7th digit) together with the two-digit year. Modulus 11
// is deliberately NOT checked: numbers issued since 2007 may fail it.

import { isRealDate } from '../shared/calendar';

export type CprProblem = 'cpr_format' | 'cpr_invalid_date';

export type CprCheck = { ok: true; cpr: string } | { ok: false; problem: CprProblem };

const CPR_PATTERN = /^\d{6}-?\d{4}$/;
const NOT_A_CPR: CprCheck = Object.freeze({ ok: false, problem: 'cpr_format' });
const NO_SUCH_DATE: CprCheck = Object.freeze({ ok: false, problem: 'cpr_invalid_date' });

/** Full birth year from the two-digit year and the 7th digit, per the CPR office's table. */
export function cprCentury(twoDigitYear: number, seventhDigit: number): number {
  if (seventhDigit <= 3) return 1900;
  if (seventhDigit === 4 || seventhDigit === 9) return twoDigitYear <= 36 ? 2000 : 1900;
  return twoDigitYear <= 57 ? 2000 : 1800;
}

/** Validates and normalises to ten digits without a dash. */
export function checkCpr(input: string): CprCheck {
  const value = input.trim();
  if (!CPR_PATTERN.test(value)) return NOT_A_CPR;
  const cpr = value.length === 11 ? value.slice(0, 6) + value.slice(7) : value;
  const yy = Number(cpr.slice(4, 6));
  const year = cprCentury(yy, Number(cpr[6])) + yy;
  if (!isRealDate(year, Number(cpr.slice(2, 4)), Number(cpr.slice(0, 2)))) return NO_SUCH_DATE;
  return { ok: true, cpr };
}

/** `DDMMYY-****`: what lists and logs may show. */
export function maskCpr(cpr: string | null | undefined): string {
  if (!cpr) return '';
  const digits = cpr.replace('-', '');
  return `${digits.slice(0, 6)}-****`;
}

/** `DDMMYY-SSSS` for display after an audited reveal. */
export function formatCpr(cpr: string): string {
  return `${cpr.slice(0, 6)}-${cpr.slice(6)}`;
}

/** Birth date (YYYY-MM-DD) of a valid, normalised CPR. */
export function cprBirthDate(cpr: string): string {
  const yy = Number(cpr.slice(4, 6));
  const year = cprCentury(yy, Number(cpr[6])) + yy;
  return `${year}-${cpr.slice(2, 4)}-${cpr.slice(0, 2)}`;
}

/** Replaces anything CPR-shaped in free text, for log lines and error texts. */
export function redactCprs(text: string): string {
  return text.replace(/(?<!\d)(\d{6})-?\d{4}(?!\d)/g, '$1-****');
}
