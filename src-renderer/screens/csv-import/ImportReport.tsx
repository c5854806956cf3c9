import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CsvImportReport } from '../../../src-main/contract';
import { useWorkspace } from '../../app/workspace-context';
import { fieldErrorText } from '../../i18n/translate-error';

/** Which rows went in and, for each row that did not, why (by line number in the file). */
export function ImportReport({ report }: { report: CsvImportReport }): ReactNode {
  const { t } = useTranslation();
  const ws = useWorkspace();
  return (
    <section className="panel import-report" aria-labelledby="report-title" data-testid="import-report">
      <h2 id="report-title">{t('csv.reportTitle')}</h2>
      <p className="report-counts">
        <span className="count-ok" data-testid="import-imported">
          {t('csv.imported', { count: report.imported })}
        </span>
        <span className={report.failed ? 'count-bad' : 'muted'} data-testid="import-failed">
          {t('csv.failed', { count: report.failed })}
        </span>
      </p>
      {report.rowErrors.length > 0 && (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t('csv.line')}</th>
              <th scope="col">{t('csv.errors')}</th>
            </tr>
          </thead>
          <tbody>
            {report.rowErrors.map((row) => (
              <tr key={row.line} data-testid="import-row-error" data-line={row.line}>
                <td className="num">{row.line}</td>
                <td>
                  <ul className="plain-list">
                    {row.errors.map((e, i) => (
                      <li key={i}>
                        <strong>{ws.fieldByKey.get(e.field)?.label ?? e.field}</strong>: {fieldErrorText(t, e)}
                      </li>
                    ))}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
