import { useCallback, useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { MessageView } from '../../../src-main/contract';
import { useApi, useApiEvent } from '../../api/api-context';
import { ComposeDialog } from './ComposeDialog';
import { MessageTimeline } from './MessageTimeline';

/** The record's Digital Post: every letter on a timeline, and "write a letter". Updates itself as receipts arrive. */
export function MessagesTab({ recordId }: { recordId: number }): ReactNode {
  const { t } = useTranslation();
  const api = useApi();
  const [messages, setMessages] = useState<MessageView[]>([]);
  const [composing, setComposing] = useState(false);
  const [notice, setNotice] = useState('');
  const load = useCallback(() => {
    void api.listRecordMessages({ recordId }).then((r) => r.ok && setMessages(r.value));
  }, [api, recordId]);
  useEffect(load, [load]);
  useApiEvent('recordsChanged', (p) => {
    if (p.recordIds.length === 0 || p.recordIds.includes(recordId)) load();
  });
  useApiEvent('jobsChanged', (p) => p.recordId === recordId && load());
  return (
    <div data-testid="dp-tab">
      <button type="button" className="btn" onClick={() => setComposing(true)} data-testid="dp-write">
        {t('digitalPost.write')}
      </button>
      {notice && (
        <p className="muted" role="status">
          {notice}
        </p>
      )}
      {messages.length === 0 ? (
        <p className="muted">{t('digitalPost.empty')}</p>
      ) : (
        <ul className="dp-messages">
          {messages.map((m) => (
            <MessageTimeline key={m.id} message={m} onChanged={load} />
          ))}
        </ul>
      )}
      {composing && (
        <ComposeDialog
          recordId={recordId}
          onClose={() => setComposing(false)}
          onSent={() => {
            setComposing(false);
            setNotice(t('digitalPost.compose.queued'));
            load();
          }}
        />
      )}
    </div>
  );
}
