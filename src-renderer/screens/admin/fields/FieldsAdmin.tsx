import { useState } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldDef } from '../../../../src-main/contract';
import { useApi } from '../../../api/api-context';
import { useWorkspace } from '../../../app/workspace-context';
import { DeleteButton } from '../../../components/DeleteButton';
import { ErrorBanner } from '../../../components/ErrorBanner';
import { useAdminAction } from '../use-admin-action';
import { FieldForm } from './FieldForm';

export function FieldsAdmin(): ReactNode {
  const { t } = useTranslation();
  const api = useApi();
  const ws = useWorkspace();
  const action = useAdminAction();
  /** null: no form; 'new': creating; a field: editing it. */
  const [editing, setEditing] = useState<FieldDef | 'new' | null>(null);

  return (
    <div className="admin-section">
      <div className="section-head">
        <h2>{t('admin.fields.title')}</h2>
        <button type="button" className="btn" onClick={() => setEditing('new')}>
          {t('admin.fields.new')}
        </button>
      </div>
      <ErrorBanner error={action.error} />
      {editing && (
        <FieldForm key={editing === 'new' ? 'new' : editing.id} field={editing === 'new' ? null : editing} onDone={() => setEditing(null)} />
      )}
      {ws.fields.length === 0 ? (
        <p className="muted">{t('admin.fields.empty')}</p>
      ) : (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t('admin.fields.sortOrder')}</th>
              <th scope="col">{t('admin.fields.label')}</th>
              <th scope="col">{t('admin.fields.key')}</th>
              <th scope="col">{t('admin.fields.type')}</th>
              <th scope="col">{t('admin.fields.required')}</th>
              <th scope="col">{t('admin.fields.role')}</th>
              <th scope="col">{t('admin.fields.showInList')}</th>
              <th scope="col" />
            </tr>
          </thead>
          <tbody>
            {ws.fields.map((f) => (
              <tr key={f.id} data-testid="admin-field-row" data-field-key={f.key}>
                <td className="num">{f.sortOrder}</td>
                <td>{f.label}</td>
                <td className="mono">{f.key}</td>
                <td>{t(`fieldTypes.${f.type}`)}</td>
                <td>{f.required ? t('common.yes') : t('common.no')}</td>
                <td>{t(`fieldRoles.${f.role ?? 'none'}`)}</td>
                <td>{f.showInList ? t('common.yes') : t('common.no')}</td>
                <td className="row-actions">
                  <button type="button" className="btn btn-small" onClick={() => setEditing(f)}>
                    {t('common.edit')}
                  </button>
                  <DeleteButton onDelete={() => void action.run(() => api.deleteField({ id: f.id }))} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
