import { useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError, LetterPdfView, MessageView } from '../../../src-main/contract';
import { hasProofOfDelivery } from '../../../src-main/contract/physical-post-rules';
import { useApi } from '../../api/api-context';
import { Dialog } from '../../components/Dialog';
import { ErrorBanner } from '../../components/ErrorBanner';
import { downloadText, pdfUrl } from './dp-format';
import { downloadPdf, printPdf } from './letter-pdf';
import '../../styles/physical-post.css';


/**
 * Open (in the app's PDF viewer), download and print any letter, sent or
 * queued, and download its proof of delivery as PDF or JSON. Every opening is
 * audited in main: a letter is personal data.
 */
export function LetterActions({ message: m }: { message: MessageView }): ReactNode {
  const { t } = useTranslation();
  const api = useApi();
  const [viewing, setViewing] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const fetchPdf = async (purpose: 'download' | 'print', then: (v: LetterPdfView) => void) => {
    setError(null);
    const r = await api.getLetterPdf({ id: m.id, purpose });
    if (r.ok) then(r.value);
    else setError(r.error);
  };
  const proofPdf = async () => {
    setError(null);
    const r = await api.getProofOfDeliveryPdf({ id: m.id });
    if (r.ok) downloadPdf(r.value.pdfBase64, r.value.fileName);
    else setError(r.error);
  };
  const proofJson = async () => {
    const r = await api.getMessageProof({ id: m.id });
    if (r.ok) downloadText(r.value.fileName, r.value.json);
    else setError(r.error);
  };
  return (
    <>
      <button type="button" className="btn btn-small" onClick={() => setViewing(true)} data-testid="letter-open">
        {t('physicalPost.open')}
      </button>
      <button type="button" className="btn btn-small" onClick={() => void fetchPdf('download', (v) => downloadPdf(v.pdfBase64, v.fileName))} data-testid="letter-download">
        {t('physicalPost.download')}
      </button>
      <button type="button" className="btn btn-small" onClick={() => void fetchPdf('print', (v) => printPdf(v.pdfBase64))} data-testid="letter-print">
        {t('physicalPost.print')}
      </button>
      {hasProofOfDelivery(m.state, m.posted?.on ?? null) && (
        <>
          <button type="button" className="btn btn-small" onClick={() => void proofPdf()} data-testid="proof-pdf">
            {t('physicalPost.proofPdf')}
          </button>
          <button type="button" className="btn btn-small" onClick={() => void proofJson()} data-testid="proof-json">
            {t('physicalPost.proofJson')}
          </button>
        </>
      )}
      {error && <ErrorBanner error={error} text={error.message} />}
      {viewing && <LetterViewer message={m} onClose={() => setViewing(false)} />}
    </>
  );
}

/** The letter's PDFs in the app's viewer (an iframe on a blob: URL), one file at a time, with download and print. */
function LetterViewer({ message: m, onClose }: { message: MessageView; onClose: () => void }): ReactNode {
  const { t } = useTranslation();
  const api = useApi();
  const [file, setFile] = useState(0);
  const [pdf, setPdf] = useState<LetterPdfView | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  useEffect(() => {
    void api.getLetterPdf({ id: m.id, file, purpose: 'view' }).then((r) => (r.ok ? setPdf(r.value) : setError(r.error)));
  }, [api, m.id, file]);
  const url = useMemo(() => (pdf ? pdfUrl(pdf.pdfBase64) : null), [pdf]);
  useEffect(() => () => (url ? URL.revokeObjectURL(url) : undefined), [url]);
  return (
    <Dialog title={t('physicalPost.viewerTitle', { subject: m.subject })} onClose={onClose} testId="letter-viewer">
      {error && <ErrorBanner error={error} text={error.message} />}
      {pdf && url && (
        <div className="pdf-preview" data-testid="letter-viewer-pdf" data-file-name={pdf.fileName}>
          <p className="muted">{t('physicalPost.fileOf', { n: file + 1, count: pdf.fileCount, file: pdf.fileName })}</p>
          <iframe title={t('physicalPost.viewerFrame')} src={url} className="pdf-frame" />
          <div className="form-actions">
            <a href={url} download={pdf.fileName} className="btn btn-small">
              {t('physicalPost.download')}
            </a>
            <button
              type="button"
              className="btn btn-small"
              // Fetched again with purpose "print", so the audit says the letter was printed, not only viewed.
              onClick={() => void api.getLetterPdf({ id: m.id, file, purpose: 'print' }).then((r) => (r.ok ? printPdf(r.value.pdfBase64) : setError(r.error)))}
            >
              {t('physicalPost.print')}
            </button>
            {pdf.fileCount > 1 && (
              <button type="button" className="btn btn-small" onClick={() => setFile((file + 1) % pdf.fileCount)}>
                {t('physicalPost.nextFile')}
              </button>
            )}
          </div>
        </div>
      )}
      <div className="form-actions">
        <button type="button" className="btn" onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
    </Dialog>
  );
}
