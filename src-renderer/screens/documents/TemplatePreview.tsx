import { useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError, PreviewPdf, RecordSummary } from '../../../src-main/contract';
import { useApi } from '../../api/api-context';
import { ErrorBanner } from '../../components/ErrorBanner';
import { PdfPreview } from '../../components/PdfPreview';
import { useDebounced } from '../../components/use-debounced';

/** Renders the saved template against a record the administrator finds by name or number. */
export function TemplatePreview({ templateId }: { templateId: number }): ReactNode {
  const { t } = useTranslation();
  const api = useApi();
  const [search, setSearch] = useState('');
  const debounced = useDebounced(search, 250);
  const [records, setRecords] = useState<RecordSummary[]>([]);
  const [recordId, setRecordId] = useState<number | null>(null);
  const [preview, setPreview] = useState<PreviewPdf | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    void api.listRecords({ search: debounced || undefined, offset: 0, limit: 20, sortBy: 'number', sortDir: 'asc' }).then((r) => {
      if (!live || !r.ok) return;
      setRecords(r.value.rows);
      setRecordId((current) => (current !== null && r.value.rows.some((row) => row.id === current) ? current : (r.value.rows[0]?.id ?? null)));
    });
    return () => {
      live = false;
    };
  }, [api, debounced]);

  const show = async () => {
    if (recordId === null) return;
    setBusy(true);
    const r = await api.previewDocument({ templateId, recordId });
    setBusy(false);
    if (r.ok) {
      setPreview(r.value);
      setError(null);
    } else setError(r.error);
  };

  return (
    <section aria-labelledby="preview-title" className="panel">
      <h2 id="preview-title">{t('documents.previewTitle')}</h2>
      <div className="inline-form">
        <label>
          {t('documents.previewRecord')} <input value={search} maxLength={200} onChange={(e) => setSearch(e.target.value)} data-testid="preview-search" />
        </label>
        <label>
          {t('documents.previewPick')}{' '}
          <select value={recordId ?? ''} onChange={(e) => setRecordId(Number(e.target.value))} data-testid="preview-record">
            {records.map((r) => (
              <option key={r.id} value={r.id}>
                {r.number} – {r.name}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="btn btn-primary" disabled={recordId === null || busy} onClick={() => void show()}>
          {t('documents.preview')}
        </button>
      </div>
      {records.length === 0 && <p className="muted">{t('documents.previewNoRecords')}</p>}
      <ErrorBanner error={error} />
      {preview && <PdfPreview preview={preview} />}
    </section>
  );
}
