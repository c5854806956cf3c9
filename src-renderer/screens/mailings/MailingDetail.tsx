import { useCallback, useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError, MailingView, PreviewPdf } from '../../../src-main/contract';
import { useApi } from '../../api/api-context';
import { ErrorBanner, Notice } from '../../components/ErrorBanner';
import { PdfPreview } from '../../components/PdfPreview';
import { SendMailingDialog } from './SendMailingDialog';

const POLL_MS = 400;

/** One mailing: its counts, a preview of the first letters, preparation with a progress bar, and the separate send step. */
export function MailingDetail({ id, onChanged }: { id: number; onChanged: () => void }): ReactNode {
  const { t } = useTranslation();
  const api = useApi();
  const [mailing, setMailing] = useState<MailingView | null>(null);
  const [previews, setPreviews] = useState<PreviewPdf[]>([]);
  const [shown, setShown] = useState(0);
  const [error, setError] = useState<AppError | null>(null);
  const [sending, setSending] = useState(false);

  const load = useCallback(async () => {
    const r = await api.getMailing({ id });
    if (r.ok) setMailing(r.value);
    else setError(r.error);
    return r.ok ? r.value : null;
  }, [api, id]);
  useEffect(() => void load(), [load]);

  // While main prepares in the background, poll for the counts.
  const running = mailing?.running ?? false;
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => {
      void load().then((m) => {
        if (m && !m.running) onChanged();
      });
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [running, load, onChanged]);

  if (!mailing) return <ErrorBanner error={error} />;
  const sendStep = mailing.state === 'sending' || mailing.state === 'sent';
  const done = sendStep ? mailing.queued + mailing.skipped : mailing.rendered + mailing.queued + mailing.skipped;
  const interrupted = mailing.state === 'preparing' && !mailing.running;

  const preview = async () => {
    const r = await api.previewMailing({ id, count: 3 });
    if (r.ok) {
      setPreviews(r.value);
      setShown(0);
    } else setError(r.error);
  };
  const prepare = async () => {
    const r = await api.prepareMailing({ id });
    if (r.ok) setMailing(r.value);
    else setError(r.error);
  };

  return (
    <section className="panel" aria-labelledby="mailing-detail-title" data-testid="mailing-detail">
      <h2 id="mailing-detail-title">
        {mailing.name} <span className="tag">{t(`mailings.state.${mailing.state}`)}</span>
      </h2>
      <p data-testid="mailing-counts">{t('mailings.counts', { total: mailing.total, rendered: mailing.rendered, queued: mailing.queued, skipped: mailing.skipped, pending: mailing.pending })}</p>
      {mailing.queued > 0 && (
        <p data-testid="mailing-delivery">
          {t('digitalPost.mailingDelivery', {
            delivered: mailing.delivery.delivered,
            awaiting: mailing.delivery.awaiting,
            failed: mailing.delivery.failed,
            physical: mailing.delivery.physicalPost,
          })}
        </p>
      )}
      <progress className="mailing-progress" max={Math.max(1, mailing.total)} value={done} aria-label={t('mailings.progress', { done, total: mailing.total })} />
      <p className="muted" data-testid="mailing-progress-text">
        {mailing.state === 'sending' ? t('mailingSend.sending', { done, total: mailing.total }) : t('mailings.progress', { done, total: mailing.total })}
      </p>
      {interrupted && <p className="banner banner-warn">{t('mailings.interrupted')}</p>}
      {mailing.state === 'prepared' && <Notice>{t('mailings.done')}</Notice>}
      {mailing.state === 'sent' && <Notice>{t('mailingSend.sent')}</Notice>}
      <ErrorBanner error={error} />
      <div className="row-actions">
        <button type="button" className="btn" onClick={() => void preview()}>
          {t('mailings.previewFew')}
        </button>
        {mailing.pending > 0 && (
          <button type="button" className="btn btn-primary" disabled={mailing.running} onClick={() => void prepare()}>
            {interrupted ? t('mailings.resume') : t('mailings.prepare')}
          </button>
        )}
        {mailing.rendered > 0 && mailing.pending === 0 && !mailing.running && (mailing.state === 'prepared' || mailing.state === 'sending') && (
          <button type="button" className="btn btn-primary" onClick={() => setSending(true)}>
            {t('mailingSend.open')}
          </button>
        )}
      </div>
      {previews.length > 0 && (
        <div>
          <div className="tabs" role="tablist">
            {previews.map((p, i) => (
              <button key={p.recordId} type="button" role="tab" aria-selected={i === shown} className={i === shown ? 'tab tab-active' : 'tab'} onClick={() => setShown(i)}>
                {t('mailings.letter', { number: p.recordNumber })}
              </button>
            ))}
          </div>
          {previews[shown] && <PdfPreview preview={previews[shown]} />}
        </div>
      )}
      {sending && (
        <SendMailingDialog
          mailingId={id}
          onClose={() => setSending(false)}
          onSent={(m) => {
            setSending(false);
            setMailing(m);
          }}
        />
      )}
    </section>
  );
}
