import { describe, expect, it } from 'vitest';
import { peopleFinder } from '../../src-main/users/people-finder';

const finder = peopleFinder({
  users: [
    { id: 1, name: 'Mette Jensen', initials: 'MJ', email: 'mette.jensen@kommune.example' },
    { id: 2, name: 'Jens Nielsen', initials: 'JN', email: 'jens.nielsen@kommune.example' },
    { id: 3, name: 'Jens Nielsen', initials: 'JNI', email: 'jens.n@kommune.example' },
    { id: 4, name: 'Søren Ølgaard', initials: 'SØ', email: '' },
  ],
  groups: [
    { id: 10, name: 'Visitation' },
    { id: 11, name: 'Økonomi' },
  ],
});

describe('peopleFinder', () => {
  it.each([
    ['1', 1],
    ['MJ', 1],
    [' mj ', 1],
    ['METTE.JENSEN@KOMMUNE.EXAMPLE', 1],
    ['mette jensen', 1],
    ['JNI', 3],
    ['jens.nielsen@kommune.example', 2],
    ['søren ølgaard', 4],
    ['sø', 4],
  ])('finds the user %j', (text, id) => {
    expect(finder.findUser(text)).toBe(id);
  });

  it('calls a name two users share ambiguous, and finds them apart by initials or e-mail', () => {
    expect(finder.findUser('Jens Nielsen')).toBe('ambiguous');
    expect(finder.findUser('JN')).toBe(2);
  });

  it.each(['', '   ', 'Ukendt Person', '99', 'mette'])('finds no user for %j', (text) => {
    expect(finder.findUser(text)).toBeNull();
  });

  it('finds groups by id or name, ignoring case', () => {
    expect(finder.findGroup('10')).toBe(10);
    expect(finder.findGroup('økonomi')).toBe(11);
    expect(finder.findGroup('VISITATION')).toBe(10);
    expect(finder.findGroup('Jobcenter')).toBeNull();
  });
});
