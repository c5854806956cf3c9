import { describe, expect, it } from 'vitest';
import { formatKroner, formatNumber, parseDate, parseNumber } from '../../src-main/shared/danish-formats';

describe('formatNumber shows stored numbers as the reader writes them', () => {
  it.each([
    ['7500.50', '7.500,50'],
    ['4500.75', '4.500,75'],
    ['1234567', '1.234.567'],
    ['-1234.5', '-1.234,5'],
    ['999', '999'],
    ['0.25', '0,25'],
  ])('%s in Danish is %s', (stored, shown) => {
    expect(formatNumber(stored, 'da')).toBe(shown);
  });

  it('English groups with commas', () => {
    expect(formatNumber('7500.50', 'en')).toBe('7,500.50');
  });

  it('leaves text that is not a stored number alone', () => {
    expect(formatNumber('abc')).toBe('abc');
  });

  it('reads back what it writes', () => {
    for (const stored of ['7500.50', '1234567', '-1234.5', '0.25', '4500']) expect(parseNumber(formatNumber(stored))).toBe(stored);
  });
});

describe('formatKroner', () => {
  it('shows øre as kroner with two decimals and grouping', () => {
    expect(formatKroner(123456)).toBe('1.234,56');
    expect(formatKroner(5)).toBe('0,05');
    expect(formatKroner(-750050)).toBe('-7.500,50');
  });
});

describe('parseDate', () => {
  it('gives null for days that do not exist', () => {
    expect(parseDate('30-02-2027')).toBeNull();
    expect(parseDate('2027-02-30')).toBeNull();
    expect(parseDate('15/01/2027')).toBe('2027-01-15');
  });
});
