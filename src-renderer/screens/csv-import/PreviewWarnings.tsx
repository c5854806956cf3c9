import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CsvPreview } from '../../../src-main/contract';

interface Props {
  preview: CsvPreview;
  firstRowIsData: boolean;
  onFirstRowIsData: (value: boolean) => void;
  disabled: boolean;
}

/**
 * What to know before importing: a first row that looks like a citizen rather
 * than headers (with the choice to import it as data), and CPR numbers that
 * are in the file twice or belong to existing records (those rows are left out).
 */
export function PreviewWarnings({ preview, firstRowIsData, onFirstRowIsData, disabled }: Props): ReactNode {
  const { t } = useTranslation();
  const { duplicateCprs: d } = preview;
  const looksLikeData = preview.headerLooksLikeData.length > 0;
  const lines = (shown: number[], total: number) => `${shown.join(', ')}${total > shown.length ? ' …' : ''}`;
  return (
    <>
      {(looksLikeData || firstRowIsData) && (
        <div className="banner banner-warn" role="alert" data-testid="csv-header-warning">
          {looksLikeData && <p>{t('csvImport.headerLooksLikeData', { cells: preview.headerLooksLikeData.length })}</p>}
          <label className="checkbox">
            <input type="checkbox" checked={firstRowIsData} disabled={disabled} onChange={(e) => onFirstRowIsData(e.target.checked)} />{' '}
            {t('csvImport.firstRowIsData')}
          </label>
        </div>
      )}
      {d.inFile > 0 && (
        <div className="banner banner-warn" role="alert" data-testid="csv-duplicates-in-file">
          <p>{t('csvImport.duplicatesInFile', { count: d.inFile })}</p>
          <p className="muted">{t('csvImport.duplicateLines', { lines: lines(d.inFileLines, d.inFile) })}</p>
        </div>
      )}
      {d.existing > 0 && (
        <div className="banner banner-warn" role="alert" data-testid="csv-duplicates-existing">
          <p>{t('csvImport.duplicatesExisting', { count: d.existing })}</p>
          <p className="muted">{t('csvImport.duplicateLines', { lines: lines(d.existingLines, d.existing) })}</p>
        </div>
      )}
    </>
  );
}
