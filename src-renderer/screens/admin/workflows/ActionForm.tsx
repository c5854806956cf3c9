import { useState } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ActionTypeView, StatusActionDef, StatusDef } from '../../../../src-main/contract';
import { useApi } from '../../../api/api-context';
import { ErrorBanner } from '../../../components/ErrorBanner';
import { useActionTypeLabel } from '../../../components/use-action-type-label';
import { useAdminAction } from '../use-admin-action';
import { ActionParamsForm, KNOWN_PARAM_FORMS, defaultParams } from './ActionParamsForm';
import { SaveCancel } from '../../../components/SaveCancel';
import { DEFAULT_TIMING } from '../../../../src-main/contract/timed-actions-types';
import { TimingFields } from './TimingFields';

interface Props {
  status: StatusDef;
  action: StatusActionDef | null;
  types: ActionTypeView[];
  defaultOrder: number;
  onDone: () => void;
}

export function ActionForm({ status, action, types, defaultOrder, onDone }: Props): ReactNode {
  const { t } = useTranslation();
  const api = useApi();
  const admin = useAdminAction();
  const typeLabel = useActionTypeLabel();
  const [type, setType] = useState(action?.type ?? types[0]?.type ?? 'set_field');
  const [name, setName] = useState(action?.name ?? '');
  const [enabled, setEnabled] = useState(action?.enabled ?? true);
  const [timing, setTiming] = useState(action?.timing ?? DEFAULT_TIMING);
  const [sortOrder, setSortOrder] = useState(String(action?.sortOrder ?? defaultOrder));
  const [params, setParams] = useState<Record<string, unknown>>(action?.params ?? defaultParams(type));
  // Types without a form of their own (added by later features) are edited as raw JSON.
  const [json, setJson] = useState(JSON.stringify(action?.params ?? {}, null, 2));
  const [jsonInvalid, setJsonInvalid] = useState(false);
  const hasForm = KNOWN_PARAM_FORMS.includes(type);

  const save = async (): Promise<void> => {
    let finalParams = params;
    if (!hasForm) {
      try {
        const parsed: unknown = JSON.parse(json);
        if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
        finalParams = parsed as Record<string, unknown>;
        setJsonInvalid(false);
      } catch {
        setJsonInvalid(true);
        return;
      }
    }
    const input = { statusId: status.id, type, name, enabled, params: finalParams, sortOrder: Math.max(0, Math.trunc(Number(sortOrder) || 0)), timing };
    const saved = await admin.run(() => api.saveStatusAction(action ? { ...input, id: action.id } : input));
    if (saved) onDone();
  };

  const typeOptions = types.some((ty) => ty.type === type) ? types : [...types, { type, labelKey: '' }];

  return (
    <form
      className="panel admin-form nested"
      aria-label={t('admin.workflows.newAction')}
      data-testid="action-form"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <ErrorBanner error={admin.error} />
      <div className="form-grid">
        <label htmlFor="af-type">{t('admin.workflows.actionType')}</label>
        <select
          id="af-type"
          value={type}
          onChange={(e) => {
            setType(e.target.value);
            setParams(defaultParams(e.target.value));
          }}
        >
          {typeOptions.map((ty) => (
            <option key={ty.type} value={ty.type}>
              {typeLabel(ty.type)}
            </option>
          ))}
        </select>
        <label htmlFor="af-name">{t('admin.workflows.actionName')}</label>
        <input id="af-name" value={name} maxLength={200} onChange={(e) => setName(e.target.value)} />
        {hasForm ? (
          <ActionParamsForm type={type} params={params} onChange={setParams} workflowId={status.workflowId} />
        ) : (
          <>
            <label htmlFor="af-json">{t('admin.workflows.paramsJson')}</label>
            <div>
              <textarea id="af-json" className="mono" rows={6} value={json} onChange={(e) => setJson(e.target.value)} aria-invalid={jsonInvalid || undefined} />
              {jsonInvalid && <div className="field-error">{t('admin.workflows.paramsJsonInvalid')}</div>}
            </div>
          </>
        )}
        <TimingFields timing={timing} onChange={setTiming} />
        <label htmlFor="af-sort">{t('admin.workflows.order')}</label>
        <input id="af-sort" type="number" min={0} value={sortOrder} onChange={(e) => setSortOrder(e.target.value)} />
        <span />
        <label>
          <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} /> {t('admin.workflows.enabled')}
        </label>
      </div>
      <SaveCancel disabled={admin.busy || !name.trim()} onCancel={onDone} />
    </form>
  );
}
