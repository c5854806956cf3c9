/** Lower-cased with Danish rules, for case-insensitive prefix search and sorting by name. */
export const nameKey = (name: string): string => name.trim().toLocaleLowerCase('da-DK');
