import { useState } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError, CsvImportReport, CsvPreview } from '../../../src-main/contract';
import { useApi } from '../../api/api-context';
import { useWorkspace } from '../../app/workspace-context';
import { ErrorBanner } from '../../components/ErrorBanner';
import { UnplacedFieldErrors } from '../../components/fields/UnplacedFieldErrors';
import { ImportReport } from './ImportReport';
import { MappingTable } from './MappingTable';
import { WorkflowOptions } from '../../components/WorkflowOptions';

const NOTHING_PLACED: ReadonlySet<string> = new Set();

/**
 * Three steps on one page: read a file, map its columns, import. Main parses the
 * CSV (one parser for UI, CLI and tests); the renderer only shows and maps.
 */
export function CsvImportScreen(): ReactNode {
  const { t } = useTranslation();
  const api = useApi();
  const ws = useWorkspace();
  const [csv, setCsv] = useState<string | null>(null);
  const [preview, setPreview] = useState<CsvPreview | null>(null);
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const [workflowId, setWorkflowId] = useState<number | null>(ws.view.workflows[0]?.id ?? null);
  const [report, setReport] = useState<CsvImportReport | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState<'reading' | 'running' | null>(null);
  const [fileKey, setFileKey] = useState(0);

  const readFile = async (file: File | undefined): Promise<void> => {
    setReport(null);
    setPreview(null);
    setError(null);
    if (!file) return;
    setBusy('reading');
    const text = await file.text();
    const result = await api.previewCsvImport({ csv: text });
    setBusy(null);
    if (!result.ok) return setError(result.error);
    setCsv(text);
    setPreview(result.value);
    setMapping(result.value.suggestedMapping);
  };

  const run = async (): Promise<void> => {
    if (csv === null || workflowId === null) return;
    setBusy('running');
    const result = await api.runCsvImport({ csv, workflowId, mapping });
    setBusy(null);
    if (!result.ok) return setError(result.error);
    setError(null);
    setReport(result.value);
  };

  const startOver = (): void => {
    setCsv(null);
    setPreview(null);
    setReport(null);
    setError(null);
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
          <input key={fileKey} id="csv-file" type="file" accept=".csv,text/csv,text/plain" onChange={(e) => void readFile(e.target.files?.[0])} />
        </div>
        {busy === 'reading' && <p className="muted">{t('csv.reading')}</p>}
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
            <button type="submit" className="btn btn-primary" disabled={!mapped || busy !== null || workflowId === null}>
              {busy === 'running' ? t('csv.running') : t('csv.run')}
            </button>
          </div>
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
