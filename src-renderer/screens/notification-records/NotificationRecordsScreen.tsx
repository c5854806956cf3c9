import { useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError, NotificationRecordsPage } from '../../../src-main/contract';
import { useApi } from '../../api/api-context';
import { ErrorBanner } from '../../components/ErrorBanner';
import { formatNumber } from '../../../src-main/shared/danish-formats';
import { routeHref } from '../../app/route';
import '../../styles/notifications.css';

/** Records per page: a 20,000-record import is read 100 at a time, never all at once. */
const PAGE = 100;

/**
 * The records of a bulk summary notification (a CSV import, a mailing, a bulk
 * status change), in pages, each a link to its record.
 */
export function NotificationRecordsScreen({ id }: { id: number }): ReactNode {
  const api = useApi();
  const { t, i18n } = useTranslation();
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<NotificationRecordsPage | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const lang = i18n.language === 'en' ? 'en' : 'da';
  const n = (v: number): string => formatNumber(String(v), lang);

  useEffect(() => {
    let live = true;
    void api.listNotificationRecords({ id, offset, limit: PAGE }).then((r) => {
      if (!live) return;
      if (r.ok) {
        setError(null);
        setPage(r.value);
      } else setError(r.error);
    });
    return () => {
      live = false;
    };
  }, [api, id, offset]);

  const last = page ? Math.min(offset + page.rows.length, page.total) : 0;
  return (
    <section className="notification-records-screen" aria-labelledby="notification-records-title">
      <div className="screen-head">
        <h1 id="notification-records-title">{t('notifications.bulkRecords.title')}</h1>
        {page && (
          <span className="total" data-testid="notification-records-total">
            {t('notifications.bulkRecords.total', { count: page.total, shown: n(page.total) })}
          </span>
        )}
      </div>
      <ErrorBanner error={error} />
      {page && page.total === 0 && <p className="empty">{t('notifications.bulkRecords.empty')}</p>}
      {page && page.rows.length > 0 && (
        <>
          <table className="data-table" data-testid="notification-records">
            <thead>
              <tr>
                <th scope="col">{t('notifications.bulkRecords.number')}</th>
                <th scope="col">{t('notifications.bulkRecords.name')}</th>
                <th scope="col">{t('notifications.bulkRecords.workflow')}</th>
                <th scope="col">{t('notifications.bulkRecords.status')}</th>
              </tr>
            </thead>
            <tbody>
              {page.rows.map((r) => (
                <tr key={r.id}>
                  <td className="mono">
                    <a href={routeHref({ name: 'record', id: r.id })}>{r.number}</a>
                  </td>
                  <td>{r.name}</td>
                  <td>{r.workflowName}</td>
                  <td>
                    <span className="status-badge">
                      <span className="status-dot" aria-hidden="true" style={{ backgroundColor: r.statusColor }} />
                      {r.statusName}
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="pager">
            <button type="button" className="btn btn-small" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
              {t('notifications.bulkRecords.previous')}
            </button>
            <span data-testid="notification-records-range">{t('notifications.bulkRecords.range', { from: n(offset + 1), to: n(last), total: n(page.total) })}</span>
            <button type="button" className="btn btn-small" disabled={last >= page.total} onClick={() => setOffset(offset + PAGE)}>
              {t('notifications.bulkRecords.next')}
            </button>
          </div>
        </>
      )}
    </section>
  );
}
