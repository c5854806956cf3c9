import { useCallback, useEffect, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CostLineView, DigitalPostSettingsView, MessageStateName, OutboxView } from '../../../src-main/contract';
import { MESSAGE_STATE_NAMES } from '../../../src-main/contract/digital-post-names';
import { useApi, useApiEvent } from '../../api/api-context';
import { routeHref } from '../../app/route';
import { formatDateTime } from '../../components/format';
import { WaitingFor } from './MessageTimeline';
import { LetterActions } from './LetterActions';
import { PrintList } from './PrintList';
import { kroner } from './dp-format';
import { TechnicalDetails } from '../../components/TechnicalDetails';
import { letterErrorText } from '../../i18n/translate-error';

/** The outbox: counts per state, the letters (retry, cancel), pauses explained, and the monthly costs. */
export function OutboxScreen(): ReactNode {
  const { t } = useTranslation();
  const api = useApi();
  const [state, setState] = useState<MessageStateName | undefined>(undefined);
  // "Til print" is its own tab: letters for exempt citizens not yet marked as posted.
  const [printing, setPrinting] = useState(false);
  const [outbox, setOutbox] = useState<OutboxView | null>(null);
  const [costs, setCosts] = useState<CostLineView[]>([]);
  const [settings, setSettings] = useState<DigitalPostSettingsView | null>(null);
  const pending = useRef(false);
  const load = useCallback(() => {
    void api.getOutbox(state ? { state, limit: 200 } : { limit: 200 }).then((r) => r.ok && setOutbox(r.value));
    void api.getCostOverview({}).then((r) => r.ok && setCosts(r.value));
  }, [api, state]);
  useEffect(load, [load]);
  useEffect(() => {
    void api.getDigitalPostSettings({}).then((r) => r.ok && setSettings(r.value));
  }, [api]);
  // Receipts arrive in bursts during a mailing: refresh at most twice a second.
  useApiEvent('recordsChanged', () => {
    if (pending.current) return;
    pending.current = true;
    setTimeout(() => {
      pending.current = false;
      load();
    }, 500);
  });
  return (
    <section aria-labelledby="outbox-title" data-testid="outbox-screen">
      <h1 id="outbox-title">{t('digitalPost.outbox.title')}</h1>
      {settings?.sandboxMailboxUrl && (
        <p>
          <a href={settings.sandboxMailboxUrl} target="_blank" rel="noreferrer">
            {t('digitalPost.outbox.mailbox')}
          </a>
        </p>
      )}
      {outbox?.paused && (
        <p className="banner banner-warn" role="status">
          {t('digitalPost.outbox.paused', { reason: outbox.pauseReason })}
        </p>
      )}
      <nav className="sub-nav">
        <button type="button" className={!printing && state === undefined ? 'sub-nav-link sub-nav-link-active' : 'sub-nav-link'} onClick={() => (setPrinting(false), setState(undefined))}>
          {t('digitalPost.outbox.all')}
        </button>
        <button type="button" className={printing ? 'sub-nav-link sub-nav-link-active' : 'sub-nav-link'} onClick={() => setPrinting(true)} data-testid="outbox-to-print" aria-pressed={printing}>
          {t('physicalPost.toPrint')} ({outbox?.toPrint ?? 0})
        </button>
        {MESSAGE_STATE_NAMES.map((s) => (
          <button key={s} type="button" className={!printing && state === s ? 'sub-nav-link sub-nav-link-active' : 'sub-nav-link'} onClick={() => (setPrinting(false), setState(s))} data-testid={`outbox-count-${s}`}>
            {t(`digitalPost.states.${s}`)} ({outbox?.counts[s] ?? 0})
          </button>
        ))}
      </nav>
      {printing ? (
        <PrintList onChanged={load} />
      ) : (
        // The table keeps its old indentation so that parallel changes to it merge cleanly.
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">{t('digitalPost.outbox.subject')}</th>
            <th scope="col">{t('digitalPost.outbox.recipient')}</th>
            <th scope="col">{t('digitalPost.outbox.state')}</th>
            <th scope="col">{t('digitalPost.outbox.created')}</th>
            <th scope="col" />
          </tr>
        </thead>
        <tbody>
          {outbox?.messages.map((m) => (
            <tr key={m.id} data-testid="outbox-row" data-state={m.state}>
              <td>{m.recordId ? <a href={routeHref({ name: 'record', id: m.recordId })}>{m.subject}</a> : m.subject}</td>
              <td>{m.recipientMasked}</td>
              <td>
                {m.state === 'physical_post' ? t(m.posted ? 'physicalPost.events.posted' : 'physicalPost.toPrint') : t(`digitalPost.states.${m.state}`)}
                {m.errorKind && (
                  <div className={m.state === 'awaiting_receipt' ? 'muted' : 'job-error'}>
                    {letterErrorText(t, m)}
                    <TechnicalDetails text={m.errorTechnical} />
                  </div>
                )}
                <WaitingFor message={m} compact />
              </td>
              <td className="nowrap">{formatDateTime(m.createdAt)}</td>
              <td className="row-actions-wrap">
                <LetterActions message={m} />
                {(m.state === 'failed' || m.state === 'cancelled' || m.state === 'awaiting_receipt') && (
                  <button type="button" className="btn btn-small" onClick={() => void api.retryMessage({ id: m.id }).then(load)}>
                    {t('digitalPost.retry')}
                  </button>
                )}
                {(m.state === 'queued' || m.state === 'failed') && (
                  <button type="button" className="btn btn-small" onClick={() => void api.cancelMessage({ id: m.id }).then(load)}>
                    {t('digitalPost.cancel')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      )}
      <h2>{t('digitalPost.outbox.costs')}</h2>
      <p>
        <a href={routeHref({ name: 'costs' })}>{t('costs.nav')}</a>
      </p>
      {costs.length === 0 ? (
        <p className="muted">{t('digitalPost.outbox.noCosts')}</p>
      ) : (
        <table className="data-table" data-testid="cost-overview">
          <thead>
            <tr>
              <th scope="col">{t('digitalPost.outbox.month')}</th>
              <th scope="col">{t('digitalPost.outbox.kind')}</th>
              <th scope="col">{t('digitalPost.outbox.workflow')}</th>
              <th scope="col">{t('digitalPost.outbox.count')}</th>
              <th scope="col">{t('digitalPost.outbox.amount')}</th>
            </tr>
          </thead>
          <tbody>
            {costs.map((c) => (
              <tr key={`${c.month}-${c.kind}-${c.workflowId ?? 0}`}>
                <td>{c.month}</td>
                <td>{t(`digitalPost.costKinds.${c.kind}`)}</td>
                <td>{c.workflowName || '–'}</td>
                <td className="num">{c.count}</td>
                <td className="num">{kroner(c.amountOre)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
