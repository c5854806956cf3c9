import { useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError, DigitalPostPreview, ExemptionView } from '../../../src-main/contract';
import { useApi } from '../../api/api-context';
import { Dialog } from '../../components/Dialog';
import { ErrorBanner } from '../../components/ErrorBanner';
import { fileToBase64, kroner, pdfUrl, problemTexts } from './dp-format';

interface Props {
  recordId: number;
  onClose: () => void;
  onSent: () => void;
}

/** Write a letter to the record's citizen: exemption shown first, preview of exactly what is sent, then send. */
export function ComposeDialog({ recordId, onClose, onSent }: Props): ReactNode {
  const { t } = useTranslation();
  const api = useApi();
  const [subject, setSubject] = useState('');
  const [notification, setNotification] = useState('');
  const [body, setBody] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [exemption, setExemption] = useState<ExemptionView | null>(null);
  const [preview, setPreview] = useState<DigitalPostPreview | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  // One request id from opening to sending: sending twice (a double click, a retry) queues one letter.
  const [requestId] = useState(() => crypto.randomUUID());

  useEffect(() => {
    void api.checkDigitalPostExemption({ recordId }).then((r) => r.ok && setExemption(r.value));
  }, [api, recordId]);

  const input = async () => ({
    recordId,
    subject,
    notification,
    body,
    attachments: await Promise.all(files.map(async (f) => ({ fileName: f.name, contentBase64: await fileToBase64(f) }))),
  });

  const run = async (send: boolean) => {
    setBusy(true);
    setError(null);
    try {
      const data = await input();
      if (send) {
        const r = await api.sendDigitalPost({ ...data, requestId });
        if (r.ok) onSent();
        else setError(r.error);
      } else {
        const r = await api.previewDigitalPost(data);
        if (r.ok) setPreview(r.value);
        else setError(r.error);
      }
    } finally {
      setBusy(false);
    }
  };

  // The letter itself, on the letterhead, exactly as it will be sent.
  const mainBase64 = preview?.files.find((f) => f.role === 'main')?.contentBase64 ?? null;
  const mainUrl = useMemo(() => (mainBase64 ? pdfUrl(mainBase64) : null), [mainBase64]);
  useEffect(() => () => void (mainUrl && URL.revokeObjectURL(mainUrl)), [mainUrl]);

  const problems = problemTexts(error);
  return (
    <Dialog title={t('digitalPost.compose.title')} onClose={onClose} testId="dp-compose">
      {/* One column: the exemption note spans the dialog, each label sits above its own field. */}
      <div className="compose-letter">
        <p className={exemption?.status === 'EXEMPT' ? 'banner banner-warn' : 'muted'} data-testid="dp-exemption" data-status={exemption?.status ?? ''}>
          {exemption ? exemption.text : t('digitalPost.compose.checking')}
        </p>
        <div className="compose-field">
          <label htmlFor="dp-subject">{t('digitalPost.compose.subject')}</label>
          <input id="dp-subject" value={subject} maxLength={250} onChange={(e) => setSubject(e.target.value)} />
        </div>
        <div className="compose-field">
          <label htmlFor="dp-notification">{t('digitalPost.compose.notification')}</label>
          <input id="dp-notification" value={notification} maxLength={150} onChange={(e) => setNotification(e.target.value)} />
        </div>
        <div className="compose-field">
          <label htmlFor="dp-body">{t('digitalPost.compose.body')}</label>
          <textarea id="dp-body" rows={10} value={body} onChange={(e) => setBody(e.target.value)} />
        </div>
        <div className="compose-field">
          <label htmlFor="dp-files">{t('digitalPost.compose.attachments')}</label>
          <input id="dp-files" type="file" accept="application/pdf,.pdf" multiple onChange={(e) => setFiles([...(e.target.files ?? [])])} />
        </div>
      </div>
      {error && (
        <ErrorBanner error={error}>
          {problems.length > 0 && (
            <ul data-testid="dp-problems">
              {problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          )}
        </ErrorBanner>
      )}
      {preview && (
        <section className="panel" data-testid="dp-preview">
          <h3>{t('digitalPost.compose.previewTitle')}</h3>
          <p>
            {t('digitalPost.compose.from')}: {preview.senderLabel} (CVR {preview.senderCvr}) · {t('digitalPost.compose.to')}: {preview.recipientMasked}
          </p>
          <p>
            <strong>{preview.subject}</strong>
            {preview.notification && <> – {preview.notification}</>}
          </p>
          <ul>
            {preview.files.map((f) => (
              <li key={f.fileName}>
                <a href={pdfUrl(f.contentBase64)} target="_blank" rel="noreferrer" download={f.fileName}>
                  {f.fileName}
                </a>{' '}
                ({f.role === 'main' ? t('digitalPost.compose.main') : t('digitalPost.compose.attachment')}, {t('digitalPost.compose.size', { kb: Math.ceil(f.bytes / 1024) })})
              </li>
            ))}
          </ul>
          <p className="muted">{t('digitalPost.compose.cost', { price: kroner(preview.costOre) })}</p>
          {mainUrl && <iframe title={t('documents.previewFrame')} src={mainUrl} className="pdf-frame compose-preview-frame" data-testid="dp-preview-letter" />}
        </section>
      )}
      <div className="form-actions">
        <button type="button" className="btn" disabled={busy || !subject} onClick={() => void run(false)}>
          {t('digitalPost.compose.preview')}
        </button>
        <button type="button" className="btn btn-primary" disabled={busy || !subject} onClick={() => void run(true)} data-testid="dp-send">
          {busy ? t('digitalPost.compose.sending') : t('digitalPost.compose.send')}
        </button>
        <button type="button" className="btn" onClick={onClose}>
          {t('common.cancel')}
        </button>
      </div>
    </Dialog>
  );
}
