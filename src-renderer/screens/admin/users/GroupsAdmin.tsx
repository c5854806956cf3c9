import { useState } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { GroupView } from '../../../../src-main/contract';
import { useApi } from '../../../api/api-context';
import { useWorkspace } from '../../../app/workspace-context';
import { ErrorBanner } from '../../../components/ErrorBanner';
import { useAdminAction } from '../use-admin-action';

export function GroupsAdmin(): ReactNode {
  const { t } = useTranslation();
  const ws = useWorkspace();
  return (
    <section aria-labelledby="groups-title">
      <h2 id="groups-title">{t('admin.users.groupsTitle')}</h2>
      <ul className="plain-list group-list">
        {ws.view.groups.map((g) => (
          <GroupRow key={`${g.id}-${g.name}`} group={g} />
        ))}
        <GroupRow key={`new-${ws.view.groups.length}`} group={null} />
      </ul>
    </section>
  );
}

function GroupRow({ group }: { group: GroupView | null }): ReactNode {
  const { t } = useTranslation();
  const api = useApi();
  const action = useAdminAction();
  const [name, setName] = useState(group?.name ?? '');
  const id = `group-${group?.id ?? 'new'}`;
  return (
    <li data-testid="admin-group-row">
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          void action.run(() => api.saveGroup(group ? { id: group.id, name } : { name }));
        }}
      >
        <label htmlFor={id} className="visually-hidden">
          {group ? t('admin.users.groupName') : t('admin.users.newGroup')}
        </label>
        <input id={id} value={name} maxLength={200} placeholder={group ? undefined : t('admin.users.newGroup')} onChange={(e) => setName(e.target.value)} />
        {group && <span className="muted">{t('admin.users.members', { count: group.memberIds.length })}</span>}
        <button type="submit" className="btn btn-small" disabled={action.busy || !name.trim()}>
          {group ? t('common.save') : t('common.add')}
        </button>
      </form>
      <ErrorBanner error={action.error} />
    </li>
  );
}
