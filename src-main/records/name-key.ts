/**
 * The sort key of a record's name: compared byte by byte (SQLite's BINARY
 * collation, which the name index uses), keys sort as Danish does.
 *
 * - Case is ignored.
 * - Æ, Ø and Å come after Z, in that order; Ä sorts as Æ, Ö as Ø, Ü as Y, and
 *   "aa" as Å (Aagaard and Aalborg sort with Å, as in Danish directories).
 * - Other accents are ignored (Ébert sorts as Ebert).
 *
 * Æ, Ø and Å become `{`, `|` and `}`, the three ASCII characters right after
 * `z`, so the key's UTF-8 bytes order them correctly. The key is never shown.
 */
export function nameKey(name: string): string {
  const lower = name.trim().toLowerCase();
  // Plain ASCII names (most of them) need nothing more than the "aa" rule.
  const folded = ASCII.test(lower)
    ? lower
    : lower
        .normalize('NFC')
        .replace(/[æäøöåü]/g, (c) => DANISH[c] ?? c)
        .normalize('NFD')
        .replace(ACCENTS, '');
  return folded.replace(/aa/g, '}');
}

const ASCII = /^[\x20-\x7e]*$/;
const ACCENTS = /[\u0300-\u036f]/g;
const DANISH: Record<string, string> = { æ: '{', ä: '{', ø: '|', ö: '|', å: '}', ü: 'y' };
