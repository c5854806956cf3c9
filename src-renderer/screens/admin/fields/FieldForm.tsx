import { useState } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldDef, FieldRole, FieldType } from '../../../../src-main/contract';
import { FIELD_ROLES, FIELD_TYPES } from '../../../../src-main/contract/types';
import { useApi } from '../../../api/api-context';
import { ErrorBanner } from '../../../components/ErrorBanner';
import { fieldErrorsByKey } from '../../../i18n/translate-error';
import { useAdminAction } from '../use-admin-action';
import { SaveCancel } from '../../../components/SaveCancel';

interface Props {
  field: FieldDef | null;
  onDone: () => void;
}

export function FieldForm({ field, onDone }: Props): ReactNode {
  const { t } = useTranslation();
  const api = useApi();
  const action = useAdminAction();
  const [key, setKey] = useState(field?.key ?? '');
  const [label, setLabel] = useState(field?.label ?? '');
  const [type, setType] = useState<FieldType>(field?.type ?? 'text');
  const [required, setRequired] = useState(field?.required ?? false);
  const [optionsText, setOptionsText] = useState((field?.options ?? []).join('\n'));
  const [role, setRole] = useState<FieldRole | null>(field?.role ?? null);
  const [showInList, setShowInList] = useState(field?.showInList ?? false);
  const [sortOrder, setSortOrder] = useState(String(field?.sortOrder ?? 100));
  const errors = fieldErrorsByKey(t, action.error);

  const save = async (): Promise<void> => {
    const options = type === 'choice' ? optionsText.split('\n').map((o) => o.trim()).filter(Boolean) : [];
    const input = { key, label, type, required, options, role, showInList, sortOrder: Math.max(0, Math.trunc(Number(sortOrder) || 0)) };
    const saved = await action.run(() => api.saveField(field ? { ...input, id: field.id } : input));
    if (saved) onDone();
  };

  return (
    <form
      className="panel admin-form"
      aria-labelledby="field-form-title"
      data-testid="field-form"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h3 id="field-form-title">{field ? t('admin.fields.editTitle', { label: field.label }) : t('admin.fields.newTitle')}</h3>
      <ErrorBanner error={action.error} />
      <div className="form-grid">
        <label htmlFor="ff-label">{t('admin.fields.label')}</label>
        <input id="ff-label" value={label} maxLength={200} onChange={(e) => setLabel(e.target.value)} />
        <label htmlFor="ff-key">{t('admin.fields.key')}</label>
        <div>
          <input id="ff-key" className="mono" value={key} maxLength={64} aria-describedby="ff-key-hint" onChange={(e) => setKey(e.target.value)} />
          <div id="ff-key-hint" className="hint">
            {t('admin.fields.keyHint')}
          </div>
          {errors.key && <div className="field-error">{errors.key}</div>}
        </div>
        <label htmlFor="ff-type">{t('admin.fields.type')}</label>
        <select id="ff-type" value={type} onChange={(e) => setType(e.target.value as FieldType)}>
          {FIELD_TYPES.map((ft) => (
            <option key={ft} value={ft}>
              {t(`fieldTypes.${ft}`)}
            </option>
          ))}
        </select>
        {type === 'choice' && (
          <>
            <label htmlFor="ff-options">{t('admin.fields.options')}</label>
            <div>
              <textarea id="ff-options" rows={4} value={optionsText} aria-describedby="ff-options-hint" onChange={(e) => setOptionsText(e.target.value)} />
              <div id="ff-options-hint" className="hint">
                {t('admin.fields.optionsHint')}
              </div>
            </div>
          </>
        )}
        <label htmlFor="ff-role">{t('admin.fields.role')}</label>
        <select id="ff-role" value={role ?? ''} onChange={(e) => setRole(FIELD_ROLES.find((r) => r === e.target.value) ?? null)}>
          <option value="">{t('fieldRoles.none')}</option>
          {FIELD_ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`fieldRoles.${r}`)}
            </option>
          ))}
        </select>
        <label htmlFor="ff-sort">{t('admin.fields.sortOrder')}</label>
        <input id="ff-sort" type="number" min={0} max={100000} value={sortOrder} onChange={(e) => setSortOrder(e.target.value)} />
        <span />
        <div className="checkbox-row">
          <label>
            <input type="checkbox" checked={required} onChange={(e) => setRequired(e.target.checked)} /> {t('admin.fields.required')}
          </label>
          <label>
            <input type="checkbox" checked={showInList} onChange={(e) => setShowInList(e.target.checked)} /> {t('admin.fields.showInList')}
          </label>
        </div>
      </div>
      <SaveCancel disabled={action.busy} onCancel={onDone} />
    </form>
  );
}
