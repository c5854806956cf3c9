import { useCallback, useEffect, useRef, useState } from 'react';
import type { AppError, RecordSummary } from '../../../src-main/contract';
import { useApi, useApiEvent } from '../../api/api-context';
import type { ListQuery } from './list-query';

export const PAGE_SIZE = 100;
/** Pages kept in memory; far-away pages are dropped and refetched if scrolled back to. */
const MAX_CACHED_PAGES = 40;
/** Bulk changes (a CSV import, a batch of jobs) arrive as bursts of events. */
const REFRESH_DEBOUNCE_MS = 300;

export interface RecordPages {
  /** Null until the first page for the current query has arrived. */
  total: number | null;
  /** The search held only punctuation: nothing matches it (main says so rather than listing everyone). */
  searchHasNoWords: boolean;
  error: AppError | null;
  rowAt: (index: number) => RecordSummary | undefined;
  /** Tell the loader which rows are on screen; it fetches the pages they need. */
  ensureRange: (first: number, last: number) => void;
}

/**
 * Loads the list page by page, on demand, so that 100,000 records cost a few
 * requests of 100 rows. The query is the cache key: a new query starts empty; a
 * recordsChanged event keeps the rows on screen (no flicker) but refetches the
 * visible pages.
 */
export function useRecordPages(query: ListQuery): RecordPages {
  const api = useApi();
  const queryKey = JSON.stringify(query);
  const [total, setTotal] = useState<number | null>(null);
  const [searchHasNoWords, setSearchHasNoWords] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const [, setRenderTick] = useState(0);

  const pages = useRef(new Map<number, RecordSummary[]>());
  /** Pages fetched in the current generation (after the last query change or refresh). */
  const fresh = useRef(new Set<number>());
  const inFlight = useRef(new Set<number>());
  const generation = useRef(0);
  const range = useRef<[number, number]>([0, PAGE_SIZE - 1]);
  const currentQuery = useRef(query);
  currentQuery.current = query;

  const fetchPage = useCallback(
    async (page: number) => {
      const gen = generation.current;
      inFlight.current.add(page);
      const result = await api.listRecords({ ...currentQuery.current, offset: page * PAGE_SIZE, limit: PAGE_SIZE });
      if (gen !== generation.current) return; // an answer to an older question
      inFlight.current.delete(page);
      if (!result.ok) {
        setError(result.error);
        return;
      }
      setError(null);
      pages.current.set(page, result.value.rows);
      fresh.current.add(page);
      evictFarPages(pages.current, fresh.current, Math.floor(range.current[0] / PAGE_SIZE));
      setTotal(result.value.total);
      setSearchHasNoWords(result.value.searchHasNoWords === true);
      setRenderTick((n) => n + 1);
    },
    [api],
  );

  const ensureRange = useCallback(
    (first: number, last: number) => {
      range.current = [first, last];
      const firstPage = Math.floor(Math.max(0, first) / PAGE_SIZE);
      const lastPage = Math.floor(Math.max(0, last) / PAGE_SIZE);
      for (let page = firstPage; page <= lastPage; page++) {
        if (!fresh.current.has(page) && !inFlight.current.has(page)) void fetchPage(page);
      }
    },
    [fetchPage],
  );

  const startGeneration = useCallback(() => {
    generation.current++;
    fresh.current.clear();
    inFlight.current.clear();
  }, []);

  // A different question: forget everything and start from the top.
  useEffect(() => {
    startGeneration();
    pages.current.clear();
    setTotal(null);
    setError(null);
    ensureRange(0, PAGE_SIZE - 1);
  }, [queryKey, startGeneration, ensureRange]);

  const refreshTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => {
    if (refreshTimer.current) clearTimeout(refreshTimer.current);
  }, []);
  useApiEvent('recordsChanged', () => {
    if (refreshTimer.current) clearTimeout(refreshTimer.current);
    refreshTimer.current = setTimeout(() => {
      startGeneration();
      ensureRange(...range.current);
    }, REFRESH_DEBOUNCE_MS);
  });

  const rowAt = useCallback((index: number) => pages.current.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE], []);

  return { total, searchHasNoWords, error, rowAt, ensureRange };
}

function evictFarPages(pages: Map<number, RecordSummary[]>, fresh: Set<number>, currentPage: number): void {
  if (pages.size <= MAX_CACHED_PAGES) return;
  const byDistance = [...pages.keys()].sort((a, b) => Math.abs(b - currentPage) - Math.abs(a - currentPage));
  for (const page of byDistance.slice(0, pages.size - MAX_CACHED_PAGES)) {
    pages.delete(page);
    fresh.delete(page);
  }
}
