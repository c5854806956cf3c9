import { formatKroner } from '../../../src-main/shared/danish-formats';
import { useCallback, useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError, SigningRequestView } from '../../../src-main/contract';
import { useApi, useApiEvent } from '../../api/api-context';
import { ErrorBanner } from '../../components/ErrorBanner';
import { formatDateTime } from '../../components/format';
import { openPdf } from './pdf-file';
import { TechnicalDetails } from '../../components/TechnicalDetails';
import { signingErrorText } from '../../i18n/translate-error';

const kroner = (ore: number): string => formatKroner(ore);

/** The record's signing requests: document, signer (masked), status, links, signed PDF, cost; cancel an open one. */
export function SigningRequests({ recordId }: { recordId: number }): ReactNode {
  const { t } = useTranslation();
  const api = useApi();
  const [requests, setRequests] = useState<SigningRequestView[] | null>(null);
  const [error, setError] = useState<AppError | null>(null);

  const load = useCallback(async () => {
    const result = await api.listSigningRequests({ recordId });
    if (result.ok) {
      setRequests(result.value);
      setError(null);
    } else setError(result.error);
  }, [api, recordId]);

  useEffect(() => {
    void load();
  }, [load]);
  useApiEvent('recordsChanged', (payload) => {
    if (payload.recordIds.includes(recordId)) void load();
  });
  useApiEvent('jobsChanged', (payload) => {
    if (payload.recordId === recordId) void load();
  });

  const show = async (id: number, which: 'original' | 'signed', mode: 'view' | 'download') => {
    const result = await api.getSigningDocument({ id, which });
    if (!result.ok) return setError(result.error);
    openPdf(result.value.base64, result.value.fileName, mode);
  };
  const cancel = async (id: number) => {
    if (!window.confirm(t('signing.cancelConfirm'))) return;
    const result = await api.cancelSigningRequest({ id });
    if (!result.ok) setError(result.error);
    void load();
  };
  const refresh = async () => {
    const result = await api.refreshSigningRequests({ recordId });
    if (!result.ok) setError(result.error);
  };

  // Most records never ask for a signature: no empty panel on them.
  if ((requests === null || requests.length === 0) && !error) return null;
  return (
    <section className="panel signing-requests" aria-labelledby="signing-title" data-testid="signing-requests">
      <h2 id="signing-title">{t('signing.section')}</h2>
      <ErrorBanner error={error} />
      {requests?.some((r) => r.state === 'awaiting_signature') && (
        <button type="button" className="btn btn-small" onClick={() => void refresh()}>
          {t('signing.refresh')}
        </button>
      )}
      <ul className="signing-list">
        {requests?.map((r) => (
          <li key={r.id} id={`signing-request-${r.id}`} data-testid="signing-request" data-state={r.state} className="signing-item">
            <div>
              <strong>{r.title}</strong> · <span className={`job-state signing-state-${r.state}`}>{t(`signing.states.${r.state}`)}</span>
            </div>
            <div className="muted small">
              {t('signing.signer')}: <span className="mono">{r.signerCprMasked}</span>
              {r.secondSignerCprMasked && (
                <>
                  {' '}
                  · {t('signing.secondSigner')}: <span className="mono">{r.secondSignerCprMasked}</span>
                </>
              )}
              {r.linkSentAt && <> · {t('signing.sent')} {formatDateTime(r.linkSentAt)}</>}
              {r.signedAt && <> · {t('signing.signedAt', { at: formatDateTime(r.signedAt) })}</>}
              {r.state === 'awaiting_signature' && r.orderExpiresAt && <> · {t('signing.expires', { at: formatDateTime(r.orderExpiresAt) })}</>}
              {r.costOre !== null && (
                <>
                  {' '}
                  · {t('signing.cost')}: <span data-testid="signing-cost">{kroner(r.costOre)} kr.</span>
                </>
              )}
            </div>
            {r.outcomeNote && <div className="small">{r.outcomeNote}</div>}
            {r.lastError && (
              <div className="job-error small" data-testid="signing-error" data-error-code={r.lastError.code}>
                {t('signing.lastError', { error: signingErrorText(t, r.lastError) })}
                <TechnicalDetails text={r.lastError.technical} />
              </div>
            )}
            <div className="signing-links">
              {r.hasDocument && (
                <button type="button" className="btn-link" onClick={() => void show(r.id, 'original', 'view')}>
                  {t('signing.document')}
                </button>
              )}
              {r.hasSignedPdf && (
                <>
                  <button type="button" className="btn-link" data-testid="view-signed" onClick={() => void show(r.id, 'signed', 'view')}>
                    {t('signing.signedDocument')}
                  </button>
                  <button type="button" className="btn-link" data-testid="download-signed" onClick={() => void show(r.id, 'signed', 'download')}>
                    ⤓
                  </button>
                </>
              )}
              {r.signingHref && !r.hasSignedPdf && r.state === 'awaiting_signature' && (
                <a href={r.signingHref} target="_blank" rel="noopener noreferrer" data-testid="signing-link">
                  {t('signing.signingLink')}
                </a>
              )}
              {r.secondSigningHref && !r.hasSignedPdf && r.state === 'awaiting_signature' && (
                <a href={r.secondSigningHref} target="_blank" rel="noopener noreferrer" data-testid="second-signing-link">
                  {t('signing.secondSigningLink')}
                </a>
              )}
              {r.letterMessageId !== null && <span className="muted small">{t('signing.letter', { id: r.letterMessageId })}</span>}
              {r.secondLetterMessageId !== null && <span className="muted small">{t('signing.secondLetter', { id: r.secondLetterMessageId })}</span>}
            </div>
            {r.canCancel && (
              <button type="button" className="btn btn-small btn-danger-quiet" onClick={() => void cancel(r.id)}>
                {t('signing.cancel')}
              </button>
            )}
            {r.cancelRequested && r.state !== 'cancelled' && <span className="muted small">{t('signing.cancelRequested')}</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}
