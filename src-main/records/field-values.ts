import type { FieldDef, FieldError } from '../contract';
import { checkCpr } from '../cpr/cpr';

/** What a value refers to outside itself: users and groups must exist. */
export interface ValueContext {
  userExists(id: number): boolean;
  groupExists(id: number): boolean;
}

export type ValueCheck = { ok: true; value: string | null } | { ok: false; error: FieldError };

const MAX_TEXT = 500;
const MAX_LONG_TEXT = 20_000;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** Danish numbers (8 digits, optional +45) and international ones with a +. */
const PHONE = /^(\+\d{1,3}[ ]?)?(\d[ -]?){6,14}\d$/;
const NUMBER = /^-?\d+([.,]\d+)?$/;

const fail = (field: FieldDef, key: string, params?: Record<string, string | number>): ValueCheck => ({
  ok: false,
  error: params ? { field: field.key, key, params } : { field: field.key, key },
});

/**
 * Checks one incoming value against its field and returns the stored form
 * (CPR as ten digits, numbers with a dot, yes/no as true/false).
 * Error parameters never echo the value itself, since it may be a CPR number.
 */
export function checkFieldValue(field: FieldDef, raw: string | null, ctx: ValueContext): ValueCheck {
  const value = raw === null ? '' : raw.trim();
  if (value === '') return field.required ? fail(field, 'required') : { ok: true, value: null };
  const limit = field.type === 'longtext' ? MAX_LONG_TEXT : MAX_TEXT;
  if (value.length > limit) return fail(field, 'too_long', { max: limit });
  switch (field.type) {
    case 'text':
    case 'longtext':
      return { ok: true, value };
    case 'cpr': {
      const cpr = checkCpr(value);
      return cpr.ok ? { ok: true, value: cpr.cpr } : fail(field, cpr.problem);
    }
    case 'number':
      return NUMBER.test(value) ? { ok: true, value: value.replace(',', '.') } : fail(field, 'number_invalid');
    case 'date':
      return isIsoDate(value) ? { ok: true, value } : fail(field, 'date_invalid');
    case 'choice':
      return field.options.includes(value) ? { ok: true, value } : fail(field, 'choice_invalid');
    case 'yesno': {
      // Own keys only: "constructor" or "__proto__" must not find Object.prototype's members.
      const key = value.toLowerCase();
      const normalised = Object.hasOwn(YES_NO, key) ? YES_NO[key] : undefined;
      return normalised ? { ok: true, value: normalised } : fail(field, 'yesno_invalid');
    }
    case 'email':
      return EMAIL.test(value) ? { ok: true, value } : fail(field, 'email_invalid');
    case 'phone':
      return PHONE.test(value) ? { ok: true, value } : fail(field, 'phone_invalid');
    case 'user':
      return isId(value) && ctx.userExists(Number(value)) ? { ok: true, value } : fail(field, 'user_unknown');
    case 'group':
      return isId(value) && ctx.groupExists(Number(value)) ? { ok: true, value } : fail(field, 'group_unknown');
  }
}

const YES_NO: Record<string, 'true' | 'false'> = {
  true: 'true',
  false: 'false',
  ja: 'true',
  nej: 'false',
  yes: 'true',
  no: 'false',
  '1': 'true',
  '0': 'false',
};

const isId = (v: string): boolean => /^[1-9]\d{0,15}$/.test(v);

function isIsoDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}
