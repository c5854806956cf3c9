import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useWorkspace } from '../../../app/workspace-context';

interface Props {
  params: Record<string, unknown>;
  onChange: (params: Record<string, unknown>) => void;
}

const ids = (v: unknown): number[] => (Array.isArray(v) ? v.filter((x): x is number => typeof x === 'number') : []);
const keys = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const toggle = <T,>(list: T[], item: T, on: boolean): T[] => (on ? [...list.filter((x) => x !== item), item] : list.filter((x) => x !== item));

/** The "Send notifikation" status action: recipients (users, groups, a user/group field) and the message. */
export function NotifyParamsForm({ params, onChange }: Props): ReactNode {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const userIds = ids(params.userIds);
  const groupIds = ids(params.groupIds);
  const fieldKeys = keys(params.fieldKeys);
  const message = typeof params.message === 'string' ? params.message : '';
  const set = (patch: Record<string, unknown>): void => onChange({ userIds, groupIds, fieldKeys, message, ...patch });

  return (
    <>
      <span>{t('notifications.notifyAction.users')}</span>
      <fieldset className="checkbox-list" aria-label={t('notifications.notifyAction.users')}>
        {ws.view.users.map((u) => (
          <label key={u.id}>
            <input type="checkbox" checked={userIds.includes(u.id)} onChange={(e) => set({ userIds: toggle(userIds, u.id, e.target.checked) })} /> {u.name}
          </label>
        ))}
      </fieldset>
      <span>{t('notifications.notifyAction.groups')}</span>
      <fieldset className="checkbox-list" aria-label={t('notifications.notifyAction.groups')}>
        {ws.view.groups.map((g) => (
          <label key={g.id}>
            <input type="checkbox" checked={groupIds.includes(g.id)} onChange={(e) => set({ groupIds: toggle(groupIds, g.id, e.target.checked) })} /> {g.name}
          </label>
        ))}
      </fieldset>
      <span>{t('notifications.notifyAction.fields')}</span>
      <fieldset className="checkbox-list" aria-label={t('notifications.notifyAction.fields')}>
        {ws.fields
          .filter((f) => f.type === 'user' || f.type === 'group')
          .map((f) => (
            <label key={f.id}>
              <input type="checkbox" checked={fieldKeys.includes(f.key)} onChange={(e) => set({ fieldKeys: toggle(fieldKeys, f.key, e.target.checked) })} />{' '}
              {f.label}
            </label>
          ))}
      </fieldset>
      <label htmlFor="ap-message">{t('notifications.notifyAction.message')}</label>
      <div>
        <textarea id="ap-message" rows={3} maxLength={2000} value={message} onChange={(e) => set({ message: e.target.value })} />
        <div className="hint">{t('notifications.notifyAction.messageHint', { placeholder: '{{feltnøgle}}', example: '{{navn}}', interpolation: { escapeValue: false } })}</div>
      </div>
    </>
  );
}
