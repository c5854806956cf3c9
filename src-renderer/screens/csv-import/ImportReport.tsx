import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { CsvImportReport, CsvRowError } from '../../../src-main/contract';
import { useApi } from '../../api/api-context';
import { useWorkspace, type Workspace } from '../../app/workspace-context';
import { ErrorBanner } from '../../components/ErrorBanner';
import { fieldErrorText } from '../../i18n/translate-error';
import { downloadText } from '../digital-post/dp-format';

/** Refused rows fetched per request, for the list and the download. */
const PAGE = 2000;
/** Fixed row height: the virtualiser then places row 19,999 without measuring the others. */
const ROW_HEIGHT = 30;

/** One refused row's reasons as text: "Navn: Feltet skal udfyldes; Beløb: Skal være et tal". */
const reasons = (t: TFunction, ws: Workspace, row: CsvRowError): string =>
  row.errors.map((e) => `${ws.fieldByKey.get(e.field)?.label ?? e.field}: ${fieldErrorText(t, e)}`).join('; ');

/** A CSV cell as spreadsheets read it: quoted when it holds the separator, a quote or a line break. */
const cell = (text: string): string => (/[;"\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

/**
 * What went in and, for each row that did not, why (by line in the file). A
 * summary first; the refused rows in a virtualised list fetched page by page
 * from main (20,000 of them cost a few requests and only the rows on screen are
 * drawn), and the whole report as a CSV download.
 */
export function ImportReport({ report }: { report: CsvImportReport }): ReactNode {
  const { t } = useTranslation();
  const api = useApi();
  const ws = useWorkspace();
  const [pages, setPages] = useState<Map<number, CsvRowError[]>>(() => new Map());
  const [downloading, setDownloading] = useState(false);
  const [error, setError] = useState<Parameters<typeof ErrorBanner>[0]['error']>(null);
  const loading = useRef(new Set<number>());
  const scrollRef = useRef<HTMLDivElement>(null);
  const count = report.failed;
  const virtualizer = useVirtualizer({ count, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 20 });
  const items = virtualizer.getVirtualItems();

  const rowAt = (index: number): CsvRowError | undefined => {
    // Pages are PAGE rows each; the answer's first rows stand in until page 0 arrives.
    return pages.get(Math.floor(index / PAGE))?.[index % PAGE] ?? report.rowErrors[index];
  };

  const ensure = useCallback(
    (page: number) => {
      // The answer holds every refused row of a small report.
      if (page === 0 && report.rowErrors.length >= count) return;
      if (pages.has(page) || loading.current.has(page)) return;
      loading.current.add(page);
      void api.getCsvImportReport({ reportId: report.reportId, offset: page * PAGE, limit: PAGE }).then((result) => {
        loading.current.delete(page);
        if (!result.ok) return setError(result.error);
        setPages((p) => new Map(p).set(page, result.value.rows));
      });
    },
    [api, report, count, pages],
  );

  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  useEffect(() => {
    if (count === 0) return;
    for (let page = Math.floor(first / PAGE); page <= Math.floor(last / PAGE); page += 1) ensure(page);
  }, [first, last, count, ensure]);

  const download = async (): Promise<void> => {
    setDownloading(true);
    const lines = [[t('csv.line'), t('csvImport.reportError')].map(cell).join(';')];
    for (let offset = 0; offset < count; offset += PAGE) {
      const result = await api.getCsvImportReport({ reportId: report.reportId, offset, limit: PAGE });
      if (!result.ok) {
        setDownloading(false);
        return setError(result.error);
      }
      for (const row of result.value.rows) lines.push([String(row.line), reasons(t, ws, row)].map(cell).join(';'));
    }
    setDownloading(false);
    // With a byte order mark, so Danish Excel opens it as UTF-8.
    downloadText(t('csvImport.reportFileName'), `\uFEFF${lines.join('\r\n')}\r\n`, 'text/csv;charset=utf-8');
  };

  return (
    <section className="panel import-report" aria-labelledby="report-title" data-testid="import-report">
      <h2 id="report-title">{t('csv.reportTitle')}</h2>
      <p className="report-counts">
        <span className="count-ok" data-testid="import-imported">
          {t('csv.imported', { count: report.imported })}
        </span>
        <span className={report.failed ? 'count-bad' : 'muted'} data-testid="import-failed">
          {t('csv.failed', { count: report.failed })}
        </span>
      </p>
      <ErrorBanner error={error} />
      {count > 0 && (
        <>
          <div className="form-actions">
            <button type="button" className="btn" onClick={() => void download()} disabled={downloading} data-testid="import-report-download">
              {downloading ? t('csvImport.downloading') : t('csvImport.download')}
            </button>
          </div>
          <div className="import-errors" role="table" aria-label={t('csvImport.firstErrors')} aria-rowcount={count + 1}>
            <div role="rowgroup">
              <div role="row" className="import-error-row import-error-head" aria-rowindex={1}>
                <div role="columnheader" className="num">
                  {t('csv.line')}
                </div>
                <div role="columnheader">{t('csv.errors')}</div>
              </div>
            </div>
            <div ref={scrollRef} className="import-errors-scroll" role="rowgroup" data-testid="import-errors-scroll">
              <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
                {items.map((item) => {
                  const row = rowAt(item.index);
                  return (
                    <div
                      key={item.key}
                      role="row"
                      aria-rowindex={item.index + 2}
                      className="import-error-row"
                      data-testid={row ? 'import-row-error' : 'import-row-loading'}
                      data-line={row?.line}
                      style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
                    >
                      <div role="cell" className="num">
                        {row?.line ?? '…'}
                      </div>
                      <div role="cell" className="import-error-text">
                        {row ? reasons(t, ws, row) : ''}
                      </div>
                    </div>
                  );
                })}
              </div>
            </div>
          </div>
        </>
      )}
    </section>
  );
}
