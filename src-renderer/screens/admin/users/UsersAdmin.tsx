import { useState } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserView } from '../../../../src-main/contract';
import { useWorkspace } from '../../../app/workspace-context';
import { GroupsAdmin } from './GroupsAdmin';
import { UserForm } from './UserForm';

export function UsersAdmin(): ReactNode {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const [editing, setEditing] = useState<UserView | 'new' | null>(null);
  const groupNames = (u: UserView): string =>
    u.groupIds
      .map((id) => ws.groupById.get(id)?.name)
      .filter(Boolean)
      .join(', ');

  return (
    <div className="admin-section users-admin">
      <section>
        <div className="section-head">
          <h2>{t('admin.users.title')}</h2>
          <button type="button" className="btn" onClick={() => setEditing('new')}>
            {t('admin.users.new')}
          </button>
        </div>
        {editing && <UserForm key={editing === 'new' ? 'new' : editing.id} user={editing === 'new' ? null : editing} onDone={() => setEditing(null)} />}
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t('admin.users.name')}</th>
              <th scope="col">{t('admin.users.initials')}</th>
              <th scope="col">{t('admin.users.email')}</th>
              <th scope="col">{t('admin.users.isAdmin')}</th>
              <th scope="col">{t('admin.users.groups')}</th>
              <th scope="col" />
            </tr>
          </thead>
          <tbody>
            {ws.view.users.map((u) => (
              <tr key={u.id} data-testid="admin-user-row">
                <td>{u.name}</td>
                <td>{u.initials}</td>
                <td>{u.email}</td>
                <td>{u.isAdmin ? t('common.yes') : t('common.no')}</td>
                <td>{groupNames(u)}</td>
                <td className="row-actions">
                  <button type="button" className="btn btn-small" onClick={() => setEditing(u)}>
                    {t('common.edit')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <GroupsAdmin />
    </div>
  );
}
