/** Users and groups as a CSV import may name them. */
export interface PeopleLists {
  users: { id: number; name: string; initials: string; email: string }[];
  groups: { id: number; name: string }[];
}

/** The one user or group a text names, or why not. */
export type Found = number | 'ambiguous' | null;

export interface PeopleFinder {
  /** By id, initials, e-mail or name, in that order, ignoring case and surrounding spaces. */
  findUser(text: string): Found;
  /** By id or name, ignoring case and surrounding spaces. */
  findGroup(text: string): Found;
}

// toLowerCase, not toLocaleLowerCase('da-DK'): Danish has no special casing, so
// the result is the same (see records/name-key.ts) at a fraction of the cost per cell.
const key = (text: string): string => text.trim().toLowerCase();

/**
 * Finds users and groups the way a spreadsheet names them: a file exported from
 * another system has "MJ", "mette.jensen@kommune.dk" or "Mette Jensen", not the
 * app's internal ids. A text that fits two people is ambiguous, never a guess.
 * Pure: built from plain lists, so the import's second thread can use it too.
 */
export function peopleFinder(lists: PeopleLists): PeopleFinder {
  const userIndex = [
    indexBy(lists.users, (u) => [String(u.id)]),
    indexBy(lists.users, (u) => [u.initials]),
    indexBy(lists.users, (u) => [u.email]),
    indexBy(lists.users, (u) => [u.name]),
  ];
  const groupIndex = [indexBy(lists.groups, (g) => [String(g.id)]), indexBy(lists.groups, (g) => [g.name])];
  const find = (indexes: Map<string, Set<number>>[], text: string): Found => {
    const k = key(text);
    if (k === '') return null;
    for (const index of indexes) {
      const ids = index.get(k);
      if (!ids) continue;
      if (ids.size > 1) return 'ambiguous';
      return ids.values().next().value ?? null;
    }
    return null;
  };
  return { findUser: (text) => find(userIndex, text), findGroup: (text) => find(groupIndex, text) };
}

function indexBy<T extends { id: number }>(items: T[], keys: (item: T) => string[]): Map<string, Set<number>> {
  const index = new Map<string, Set<number>>();
  for (const item of items) {
    for (const raw of keys(item)) {
      const k = key(raw);
      if (k === '') continue;
      let ids = index.get(k);
      if (!ids) index.set(k, (ids = new Set()));
      ids.add(item.id);
    }
  }
  return index;
}
