import { describe, expect, it } from 'vitest';
import { checkCpr, cprBirthDate, cprCentury, formatCpr, maskCpr, redactCprs } from '../../src-main/cpr/cpr';

describe('checkCpr: format', () => {
  it.each(['0101901234', '010190-1234', ' 010190-1234 '])('accepts %j and normalises to ten digits', (input) => {
    expect(checkCpr(input)).toEqual({ ok: true, cpr: '0101901234' });
  });

  it.each([
    ['', 'empty'],
    ['010190123', 'nine digits'],
    ['01019012345', 'eleven digits'],
    ['010190-12345', 'five-digit serial'],
    ['01019O1234', 'a letter O for a zero'],
    ['abcdefghij', 'letters'],
    ['0101-901234', 'dash after the month'],
    ['01019-01234', 'dash after five digits'],
    ['0101901-234', 'dash inside the serial'],
    ['010190--1234', 'two dashes'],
    ['010190 1234', 'space instead of dash'],
    ['010190/1234', 'slash instead of dash'],
    ['١٢٣٤٥٦٧٨٩٠', 'non-ASCII digits'],
  ])('rejects %j (%s) as cpr_format', (input) => {
    expect(checkCpr(input)).toEqual({ ok: false, problem: 'cpr_format' });
  });

  it.each([
    ['310299-1234', '31 February'],
    ['300201-1234', '30 February'],
    ['011390-1234', 'month 13'],
    ['010090-1234', 'month 00'],
    ['000190-1234', 'day 00'],
    ['320190-1234', 'day 32'],
    ['310490-1234', '31 April'],
  ])('rejects %s (%s) as cpr_invalid_date', (input) => {
    expect(checkCpr(input)).toEqual({ ok: false, problem: 'cpr_invalid_date' });
  });

  it('does not require modulus 11', () => {
    // 010190-1234: weights 4,3,2,7,6,5,4,3,2,1 give a sum that is not divisible by 11.
    const digits = '0101901234'.split('').map(Number);
    const weights = [4, 3, 2, 7, 6, 5, 4, 3, 2, 1];
    const sum = digits.reduce((acc, d, i) => acc + d * (weights[i] ?? 0), 0);
    expect(sum % 11).not.toBe(0);
    expect(checkCpr('010190-1234').ok).toBe(true);
  });
});

describe('checkCpr: century from the 7th digit (CPR office table)', () => {
  it.each([
    // digit 0–3: always 1900s
    [0, 0, 1900], [3, 99, 1900], [1, 36, 1900], [2, 58, 1900],
    // digit 4 and 9: 2000s up to yy 36, else 1900s
    [4, 0, 2000], [4, 36, 2000], [4, 37, 1900], [9, 36, 2000], [9, 37, 1900], [9, 99, 1900],
    // digits 5–8: 2000s up to yy 57, else 1800s
    [5, 0, 2000], [6, 57, 2000], [7, 58, 1800], [8, 99, 1800],
  ])('7th digit %i with yy %i → %i', (digit, yy, century) => {
    expect(cprCentury(yy, digit)).toBe(century);
  });

  it.each([
    ['290200-4123', true, '2000 is a leap year (digit 4 → 2000)'],
    ['290200-9123', true, 'digit 9 and yy 00 → 2000, leap'],
    ['290200-5123', true, 'digit 5 and yy 00 → 2000, leap'],
    ['290200-0123', false, 'digit 0 → 1900, not a leap year'],
    ['290200-3123', false, 'digit 3 → 1900, not a leap year'],
    ['290258-5123', false, 'digit 5 and yy 58 → 1858, not a leap year'],
    ['290296-5123', true, 'digit 5 and yy 96 → 1896, leap'],
    ['290236-4123', true, 'digit 4 and yy 36 → 2036, leap'],
    ['290237-4123', false, 'digit 4 and yy 37 → 1937, not leap'],
    ['290204-8123', true, 'digit 8 and yy 04 → 2004, leap'],
  ])('%s valid=%s (%s)', (input, valid) => {
    expect(checkCpr(input).ok).toBe(valid);
    if (!valid) expect(checkCpr(input)).toEqual({ ok: false, problem: 'cpr_invalid_date' });
  });

  it('derives the birth date with the century rules', () => {
    expect(cprBirthDate('2902004123')).toBe('2000-02-29');
    expect(cprBirthDate('0101371234')).toBe('1937-01-01');
    expect(cprBirthDate('0101584123')).toBe('1958-01-01');
    expect(cprBirthDate('0101585123')).toBe('1858-01-01');
    expect(cprBirthDate('0101575123')).toBe('2057-01-01');
  });
});

describe('masking and redaction', () => {
  it('masks the serial', () => {
    expect(maskCpr('0101901234')).toBe('010190-****');
    expect(maskCpr('010190-1234')).toBe('010190-****');
    expect(maskCpr(null)).toBe('');
    expect(maskCpr(undefined)).toBe('');
    expect(maskCpr('')).toBe('');
  });

  it('formats a revealed number with a dash', () => {
    expect(formatCpr('0101901234')).toBe('010190-1234');
  });

  it('redacts CPR-shaped numbers in free text, with or without a dash', () => {
    const text = 'failed for 0101901234 and 020290-5678; ref 12345 and phone 12345678 kept';
    const out = redactCprs(text);
    expect(out).toBe('failed for 010190-**** and 020290-****; ref 12345 and phone 12345678 kept');
  });

  it('redacts at the start and end of text and inside JSON', () => {
    expect(redactCprs('0101901234')).toBe('010190-****');
    expect(redactCprs('{"cpr":"010190-1234"}')).toBe('{"cpr":"010190-****"}');
  });

  it('leaves longer digit runs alone (not a CPR) and shorter ones too', () => {
    expect(redactCprs('account 010190123456')).toBe('account 010190123456');
    expect(redactCprs('010190-123')).toBe('010190-123');
  });
});
