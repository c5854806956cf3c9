/**
 * Digital Post refuses file names with these characters (reference:
 * digital-post.md, "Filenames must not contain …"): < > : " / \ | ? *, CR, LF,
 * no-break space, the typographic spaces U+2000–U+200A, U+2028, U+205F,
 * U+2060 and U+3000.
 */
const FORBIDDEN = /[<>:"/\\|?*\r\n\u00A0\u2000-\u200A\u2028\u205F\u2060\u3000]/u;

export type FilenameProblem = 'empty' | 'forbidden_character' | 'too_long' | 'not_pdf';

/** The first problem with a file name, or null when Digital Post accepts it. */
export function filenameProblem(name: string): { problem: FilenameProblem; character?: string } | null {
  if (name.trim() === '') return { problem: 'empty' };
  const bad = FORBIDDEN.exec(name);
  if (bad) return { problem: 'forbidden_character', character: describeCharacter(bad[0]) };
  if (name.length > 255) return { problem: 'too_long' };
  if (!/\.pdf$/i.test(name)) return { problem: 'not_pdf' };
  return null;
}

/** How to name the offending character in an error text (invisible ones by their code). */
function describeCharacter(ch: string): string {
  if (/[\r\n\u00A0\u2000-\u200A\u2028\u205F\u2060\u3000]/u.test(ch)) {
    return `U+${ch.codePointAt(0)?.toString(16).toUpperCase().padStart(4, '0')}`;
  }
  return ch;
}
