import { useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError, CsvImportProgress, CsvImportReport, CsvPreview } from '../../../src-main/contract';
import { CSV_MAX_BYTES } from '../../../src-main/contract/types';
import { useApi } from '../../api/api-context';
import { useWorkspace } from '../../app/workspace-context';
import { ErrorBanner, Notice } from '../../components/ErrorBanner';
import { UnplacedFieldErrors } from '../../components/fields/UnplacedFieldErrors';
import { ImportReport } from './ImportReport';
import { MappingTable } from './MappingTable';
import { PreviewWarnings } from './PreviewWarnings';
import { uploadCsv } from './upload-csv';
import { WorkflowOptions } from '../../components/WorkflowOptions';

const NOTHING_PLACED: ReadonlySet<string> = new Set();
/** How often the screen asks how far a running import has come. */
const PROGRESS_POLL_MS = 400;

type Busy = { kind: 'uploading'; fraction: number } | { kind: 'reading' } | { kind: 'running'; progress: CsvImportProgress | null } | null;

/**
 * Three steps on one page: send a file, map its columns, import. Main decodes
 * and parses the CSV (one decoder and parser for UI, CLI and tests); the
 * renderer sends the bytes in pieces, shows and maps, and follows the import's
 * progress. The rest of the app stays usable meanwhile.
 */
