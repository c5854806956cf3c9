import { useState } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { MessageView } from '../../../src-main/contract';
import { useApi } from '../../api/api-context';
import { formatDateTime } from '../../components/format';
import { LetterActions } from './LetterActions';
import { MarkPostedDialog } from './PrintList';
import { danishDayText } from '../../../src-main/contract/physical-post-rules';
import { TechnicalDetails } from '../../components/TechnicalDetails';
import { letterErrorText } from '../../i18n/translate-error';
import { kroner } from './dp-format';

/** One letter and what happened to it: queued → accepted → delivered (with receipt) → read or "not available" / failed with the reason. */
export function MessageTimeline({ message, onChanged }: { message: MessageView; onChanged: () => void }): ReactNode {
  const { t } = useTranslation();
  const api = useApi();
  const m = message;
  const [marking, setMarking] = useState(false);
  const toPrint = m.state === 'physical_post' && m.posted === null;
  return (
    <li id={`dp-message-${m.id}`} className="panel dp-message" data-testid="dp-message" data-state={m.state} data-message-uuid={m.messageUuid}>
      <div>
        <strong>{m.subject}</strong> · {m.recipientMasked} ·{' '}
        <span className={`job-state dp-state-${m.state}`} data-testid="dp-state">
          {toPrint ? t('physicalPost.toPrint') : m.posted ? t('physicalPost.events.posted') : t(`digitalPost.states.${m.state}`)}
        </span>
        {m.costOre !== null && <span className="muted"> · {kroner(m.costOre)}</span>}
      </div>
      <ol className="attempt-log">
        {m.events.map((e, i) => (
          <li key={i}>
            <span className="nowrap">{formatDateTime(e.at)}</span> {t(`digitalPost.events.${e.kind}`, { defaultValue: e.kind })}
            {/* The access point's receipt id is for support, not for reading: behind the technical details. */}
            {e.kind === 'delivered' && m.transmissionId && <TechnicalDetails text={`${t('digitalPost.receipt')}: ${m.transmissionId}`} />}
          </li>
        ))}
      </ol>
      <WaitingFor message={m} />
      {m.posted && (
        <p className="dp-posted" data-testid="dp-posted">
          {t('physicalPost.postedOn', { date: danishDayText(m.posted.on), name: m.posted.byName })}
        </p>
      )}
      {(m.state === 'delivered' || m.state === 'read') && (
        <p data-testid="dp-read-status">{m.readStatus === 'read' ? t('digitalPost.states.read') : t('digitalPost.readUnknown')}</p>
      )}
      {m.errorKind && (
        <div className={m.state === 'failed' ? 'banner banner-error' : 'banner banner-warn'} data-testid="dp-error" data-error-kind={m.errorKind}>
          {letterErrorText(t, m)}
          <TechnicalDetails text={m.errorTechnical} />
        </div>
      )}
      <div className="form-actions">
        <LetterActions message={m} />
        {toPrint && (
          <button type="button" className="btn btn-small" onClick={() => setMarking(true)} data-testid="dp-mark-posted">
            {t('physicalPost.list.markPosted')}
          </button>
        )}
        {(m.state === 'failed' || m.state === 'cancelled' || m.state === 'awaiting_receipt') && (
          <button type="button" className="btn btn-small" onClick={() => void api.retryMessage({ id: m.id }).then(onChanged)}>
            {t('digitalPost.retry')}
          </button>
        )}
        {(m.state === 'queued' || m.state === 'failed') && (
          <button type="button" className="btn btn-small" onClick={() => void api.cancelMessage({ id: m.id }).then(onChanged)}>
            {t('digitalPost.cancel')}
          </button>
        )}
      </div>
      {marking && (
        <MarkPostedDialog
          ids={[m.id]}
          onClose={() => setMarking(false)}
          onDone={() => {
            setMarking(false);
            onChanged();
          }}
        />
      )}
    </li>
  );
}

/**
 * What the app waits for, said honestly: a letter whose answer was lost is not
 * failed but awaits its receipt (with the time of the last attempt); an
 * accepted one awaits the delivery receipt.
 */
export function WaitingFor({ message: m, compact = false }: { message: MessageView; compact?: boolean }): ReactNode {
  const { t } = useTranslation();
  if (m.waitingFor === null) return null;
  return (
    <div className="dp-waiting" data-testid="dp-waiting" data-waiting-for={m.waitingFor}>
      {!compact && <p>{m.waitingFor === 'receipt' ? t('digitalPost.waiting.awaitingReceipt') : t('digitalPost.waiting.deliveryReceipt')}</p>}
      <p className="muted">
        {m.lastAttemptAt && <span data-testid="dp-last-attempt">{t('digitalPost.waiting.lastAttempt', { at: formatDateTime(m.lastAttemptAt) })}</span>}
        {m.waitingFor === 'receipt' && m.nextAttemptAt && <span> · {t('digitalPost.waiting.nextAttempt', { at: formatDateTime(m.nextAttemptAt) })}</span>}
      </p>
      {m.receiptOverdue && <p className="banner banner-warn">{t('digitalPost.waiting.overdue')}</p>}
    </div>
  );
}
