import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { RecordSummary } from '../../../src-main/contract';
import { navigate, routeHref } from '../../app/route';
import { useWorkspace } from '../../app/workspace-context';
import { formatDate, formatDateTime } from '../../components/format';
import { StatusBadge } from '../../components/StatusBadge';
import type { SortBy, SortDir } from './list-query';
import type { RecordPages } from './use-record-pages';

/** Fixed row height: the virtualiser can then place row 99,999 without measuring 99,998 others. */
const ROW_HEIGHT = 34;

interface Props {
  pages: RecordPages;
  sortBy: SortBy;
  sortDir: SortDir;
  onSort: (sortBy: SortBy) => void;
  /** Changes whenever the query changes, to scroll back to the top. */
  queryKey: string;
}

type ColumnKey = 'number' | 'name' | 'cpr' | 'status' | 'responsible' | 'createdAt' | 'updatedAt';
const COLUMNS: { key: ColumnKey; sort: SortBy | null }[] = [
  { key: 'number', sort: 'number' },
  { key: 'name', sort: 'name' },
  { key: 'cpr', sort: null },
  { key: 'status', sort: 'status' },
  { key: 'responsible', sort: null },
  { key: 'createdAt', sort: 'createdAt' },
  { key: 'updatedAt', sort: 'updatedAt' },
];

export function RecordTable({ pages, sortBy, sortDir, onSort, queryKey }: Props): ReactNode {
  const { t } = useTranslation();
  const scrollRef = useRef<HTMLDivElement>(null);
  const count = pages.total ?? 0;
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;

  const { ensureRange } = pages;
  useEffect(() => {
    if (count > 0) ensureRange(first, last);
  }, [first, last, count, ensureRange]);

  useEffect(() => {
    virtualizer.scrollToOffset(0);
  }, [queryKey, virtualizer]);

  return (
    <div className="record-table" role="table" aria-label={t('list.tableLabel')} aria-rowcount={count + 1}>
      <div role="rowgroup" className="record-table-head">
        <div role="row" className="record-grid" aria-rowindex={1}>
          {COLUMNS.map((col) => {
            const active = col.sort !== null && col.sort === sortBy;
            const ariaSort = active ? (sortDir === 'asc' ? 'ascending' : 'descending') : col.sort ? 'none' : undefined;
            return (
              <div role="columnheader" key={col.key} aria-sort={ariaSort} className={`cell cell-${col.key}`}>
                {col.sort ? (
                  <button type="button" className="sort-button" onClick={() => col.sort && onSort(col.sort)}>
                    {t(`list.columns.${col.key}`)}
                    <span className="sort-arrow" aria-hidden="true">
                      {active ? (sortDir === 'asc' ? '▲' : '▼') : ''}
                    </span>
                  </button>
                ) : (
                  t(`list.columns.${col.key}`)
                )}
              </div>
            );
          })}
        </div>
      </div>
      <div ref={scrollRef} className="record-table-body" data-testid="record-scroll">
        <div role="rowgroup" className="record-table-sizer" style={{ height: `${virtualizer.getTotalSize()}px` }}>
          {items.map((item) => {
            const row = pages.rowAt(item.index);
            return (
              <div
                key={item.key}
                role="row"
                aria-rowindex={item.index + 2}
                className={`record-grid record-row${item.index % 2 ? ' record-row-odd' : ''}`}
                style={{ transform: `translateY(${item.start}px)`, height: `${ROW_HEIGHT}px` }}
                data-testid={row ? 'record-row' : 'record-row-loading'}
                data-record-id={row?.id}
                onClick={row ? () => navigate({ name: 'record', id: row.id }) : undefined}
              >
                {row ? <RowCells row={row} /> : <LoadingCells />}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}

function RowCells({ row }: { row: RecordSummary }): ReactNode {
  const ws = useWorkspace();
  const responsible = [
    row.responsibleUserId !== null ? ws.userById.get(row.responsibleUserId)?.name : undefined,
    row.responsibleGroupId !== null ? ws.groupById.get(row.responsibleGroupId)?.name : undefined,
  ]
    .filter(Boolean)
    .join(' · ');
  return (
    <>
      <div role="cell" className="cell cell-number">
        {/* A real link, so keyboard users can tab through the rows and open them. */}
        <a href={routeHref({ name: 'record', id: row.id })} onClick={(e) => e.stopPropagation()}>
          {row.number}
        </a>
      </div>
      <div role="cell" className="cell cell-name" title={row.name}>
        {row.name}
      </div>
      <div role="cell" className="cell cell-cpr mono">
        {row.cprMasked}
      </div>
      <div role="cell" className="cell cell-status">
        <StatusBadge status={ws.statusById.get(row.statusId)} />
      </div>
      <div role="cell" className="cell cell-responsible" title={responsible}>
        {responsible}
      </div>
      <div role="cell" className="cell cell-createdAt">
        {formatDate(row.createdAt)}
      </div>
      <div role="cell" className="cell cell-updatedAt">
        {formatDateTime(row.updatedAt)}
      </div>
    </>
  );
}

function LoadingCells(): ReactNode {
  const { t } = useTranslation();
  return (
    <div role="cell" className="cell cell-loading muted">
      {t('list.loadingRow')}
    </div>
  );
}
