import { useCallback, useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { RecordDetail, TimedActionView } from '../../../src-main/contract';
import { useApi, useApiEvent } from '../../api/api-context';
import { formatDateTime } from '../../components/format';

/** The record's delayed status actions: what will run and when, and what already ran or was cancelled. */
export function TimedActionsPanel({ record }: { record: RecordDetail }): ReactNode {
  const { t } = useTranslation();
  const api = useApi();
  const [rows, setRows] = useState<TimedActionView[] | null>(null);

  const load = useCallback(async () => {
    const r = await api.listTimedActions({ id: record.id });
    if (r.ok) setRows(r.value);
  }, [api, record.id]);

  // Reload when the record changes (status, dates) and when its jobs change (a timed action fired).
  useEffect(() => {
    void load();
  }, [load, record.version]);
  useApiEvent('jobsChanged', (p) => {
    if (p.recordId === record.id) void load();
  });

  const pending = (rows ?? []).filter((r) => r.state === 'pending');
  const recent = (rows ?? []).filter((r) => r.state !== 'pending').slice(0, 5);
  return (
    <section className="panel timed-actions" aria-labelledby="timed-actions-title" data-testid="timed-actions">
      <h2 id="timed-actions-title">{t('timedActions.pending.title')}</h2>
      {rows !== null && pending.length === 0 && <p className="muted">{t('timedActions.pending.empty')}</p>}
      {pending.length + recent.length > 0 && (
        <ul className="plain-list">
          {[...pending, ...recent].map((r) => (
            <li key={r.id} data-testid="timed-action" data-state={r.state}>
              <strong>{r.actionName}</strong>{' '}
              <span className={`job-state job-state-${r.state}`}>{t(`timedActions.pending.states.${r.state}`)}</span>{' '}
              <span className="nowrap" data-testid="timed-action-due">
                {r.dueAt ? `${t('timedActions.pending.dueAt')} ${formatDateTime(r.dueAt)}` : t('timedActions.pending.noDate')}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
