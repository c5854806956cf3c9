// CPR numbers typed into free text (a note field, a status comment, a CSV cell):
// anything CPR-shaped, that is ten digits, with or without the dash after the
// sixth, whose first six are a real birth date (checkCpr), is shown as
// `DDMMYY-****` everywhere but in the record's own field behind an audited reveal.

import { checkCpr, maskCpr } from './cpr';

// Standing alone: not inside a longer run of digits (an account number) nor
// of letters and digits (a UUID's last group, a token), which are no CPR numbers.
const CPR_SHAPED = /(?<![\p{L}\p{N}])\d{6}-?\d{4}(?![\p{L}\p{N}])/gu;
const MASKED = /(?<![\p{L}\p{N}])(\d{6})-\*{4}/gu;

/** True when the text holds at least one CPR-shaped number with a real birth date. */
export function hasCprs(text: string): boolean {
  for (const match of text.matchAll(CPR_SHAPED)) if (checkCpr(match[0]).ok) return true;
  return false;
}

/** The text with every CPR-shaped number (real birth date) masked as `DDMMYY-****`. */
export function maskCprsInText(text: string): string {
  if (text.length < 10) return text;
  return text.replace(CPR_SHAPED, (match) => (checkCpr(match).ok ? maskCpr(match) : match));
}

/**
 * A caseworker who edits a text field sees its CPR numbers masked. Saving that
 * text back must not replace the numbers by their masks: each `DDMMYY-****`
 * becomes again the full number the stored text had with that birth date, when
 * exactly one had it. With two numbers of one birth date the mask stays, and the
 * caseworker sees it: reveal the field first to edit such a text.
 */
export function restoreMaskedCprs(next: string, previous: string | null): string {
  if (!previous || !next.includes('-****')) return next;
  const byPrefix = new Map<string, Set<string>>();
  for (const match of previous.matchAll(CPR_SHAPED)) {
    if (!checkCpr(match[0]).ok) continue;
    const prefix = match[0].slice(0, 6);
    const set = byPrefix.get(prefix) ?? new Set<string>();
    set.add(match[0]);
    byPrefix.set(prefix, set);
  }
  return next.replace(MASKED, (mask, prefix: string) => {
    const found = byPrefix.get(prefix);
    return found?.size === 1 ? ([...found][0] as string) : mask;
  });
}
