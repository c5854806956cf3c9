import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CsvPreview } from '../../../src-main/contract';
import { useWorkspace } from '../../app/workspace-context';

interface Props {
  preview: CsvPreview;
  mapping: Record<string, string>;
  onChange: (header: string, fieldKey: string | null) => void;
}

/** One row per CSV column: its header, a sample value, and the field it goes into. */
export function MappingTable({ preview, mapping, onChange }: Props): ReactNode {
  const { t } = useTranslation();
  const ws = useWorkspace();
  return (
    <table className="data-table mapping-table">
      <thead>
        <tr>
          <th scope="col">{t('csv.column')}</th>
          <th scope="col">{t('csv.sample')}</th>
          <th scope="col">{t('csv.field')}</th>
        </tr>
      </thead>
      <tbody>
        {preview.headers.map((header, col) => {
          const id = `csv-map-${col}`;
          const samples = preview.sampleRows
            .map((row) => row[col] ?? '')
            .filter(Boolean)
            .slice(0, 3)
            .join(', ');
          return (
            <tr key={`${col}-${header}`}>
              <th scope="row">
                <label htmlFor={id}>{header}</label>
              </th>
              <td className="muted sample">{samples}</td>
              <td>
                <select id={id} value={mapping[header] ?? ''} onChange={(e) => onChange(header, e.target.value || null)}>
                  <option value="">{t('common.ignore')}</option>
                  {ws.fields.map((f) => (
                    <option key={f.id} value={f.key}>
                      {f.label} ({f.key})
                    </option>
                  ))}
                </select>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