export function CsvImportScreen(): ReactNode {
  const { t } = useTranslation();
  const api = useApi();
  const ws = useWorkspace();
  const [uploadId, setUploadId] = useState<string | null>(null);
  const [preview, setPreview] = useState<CsvPreview | null>(null);
  const [firstRowIsData, setFirstRowIsData] = useState(false);
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const [workflowId, setWorkflowId] = useState<number | null>(ws.view.workflows[0]?.id ?? null);
  const [report, setReport] = useState<CsvImportReport | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState<Busy>(null);
  const [fileKey, setFileKey] = useState(0);
  const [fileName, setFileName] = useState('');

  const loadPreview = async (id: string, dataFirst: boolean): Promise<void> => {
    setBusy({ kind: 'reading' });
    const result = await api.previewCsvImport({ uploadId: id, firstRowIsData: dataFirst });
    setBusy(null);
    if (!result.ok) return setError(result.error);
    setError(null);
    setPreview(result.value);
    setMapping(result.value.suggestedMapping);
  };

  const readFile = async (file: File | undefined): Promise<void> => {
    setReport(null);
    setPreview(null);
    setError(null);
    setUploadId(null);
    setFirstRowIsData(false);
    if (!file) return;
    setFileName(file.name.slice(0, 200));
    if (file.size > CSV_MAX_BYTES) {
      return setError({ code: 'invalid_input', message: t('csvImport.tooLarge', { max: CSV_MAX_BYTES / 1_000_000 }) });
    }
    setBusy({ kind: 'uploading', fraction: 0 });
    const sent = await uploadCsv(api, file, (fraction) => setBusy({ kind: 'uploading', fraction }));
    if (!sent.ok) {
      setBusy(null);
      return setError(sent.error);
    }
    setUploadId(sent.uploadId);
    await loadPreview(sent.uploadId, false);
  };

  const toggleFirstRowIsData = (value: boolean): void => {
    setFirstRowIsData(value);
    if (uploadId) void loadPreview(uploadId, value);
  };

  const running = busy?.kind === 'running';
  useEffect(() => {
    if (!running || uploadId === null) return;
    const timer = setInterval(() => {
      void api.getCsvImportProgress({ uploadId }).then((result) => {
        if (result.ok && result.value) {
          const progress = result.value;
          setBusy((b) => (b?.kind === 'running' ? { kind: 'running', progress } : b));
        }
      });
    }, PROGRESS_POLL_MS);
    return () => clearInterval(timer);
  }, [running, uploadId, api]);

  const run = async (): Promise<void> => {
    if (uploadId === null || workflowId === null) return;
    setBusy({ kind: 'running', progress: null });
    const result = await api.runCsvImport({ uploadId, workflowId, mapping, firstRowIsData, ...(fileName ? { fileName } : {}) });
    setBusy(null);
    // The upload is used up either way: another try starts from the file.
    setUploadId(null);
    if (!result.ok) {
      setPreview(null);
      setFileKey((k) => k + 1);
      return setError(result.error);
    }
    setError(null);
    setReport(result.value);
  };

  const startOver = (): void => {
    setUploadId(null);
    setPreview(null);
    setReport(null);
    setError(null);
    setFirstRowIsData(false);
    setFileKey((k) => k + 1);
  };

  const mapped = Object.keys(mapping).length > 0;

  return (
    <section className="csv-import-screen" aria-labelledby="csv-title">
      <h1 id="csv-title">{t('csv.title')}</h1>
      <p className="muted">{t('csv.intro')}</p>
      <div className="panel">
        <div className="field-row">
          <label htmlFor="csv-file">{t('csv.file')}</label>
          <input
            key={fileKey}
            id="csv-file"
            type="file"
            accept=".csv,text/csv,text/plain"
            disabled={busy !== null}
            onChange={(e) => void readFile(e.target.files?.[0])}
          />
        </div>
        {busy?.kind === 'uploading' && (
          <p className="muted" role="status" data-testid="csv-upload-progress">
            {t('csvImport.uploading', { percent: Math.round(busy.fraction * 100) })}
          </p>
        )}
        {busy?.kind === 'reading' && (
          <p className="muted" role="status">
            {t('csv.reading')}
          </p>
        )}
        <ErrorBanner error={error}>
          <UnplacedFieldErrors error={error} placed={NOTHING_PLACED} />
        </ErrorBanner>
      </div>

      {preview && !report && (
        <form
          className="panel"
          onSubmit={(e) => {
            e.preventDefault();
            void run();
          }}
        >
          <p data-testid="csv-row-count">{t('csv.rows', { count: preview.rowCount })}</p>
          {preview.encoding === 'windows-1252' && <Notice>{t('csvImport.windows1252')}</Notice>}
          <PreviewWarnings preview={preview} firstRowIsData={firstRowIsData} onFirstRowIsData={toggleFirstRowIsData} disabled={busy !== null} />
          <div className="field-row">
            <label htmlFor="csv-workflow">{t('csv.workflow')}</label>
            <select id="csv-workflow" value={workflowId ?? ''} onChange={(e) => setWorkflowId(Number(e.target.value))}>
              <WorkflowOptions workflows={ws.view.workflows} />
            </select>
          </div>
          <h2>{t('csv.mapping')}</h2>
          <MappingTable
            preview={preview}
            mapping={mapping}
            onChange={(header, key) =>
              setMapping((m) => {
                const next = { ...m };
                if (key) next[header] = key;
                else delete next[header];
                return next;
              })
            }
          />
          {!mapped && <p className="muted">{t('csv.noMapping')}</p>}
          <div className="form-actions">
            <button type="submit" className="btn btn-primary" disabled={!mapped || busy !== null || workflowId === null || uploadId === null}>
              {running ? t('csv.running') : t('csv.run')}
            </button>
          </div>
          {running && <RunProgress progress={busy.progress} />}
        </form>
      )}

      {report && (
        <>
          <ImportReport report={report} />
          <button type="button" className="btn" onClick={startOver}>
            {t('csv.startOver')}
          </button>
        </>
      )}
    </section>
  );
}

/** Where a running import is: checking rows, then writing records; the rest of the app stays usable meanwhile. */
function RunProgress({ progress }: { progress: CsvImportProgress | null }): ReactNode {
  const { t } = useTranslation();
  const total = progress?.rowsToWrite ?? null;
  return (
    <div className="import-progress" role="status" data-testid="csv-import-progress">
      {progress && progress.phase === 'writing' && total !== null ? (
        <>
          <progress max={total} value={progress.rowsWritten} aria-label={t('csv.running')} />
          <span>{t('csvImport.writing', { done: progress.rowsWritten, total })}</span>
        </>
      ) : (
        <>
          <progress aria-label={t('csv.running')} />
          <span>{t('csvImport.checking', { count: progress?.rowsRead ?? 0 })}</span>
        </>
      )}
      <p className="muted">{t('csvImport.keepWorking')}</p>
    </div>
  );
}
