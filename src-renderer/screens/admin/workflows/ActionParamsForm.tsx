import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useWorkspace } from '../../../app/workspace-context';
import { FieldInput } from '../../../components/fields/FieldInput';
import { RequestSignatureParams, requestSignatureDefaults } from '../../signing/RequestSignatureParams';
import { SendDigitalPostParams, defaultSendDigitalPostParams } from '../../digital-post/SendDigitalPostParams';
import { NotifyParamsForm } from './NotifyParamsForm';

/** Action types this build has a proper form for; others get a JSON textarea. */
export const KNOWN_PARAM_FORMS: readonly string[] = ['set_field', 'assign_responsible', 'request_signature', 'notify', 'send_digital_post'];

export function defaultParams(type: string): Record<string, unknown> {
  if (type === 'set_field') return { fieldKey: '', value: null };
  if (type === 'assign_responsible') return { fieldKey: '', targetId: 0 };
  if (type === 'request_signature') return requestSignatureDefaults();
  if (type === 'notify') return { userIds: [], groupIds: [], fieldKeys: [], message: '' };
  if (type === 'send_digital_post') return defaultSendDigitalPostParams();
  return {};
}

interface Props {
  type: string;
  params: Record<string, unknown>;
  onChange: (params: Record<string, unknown>) => void;
  /** The workflow of the status the action belongs to: the only one it may move records within. */
  workflowId: number;
}

export function ActionParamsForm({ type, params, onChange, workflowId }: Props): ReactNode {
  if (type === 'set_field') return <SetFieldParams params={params} onChange={onChange} />;
  if (type === 'assign_responsible') return <AssignParams params={params} onChange={onChange} />;
  if (type === 'request_signature') return <RequestSignatureParams params={params} onChange={onChange} workflowId={workflowId} />;
  if (type === 'notify') return <NotifyParamsForm params={params} onChange={onChange} />;
  if (type === 'send_digital_post') return <SendDigitalPostParams params={params} onChange={onChange} />;
  return null;
}

function SetFieldParams({ params, onChange }: Omit<Props, 'type' | 'workflowId'>): ReactNode {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const fieldKey = typeof params.fieldKey === 'string' ? params.fieldKey : '';
  const value = typeof params.value === 'string' ? params.value : null;
  const field = ws.fieldByKey.get(fieldKey);
  return (
    <>
      <label htmlFor="ap-field">{t('admin.workflows.field')}</label>
      <select id="ap-field" value={fieldKey} onChange={(e) => onChange({ fieldKey: e.target.value, value: null })}>
        <option value="">{t('common.choose')}</option>
        {/* Main refuses a fixed CPR value, so CPR fields are not offered. */}
        {ws.fields
          .filter((f) => f.type !== 'cpr')
          .map((f) => (
            <option key={f.id} value={f.key}>
              {f.label}
            </option>
          ))}
      </select>
      {field && (
        <>
          <label htmlFor="ap-value">{t('admin.workflows.value')}</label>
          <div>
            {/* The value is typed like the field itself, so the admin cannot pick an impossible one by accident. */}
            <FieldInput
              field={{ ...field, required: false }}
              id="ap-value"
              value={value}
              onChange={(v) => onChange({ fieldKey, value: v })}
              invalid={false}
              describedBy={undefined}
            />
            <div className="hint">{value === null ? t('admin.workflows.clearValue') : ''}</div>
          </div>
        </>
      )}
    </>
  );
}

function AssignParams({ params, onChange }: Omit<Props, 'type' | 'workflowId'>): ReactNode {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const fieldKey = typeof params.fieldKey === 'string' ? params.fieldKey : '';
  const targetId = typeof params.targetId === 'number' ? params.targetId : 0;
  const field = ws.fieldByKey.get(fieldKey);
  const targets =
    field?.type === 'group'
      ? ws.view.groups.map((g) => ({ id: g.id, name: g.name }))
      : field?.type === 'user'
        ? ws.view.users.map((u) => ({ id: u.id, name: u.name }))
        : [];
  return (
    <>
      <label htmlFor="ap-field">{t('admin.workflows.field')}</label>
      <select id="ap-field" value={fieldKey} onChange={(e) => onChange({ fieldKey: e.target.value, targetId: 0 })}>
        <option value="">{t('common.choose')}</option>
        {ws.fields
          .filter((f) => f.type === 'user' || f.type === 'group')
          .map((f) => (
            <option key={f.id} value={f.key}>
              {f.label} ({t(`fieldTypes.${f.type}`)})
            </option>
          ))}
      </select>
      <label htmlFor="ap-target">{t('admin.workflows.target')}</label>
      <select
        id="ap-target"
        value={targetId || ''}
        disabled={!field}
        onChange={(e) => onChange({ fieldKey, targetId: Number(e.target.value) || 0 })}
      >
        <option value="">{t('common.choose')}</option>
        {targets.map((x) => (
          <option key={x.id} value={x.id}>
            {x.name}
          </option>
        ))}
      </select>
    </>
  );
}
