import { describe, expect, it } from 'vitest';
import { FIRST_NAMES, LAST_NAMES, seededRandom } from '../../src-main/demo/demo-people';
import { nameKey } from '../../src-main/records/name-key';

/** SQLite's BINARY collation: UTF-8 bytes compared in order. */
const binary = (a: string, b: string): number => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
const danish = new Intl.Collator('da');
const danishLetters = new Intl.Collator('da', { sensitivity: 'base' });

const SPECIAL = ['Aagaard', 'Ågesen', 'Åberg', 'Ærø', 'Ægir', 'Ägir', 'Østergaard', 'Öberg', 'Ørsted', 'Müller', 'Muller', 'Mygind', 'Møller', 'Ébert', 'Eberhardt', 'Anne Marie', 'Annemarie', 'aalborg', 'Zoë', 'Zahle', 'Yde', 'Übel', 'a\u030Agesen'];

describe('nameKey: the name column sorts as Danish does', () => {
  it('puts Æ, Ø, Å after Z, Aa with Å, and ignores case and other accents', () => {
    const sorted = [...SPECIAL].sort((a, b) => binary(nameKey(a), nameKey(b)) || a.localeCompare(b));
    expect(sorted.indexOf('Zahle')).toBeLessThan(sorted.indexOf('Ærø'));
    expect(sorted.indexOf('Ærø')).toBeLessThan(sorted.indexOf('Østergaard'));
    expect(sorted.indexOf('Østergaard')).toBeLessThan(sorted.indexOf('Åberg'));
    expect(sorted.indexOf('Ågesen')).toBeLessThan(sorted.indexOf('Aagaard'));
    expect(nameKey('ÉBERT')).toBe(nameKey('ebert'));
    expect(nameKey('a\u030Agesen')).toBe(nameKey('Ågesen'));
  });

  it('orders every pair as the Danish collation does (ICU), for real and generated names', () => {
    const random = seededRandom(11);
    const pick = (list: readonly string[]) => list[Math.floor(random() * list.length)] as string;
    const names = [...SPECIAL, ...Array.from({ length: 400 }, () => `${pick(FIRST_NAMES)} ${pick(LAST_NAMES)}`)];
    for (const a of names) {
      for (const b of names) {
        const byKey = Math.sign(binary(nameKey(a), nameKey(b)));
        // Equal keys: names that differ only in case or accents (Danish sorts them by those last).
        if (byKey === 0) expect(danishLetters.compare(a, b), `${a} / ${b}`).toBe(0);
        else expect(Math.sign(danish.compare(a, b)), `${a} / ${b}`).toBe(byKey);
      }
    }
  });
});
