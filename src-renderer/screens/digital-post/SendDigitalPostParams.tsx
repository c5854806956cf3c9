import { useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/api-context';
import { CprFieldOptions } from '../../components/CprFieldOptions';

interface Props {
  params: Record<string, unknown>;
  onChange: (params: Record<string, unknown>) => void;
}

export const defaultSendDigitalPostParams = () => ({ recipient: { mode: 'field', fieldKey: '' }, subject: '', notification: '', body: '', attachTemplateIds: [] });

/** Parameters of "Send Digital Post": recipient (a CPR field of the record, or a fixed CPR), subject/notification/body templates with {{field}}. */
export function SendDigitalPostParams({ params, onChange }: Props): ReactNode {
  const { t } = useTranslation();
  const recipient = (params.recipient ?? { mode: 'field', fieldKey: '' }) as { mode: 'field'; fieldKey: string } | { mode: 'raw'; cpr: string };
  const str = (k: string) => (typeof params[k] === 'string' ? (params[k] as string) : '');
  const attached = Array.isArray(params.attachTemplateIds) ? (params.attachTemplateIds as number[]) : [];
  const set = (patch: Record<string, unknown>) =>
    onChange({ recipient, subject: str('subject'), notification: str('notification'), body: str('body'), attachTemplateIds: attached, ...patch });
  const api = useApi();
  // Documents made from these templates with the record's data go along as attachments.
  const [templates, setTemplates] = useState<{ id: number; name: string }[]>([]);
  useEffect(() => {
    void api.listDocumentTemplates({}).then((r) => r.ok && setTemplates(r.value));
  }, [api]);
  return (
    <>
      <label htmlFor="ap-dp-mode">{t('digitalPost.action.recipient')}</label>
      <select
        id="ap-dp-mode"
        value={recipient.mode}
        onChange={(e) => set({ recipient: e.target.value === 'raw' ? { mode: 'raw', cpr: '' } : { mode: 'field', fieldKey: '' } })}
      >
        <option value="field">{t('digitalPost.action.dynamic')}</option>
        <option value="raw">{t('digitalPost.action.raw')}</option>
      </select>
      {recipient.mode === 'field' ? (
        <>
          <label htmlFor="ap-dp-field">{t('digitalPost.action.cprField')}</label>
          <select id="ap-dp-field" value={recipient.fieldKey} onChange={(e) => set({ recipient: { mode: 'field', fieldKey: e.target.value } })}>
            <option value="">{t('common.choose')}</option>
            <CprFieldOptions />
          </select>
        </>
      ) : (
        <>
          <label htmlFor="ap-dp-cpr">{t('digitalPost.action.cpr')}</label>
          <input id="ap-dp-cpr" value={recipient.cpr} maxLength={11} onChange={(e) => set({ recipient: { mode: 'raw', cpr: e.target.value } })} />
        </>
      )}
      <label htmlFor="ap-dp-subject">{t('digitalPost.compose.subject')}</label>
      <input id="ap-dp-subject" value={str('subject')} maxLength={250} onChange={(e) => set({ subject: e.target.value })} />
      <label htmlFor="ap-dp-notification">{t('digitalPost.compose.notification')}</label>
      <input id="ap-dp-notification" value={str('notification')} maxLength={150} onChange={(e) => set({ notification: e.target.value })} />
      <label htmlFor="ap-dp-body">{t('digitalPost.compose.body')}</label>
      <div>
        <textarea id="ap-dp-body" rows={6} value={str('body')} onChange={(e) => set({ body: e.target.value })} />
        <div className="hint">
          {t('digitalPost.action.placeholders')} <code>{'{{navn}}'}</code>
        </div>
      </div>
      {templates.length > 0 && (
        <>
          <span>{t('digitalPost.action.attachTemplates')}</span>
          <div role="group" aria-label={t('digitalPost.action.attachTemplates')}>
            {templates.map((tpl) => (
              <label key={tpl.id} className="checkbox">
                <input
                  type="checkbox"
                  checked={attached.includes(tpl.id)}
                  onChange={(e) => set({ attachTemplateIds: e.target.checked ? [...attached, tpl.id] : attached.filter((x) => x !== tpl.id) })}
                />{' '}
                {tpl.name}
              </label>
            ))}
          </div>
        </>
      )}
    </>
  );
}
