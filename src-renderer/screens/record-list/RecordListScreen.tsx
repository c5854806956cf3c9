import { useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { RecordScope } from '../../app/route';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useDebounced } from '../../components/use-debounced';
import { ListFilters } from './ListFilters';
import type { Filters, SortBy } from './list-query';
import { DEFAULT_FILTERS, toQuery } from './list-query';
import { RecordTable } from './RecordTable';
import { loadFilters, saveFilters } from './remembered-filters';
import { useRecordPages } from './use-record-pages';

/** "Mine sager" / "Alle sager": the caseworker's daily starting point. */
export function RecordListScreen({ scope }: { scope: RecordScope }): ReactNode {
  const { t } = useTranslation();
  const [filters, setFilters] = useState<Filters>(() => loadFilters(scope));
  useEffect(() => saveFilters(scope, filters), [scope, filters]);
  // Typing should not fire a query per keystroke; filters and sorting apply at once.
  const search = useDebounced(filters.search, 250);
  const query = useMemo(() => toQuery(filters, search, scope === 'mine'), [filters, search, scope]);
  const pages = useRecordPages(query);

  const onSort = (sortBy: SortBy): void =>
    setFilters((f) => ({
      ...f,
      sortBy,
      sortDir: f.sortBy === sortBy ? (f.sortDir === 'asc' ? 'desc' : 'asc') : sortBy === 'updatedAt' || sortBy === 'createdAt' ? 'desc' : 'asc',
    }));

  return (
    <section className="record-list-screen" aria-labelledby="list-title">
      <div className="screen-head">
        <h1 id="list-title">{scope === 'mine' ? t('nav.mine') : t('nav.all')}</h1>
        <span className="total" data-testid="record-total" aria-live="polite">
          {pages.total === null ? t('common.loading') : t('list.total', { count: pages.total })}
        </span>
      </div>
      <ListFilters filters={filters} onChange={(patch) => setFilters((f) => ({ ...f, ...patch }))} onClear={() => setFilters(DEFAULT_FILTERS)} />
      <ErrorBanner error={pages.error} />
      {pages.total === 0 ? (
        <p className="empty" data-testid="record-empty">
          {pages.searchHasNoWords ? t('csvImport.searchHasNoWords') : t('list.noResults')}
        </p>
      ) : (
        <RecordTable pages={pages} sortBy={filters.sortBy} sortDir={filters.sortDir} onSort={onSort} queryKey={JSON.stringify(query)} />
      )}
    </section>
  );
}
