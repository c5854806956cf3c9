/**
 * Lower-cased for case-insensitive prefix search and sorting by name. Danish has
 * no language-specific case mappings (only Turkish, Azeri and Lithuanian do), so
 * the plain Unicode mapping gives exactly what toLocaleLowerCase('da-DK') gives,
 * at a fraction of the cost on a 100,000-row import.
 */
export const nameKey = (name: string): string => name.trim().toLowerCase();
