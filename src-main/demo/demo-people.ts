// Fictitious people for the sandbox workspace. CPR numbers are generated with
// real dates and century digits but are not anybody's: the serials are random.

export const FIRST_NAMES = [
  'Anne', 'Mette', 'Kirsten', 'Hanne', 'Susanne', 'Lene', 'Camilla', 'Sofie', 'Ida', 'Freja', 'Emma', 'Maja',
  'Jens', 'Peter', 'Lars', 'Søren', 'Niels', 'Michael', 'Henrik', 'Thomas', 'Mads', 'Rasmus', 'Frederik', 'Oliver',
  'Åse', 'Ørjan', 'Æbbe',
];

export const LAST_NAMES = [
  'Jensen', 'Nielsen', 'Hansen', 'Pedersen', 'Andersen', 'Christensen', 'Larsen', 'Sørensen', 'Rasmussen',
  'Jørgensen', 'Petersen', 'Madsen', 'Kristensen', 'Olsen', 'Thomsen', 'Christiansen', 'Poulsen', 'Johansen',
  'Møller', 'Mortensen', 'Østergaard', 'Bæk', 'Lund', 'Holm',
];

export const STREETS = ['Vestergade', 'Østergade', 'Søndergade', 'Nørregade', 'Åboulevarden', 'Kongensgade', 'Skovvej', 'Møllevej'];
export const TOWNS = ['8000 Aarhus C', '5000 Odense C', '9000 Aalborg', '7100 Vejle', '6700 Esbjerg', '2100 København Ø'];

/** A small deterministic generator, so every fresh sandbox looks the same. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

/** A CPR with a real birth date between 1940 and 2005 and a matching century digit. */
export function fictitiousCpr(random: () => number): string {
  const year = 1940 + Math.floor(random() * 66);
  const month = 1 + Math.floor(random() * 12);
  const day = 1 + Math.floor(random() * 28);
  // 0–3 mean 1900–1999; 4 or 9 mean 2000–2036; serial digits 5–8 would read 2000–2057 for yy ≤ 57.
  const seventh = year < 2000 ? Math.floor(random() * 4) : 4;
  const serial = `${seventh}${String(Math.floor(random() * 1000)).padStart(3, '0')}`;
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(day)}${two(month)}${two(year % 100)}${serial}`;
}
