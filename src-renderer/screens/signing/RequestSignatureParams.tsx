import { useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/api-context';
import { useWorkspace } from '../../app/workspace-context';
import { CprFieldOptions } from '../../components/CprFieldOptions';

export const requestSignatureDefaults = (): Record<string, unknown> => ({
  templateId: null,
  cprFieldKey: null,
  secondCprFieldKey: null,
  title: '',
  message: '',
  signedStatusId: null,
  rejectedStatusId: null,
  expiredStatusId: null,
});

type StatusKey = 'signedStatusId' | 'rejectedStatusId' | 'expiredStatusId';

/** The form of the "Request MitID signature" status action's params (inside the admin's action form grid). */
export function RequestSignatureParams({
  params,
  onChange,
  workflowId,
}: {
  params: Record<string, unknown>;
  onChange: (p: Record<string, unknown>) => void;
  /** Signed, rejected and expired records move within this workflow only. */
  workflowId: number;
}): ReactNode {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const api = useApi();
  // The templates to choose from; the document is generated from one when the action runs.
  const [templates, setTemplates] = useState<{ id: number; name: string }[]>([]);
  useEffect(() => {
    void api.listDocumentTemplates({}).then((r) => r.ok && setTemplates(r.value));
  }, [api]);
  const set = (key: string, value: unknown) => onChange({ ...params, [key]: value });
  const str = (key: string) => (typeof params[key] === 'string' ? (params[key] as string) : '');
  const statusSelect = (key: StatusKey, label: string) => (
    <>
      <label htmlFor={`rs-${key}`}>{label}</label>
      <select
        id={`rs-${key}`}
        value={typeof params[key] === 'number' ? String(params[key]) : ''}
        onChange={(e) => set(key, e.target.value ? Number(e.target.value) : null)}
      >
        <option value="">{t('signing.params.noMove')}</option>
        {(ws.view.workflows.find((w) => w.id === workflowId)?.statuses ?? []).map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      </select>
    </>
  );
  return (
    <>
      <label htmlFor="rs-template">{t('signing.params.templateId')}</label>
      <select
        id="rs-template"
        value={typeof params.templateId === 'number' ? String(params.templateId) : ''}
        onChange={(e) => set('templateId', e.target.value ? Number(e.target.value) : null)}
      >
        <option value="">{t('signing.params.chooseTemplate')}</option>
        {templates.map((tpl) => (
          <option key={tpl.id} value={tpl.id}>
            {tpl.name}
          </option>
        ))}
      </select>
      <label htmlFor="rs-cpr">{t('signing.params.cprField')}</label>
      <select id="rs-cpr" value={str('cprFieldKey')} onChange={(e) => set('cprFieldKey', e.target.value || null)}>
        <option value="">{t('signing.params.cprFieldDefault')}</option>
        <CprFieldOptions />
      </select>
      <label htmlFor="rs-second-cpr">{t('signing.params.secondCprField')}</label>
      <select id="rs-second-cpr" value={str('secondCprFieldKey')} onChange={(e) => set('secondCprFieldKey', e.target.value || null)}>
        <option value="">{t('signing.params.secondCprFieldNone')}</option>
        <CprFieldOptions />
      </select>
      <label htmlFor="rs-title">{t('signing.params.title')}</label>
      <input id="rs-title" value={str('title')} maxLength={120} onChange={(e) => set('title', e.target.value)} />
      <label htmlFor="rs-message">{t('signing.params.message')}</label>
      <input id="rs-message" value={str('message')} maxLength={130} onChange={(e) => set('message', e.target.value)} />
      {statusSelect('signedStatusId', t('signing.params.signedStatus'))}
      {statusSelect('rejectedStatusId', t('signing.params.rejectedStatus'))}
      {statusSelect('expiredStatusId', t('signing.params.expiredStatus'))}
    </>
  );
}
