import { useCallback, useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError, RecordSummary, ResponsibilitiesView, ResponsibilityCount } from '../../../src-main/contract';
import { useApi, useApiEvent } from '../../api/api-context';
import { ErrorBanner } from '../../components/ErrorBanner';
import { formatDateTime } from '../../components/format';
import { routeHref } from '../../app/route';
import '../../styles/notifications.css';

const LIST_LIMIT = 100;

/** "Mine ansvarsområder": my records per status (directly and through my groups), and the records of one status. */
export function ResponsibilitiesScreen(): ReactNode {
  const api = useApi();
  const { t } = useTranslation();
  const [view, setView] = useState<ResponsibilitiesView | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [selected, setSelected] = useState<ResponsibilityCount | null>(null);
  const [rows, setRows] = useState<RecordSummary[]>([]);

  const load = useCallback(async () => {
    const result = await api.getMyResponsibilities({});
    if (!result.ok) return setError(result.error);
    setError(null);
    setView(result.value);
  }, [api]);

  useEffect(() => {
    void load();
  }, [load]);
  useApiEvent('recordsChanged', () => void load());

  useEffect(() => {
    if (!selected) return setRows([]);
    let live = true;
    void api.listRecords({ mine: true, statusId: selected.statusId, sortBy: 'updatedAt', sortDir: 'desc', offset: 0, limit: LIST_LIMIT }).then((r) => {
      if (!live) return;
      if (r.ok) setRows(r.value.rows);
      else setError(r.error);
    });
    return () => {
      live = false;
    };
  }, [api, selected, view]);

  return (
    <section className="responsibilities-screen" aria-labelledby="resp-title">
      <div className="screen-head">
        <h1 id="resp-title">{t('notifications.responsibilities.title')}</h1>
        {view && (
          <span className="total" data-testid="responsibilities-total">
            {t('list.total', { count: view.total })}
          </span>
        )}
      </div>
      <p className="muted">{t('notifications.responsibilities.intro')}</p>
      <ErrorBanner error={error} />
      {view && view.byStatus.length === 0 && <p className="empty">{t('notifications.responsibilities.empty')}</p>}
      {view && view.byStatus.length > 0 && (
        <table className="data-table responsibilities-table" data-testid="responsibilities-table">
          <thead>
            <tr>
              <th scope="col">{t('notifications.responsibilities.workflow')}</th>
              <th scope="col">{t('notifications.responsibilities.status')}</th>
              <th scope="col" className="num">{t('notifications.responsibilities.mine')}</th>
              <th scope="col" className="num">{t('notifications.responsibilities.viaGroup')}</th>
              <th scope="col" className="num">{t('notifications.responsibilities.total')}</th>
            </tr>
          </thead>
          <tbody>
            {view.byStatus.map((s) => (
              <tr key={s.statusId} className={selected?.statusId === s.statusId ? 'row-selected' : undefined}>
                <td>{s.workflowName}</td>
                <td>
                  <button type="button" className="btn-link" onClick={() => setSelected(s)}>
                    <span className="status-badge">
                      <span className="status-dot" aria-hidden="true" style={{ backgroundColor: s.statusColor }} />
                      {s.statusName}
                    </span>
                  </button>
                </td>
                <td className="num">{s.mine}</td>
                <td className="num">{s.viaGroup}</td>
                <td className="num" data-testid={`responsibility-count-${s.statusId}`}>
                  {s.mine + s.viaGroup}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {selected && (
        <section aria-labelledby="resp-records">
          <h2 id="resp-records">{t('notifications.responsibilities.records', { status: selected.statusName })}</h2>
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t('notifications.responsibilities.number')}</th>
                <th scope="col">{t('notifications.responsibilities.name')}</th>
                <th scope="col">{t('notifications.responsibilities.updated')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <td className="mono">
                    <a href={routeHref({ name: 'record', id: r.id })}>{r.number}</a>
                  </td>
                  <td>{r.name}</td>
                  <td>{formatDateTime(r.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </section>
  );
}
