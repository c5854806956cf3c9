import type { RecordScope } from '../../app/route';
import type { Filters } from './list-query';
import { DEFAULT_FILTERS } from './list-query';

// Opening a record and going back must not cost the caseworker their search and
// filters, so they live in sessionStorage (per tab, gone when the tab closes).
const filtersKey = (scope: RecordScope): string => `caseworker.listFilters.${scope}`;
const LAST_SCOPE_KEY = 'caseworker.lastListScope';

export function loadFilters(scope: RecordScope): Filters {
  try {
    const raw = sessionStorage.getItem(filtersKey(scope));
    return raw ? { ...DEFAULT_FILTERS, ...(JSON.parse(raw) as Partial<Filters>) } : DEFAULT_FILTERS;
  } catch {
    return DEFAULT_FILTERS;
  }
}

export function saveFilters(scope: RecordScope, filters: Filters): void {
  sessionStorage.setItem(filtersKey(scope), JSON.stringify(filters));
  sessionStorage.setItem(LAST_SCOPE_KEY, scope);
}

/** The list the caseworker last looked at, for the record view's "back" link. */
export function lastScope(): RecordScope {
  return sessionStorage.getItem(LAST_SCOPE_KEY) === 'all' ? 'all' : 'mine';
}
