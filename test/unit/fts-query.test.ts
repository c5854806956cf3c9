import { describe, expect, it } from 'vitest';
import { ftsPrefixQuery } from '../../src-main/records/record-list';

describe('ftsPrefixQuery', () => {
  it('turns words into quoted prefix terms joined by AND', () => {
    expect(ftsPrefixQuery('jens han')).toBe('"jens"* AND "han"*');
  });

  it('lower-cases with Danish letters intact', () => {
    expect(ftsPrefixQuery('SØREN Ærø')).toBe('("søren"* OR "soeren"* OR "soren"*) AND ("ærø"* OR "æroe"* OR "æro"* OR "aerø"* OR "aeroe"* OR "aero"*)');
  });

  it('drops punctuation and FTS syntax so input cannot become an FTS expression', () => {
    expect(ftsPrefixQuery('a" AND b*')).toBe('"a"* AND "and"* AND "b"*');
    expect(ftsPrefixQuery('NEAR(x y) ^z -w :ful')).toBe('"near"* AND "x"* AND "y"* AND "z"* AND "w"* AND "ful"*');
    expect(ftsPrefixQuery('or')).toBe('("or"* OR "ør"*)');
  });

  it('returns null when nothing searchable is left', () => {
    expect(ftsPrefixQuery('')).toBeNull();
    expect(ftsPrefixQuery('  -- "" * ')).toBeNull();
  });

  it('widens each word to its Danish spellings', () => {
    expect(ftsPrefixQuery('aase')).toBe('("aase"* OR "åse"*)');
    expect(ftsPrefixQuery('braemer')).toBe('("braemer"* OR "bræmer"*)');
  });

  it('uses at most eight words', () => {
    const query = ftsPrefixQuery('a b c d e f g h i j') ?? '';
    expect(query.split(' AND ')).toHaveLength(8);
    expect(query).not.toContain('"i"');
  });
});
