import { useState } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserView } from '../../../../src-main/contract';
import { useApi } from '../../../api/api-context';
import { useWorkspace } from '../../../app/workspace-context';
import { ErrorBanner } from '../../../components/ErrorBanner';
import { useAdminAction } from '../use-admin-action';
import { SaveCancel } from '../../../components/SaveCancel';

export function UserForm({ user, onDone }: { user: UserView | null; onDone: () => void }): ReactNode {
  const { t } = useTranslation();
  const api = useApi();
  const ws = useWorkspace();
  const action = useAdminAction();
  const [name, setName] = useState(user?.name ?? '');
  const [initials, setInitials] = useState(user?.initials ?? '');
  const [email, setEmail] = useState(user?.email ?? '');
  const [isAdmin, setIsAdmin] = useState(user?.isAdmin ?? false);
  const [groupIds, setGroupIds] = useState<number[]>(user?.groupIds ?? []);

  const save = async (): Promise<void> => {
    const input = { name, initials, email, isAdmin, groupIds };
    const saved = await action.run(() => api.saveUser(user ? { ...input, id: user.id } : input));
    if (saved) onDone();
  };

  const toggleGroup = (id: number, on: boolean): void =>
    setGroupIds((ids) => (on ? [...new Set([...ids, id])] : ids.filter((g) => g !== id)));

  return (
    <form
      className="panel admin-form"
      aria-labelledby="user-form-title"
      data-testid="user-form"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h3 id="user-form-title">{user ? user.name : t('admin.users.new')}</h3>
      <ErrorBanner error={action.error} />
      <div className="form-grid">
        <label htmlFor="uf-name">{t('admin.users.name')}</label>
        <input id="uf-name" value={name} maxLength={200} onChange={(e) => setName(e.target.value)} />
        <label htmlFor="uf-initials">{t('admin.users.initials')}</label>
        <input id="uf-initials" className="input-narrow" value={initials} maxLength={8} onChange={(e) => setInitials(e.target.value)} />
        <label htmlFor="uf-email">{t('admin.users.email')}</label>
        <input id="uf-email" type="email" value={email} maxLength={200} onChange={(e) => setEmail(e.target.value)} />
        <span />
        <label>
          <input type="checkbox" checked={isAdmin} onChange={(e) => setIsAdmin(e.target.checked)} /> {t('admin.users.isAdmin')}
        </label>
        <span className="form-grid-label">{t('admin.users.groups')}</span>
        <fieldset className="checkbox-row">
          <legend className="visually-hidden">{t('admin.users.groups')}</legend>
          {ws.view.groups.map((g) => (
            <label key={g.id}>
              <input type="checkbox" checked={groupIds.includes(g.id)} onChange={(e) => toggleGroup(g.id, e.target.checked)} /> {g.name}
            </label>
          ))}
        </fieldset>
      </div>
      <SaveCancel disabled={action.busy} onCancel={onDone} />
    </form>
  );
}
