import { useState } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { WorkspaceImportPreview } from '../../../../src-main/contract';
import { useApi } from '../../../api/api-context';
import { ErrorBanner, Notice } from '../../../components/ErrorBanner';
import { fieldErrorText } from '../../../i18n/translate-error';
import { useAdminAction } from '../use-admin-action';
import { ImportPreviewDialog } from './ImportPreviewDialog';

/** Hands a string to the browser as a file download (Blob URL + <a download>, allowed by the CSP). */
function download(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  // Give the download a moment to start before the URL is revoked.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function WorkspaceIo(): ReactNode {
  const { t } = useTranslation();
  const api = useApi();
  const exporter = useAdminAction();
  const importer = useAdminAction();
  const [exported, setExported] = useState<string | null>(null);
  const [imported, setImported] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  // The file's text and what importing it would change, while the administrator decides.
  const [pending, setPending] = useState<{ json: string; preview: WorkspaceImportPreview } | null>(null);

  const doExport = async (): Promise<void> => {
    const result = await exporter.run(() => api.exportWorkspace({}));
    if (!result) return;
    download(result.fileName, result.json);
    setExported(result.fileName);
  };

  // Step one: the server tries the import in a transaction it rolls back, and says what would change (or why not).
  const checkImport = async (): Promise<void> => {
    if (!file) return;
    setImported(false);
    const json = await file.text();
    const preview = await importer.run(() => api.previewWorkspaceImport({ json }));
    if (preview) setPending({ json, preview });
  };

  const confirmImport = async (): Promise<void> => {
    if (!pending) return;
    const result = await importer.run(() => api.importWorkspace({ json: pending.json }));
    setPending(null);
    if (result) setImported(true);
  };

  return (
    <div className="admin-section workspace-io">
      <section className="panel" aria-labelledby="export-title">
        <h2 id="export-title">{t('admin.workspace.exportTitle')}</h2>
        <p className="muted">{t('admin.workspace.exportIntro')}</p>
        <ErrorBanner error={exporter.error} />
        {exported && <Notice>{t('admin.workspace.exported', { fileName: exported })}</Notice>}
        <button type="button" className="btn btn-primary" disabled={exporter.busy} onClick={() => void doExport()}>
          {t('admin.workspace.export')}
        </button>
      </section>
      <section className="panel" aria-labelledby="import-title">
        <h2 id="import-title">{t('admin.workspace.importTitle')}</h2>
        <p className="muted">{t('admin.workspace.importIntro')}</p>
        <ErrorBanner error={importer.error}>
          {importer.error?.fieldErrors?.map((e) => (
            <span key={e.key} className="error-reason" data-testid="import-reason">
              {' '}
              {fieldErrorText(t, e)}
            </span>
          ))}
        </ErrorBanner>
        {imported && <Notice>{t('admin.workspace.imported')}</Notice>}
        <div className="inline-form">
          <label htmlFor="ws-file">{t('admin.workspace.file')}</label>
          <input id="ws-file" type="file" accept=".json,application/json" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
          <button type="button" className="btn" disabled={!file || importer.busy} onClick={() => void checkImport()}>
            {t('workspaceTools.preview.check')}
          </button>
        </div>
        {pending && file && (
          <ImportPreviewDialog
            fileName={file.name}
            preview={pending.preview}
            busy={importer.busy}
            onConfirm={() => void confirmImport()}
            onCancel={() => setPending(null)}
          />
        )}
      </section>
    </div>
  );
}
