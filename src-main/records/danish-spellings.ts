// Danish names are written two ways: Åse or Aase, Østergaard or Ostergaard or
// Oestergaard, Bræmer or Braemer. The name search index holds names as written
// (its tokenizer folds å to a, but keeps ø and æ), so a search word is widened to
// every way of writing the same name instead: "aase" also looks for "åse" (= "ase"),
// "ostergaard" also for "østergaard" and "ostergård". Widening the query keeps the
// index, every write path and the import's cost as they are.

/** Each spot in a word that Danish writes two or three ways, longest spelling first. */
const SPOTS: readonly (readonly [string, readonly string[]])[] = [
  ['aa', ['aa', 'å']],
  ['oe', ['oe', 'ø']],
  ['ae', ['ae', 'æ']],
  ['å', ['å', 'aa']],
  ['ø', ['ø', 'oe', 'o']],
  ['æ', ['æ', 'ae']],
  ['o', ['o', 'ø']],
];

/** Enough for a long name with every spot ambiguous; spots after that are taken as written. */
const MAX_SPELLINGS = 16;

/**
 * The ways of writing a lower-case search word, the word itself first:
 * `danishSpellings('aase')` is `['aase', 'åse']`.
 */
export function danishSpellings(word: string): string[] {
  let spellings = [''];
  let i = 0;
  while (i < word.length) {
    const spot = SPOTS.find(([written]) => word.startsWith(written, i));
    if (spot && spellings.length * spot[1].length <= MAX_SPELLINGS) {
      spellings = spellings.flatMap((start) => spot[1].map((s) => start + s));
      i += spot[0].length;
    } else {
      const char = spot ? spot[0] : (word[i] as string);
      spellings = spellings.map((start) => start + char);
      i += char.length;
    }
  }
  return [...new Set(spellings)];
}
