import { useEffect, useMemo } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { PreviewPdf } from '../../src-main/contract';

/** PDF bytes from base64 (the transport carries binary as base64). */
function toBlobUrl(base64: string): string {
  const bin = atob(base64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i += 1) bytes[i] = bin.charCodeAt(i);
  return URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' }));
}

/**
 * Shows a generated PDF in the browser's own PDF viewer (an iframe on a blob:
 * URL, which the CSP's `frame-src blob:` allows), with a download link.
 */
export function PdfPreview({ preview }: { preview: PreviewPdf }): ReactNode {
  const { t } = useTranslation();
  const url = useMemo(() => toBlobUrl(preview.pdfBase64), [preview.pdfBase64]);
  useEffect(() => () => URL.revokeObjectURL(url), [url]);
  return (
    <div className="pdf-preview" data-testid="pdf-preview" data-pages={preview.pages}>
      <p className="muted">
        {t('documents.previewInfo', { file: preview.fileName, pages: preview.pages })}{' '}
        <a href={url} download={preview.fileName} className="btn btn-small">
          {t('documents.download')}
        </a>
      </p>
      {preview.emptyPlaceholders.length > 0 && (
        <div className="banner banner-warn" role="status" data-testid="empty-placeholders">
          {t('workspaceTools.letters.emptyPlaceholders', { count: preview.emptyPlaceholders.length, names: preview.emptyPlaceholders.map((k) => `{{${k}}}`).join(', ') })}
        </div>
      )}
      <iframe title={t('documents.previewFrame')} src={url} className="pdf-frame" />
    </div>
  );
}
