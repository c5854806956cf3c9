import { useCallback, useEffect, useId, useState } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccessSettingsView, AppError, Permission, Result, SignInMethod } from '../../../../src-main/contract';
import { PERMISSIONS, SIGN_IN_METHODS } from '../../../../src-main/contract/access-names';
import { useApi } from '../../../api/api-context';
import { useWorkspace } from '../../../app/workspace-context';
import { ErrorBanner } from '../../../components/ErrorBanner';

/**
 * The administrator's sign-in policy, idle lock, OS-account links and granted
 * permissions. Main checks every rule again (see src-main/access); the refusal
 * texts it returns are worded for the administrator and shown as they come.
 */
export function AccessAdmin(): ReactNode {
  const { t } = useTranslation();
  const api = useApi();
  const ws = useWorkspace();
  const [view, setView] = useState<AccessSettingsView | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [method, setMethod] = useState<SignInMethod>('picker');
  const [minutes, setMinutes] = useState('15');
  const [saved, setSaved] = useState(false);
  const [account, setAccount] = useState('');
  const [linkUser, setLinkUser] = useState('');
  const ids = useId();

  const apply = useCallback((r: Result<AccessSettingsView>): boolean => {
    if (!r.ok) {
      setError(r.error);
      return false;
    }
    setError(null);
    setView(r.value);
    return true;
  }, []);

  useEffect(() => {
    void api.getAccessSettings({}).then((r) => {
      if (!apply(r) || !r.ok) return;
      setMethod(r.value.policy.method);
      setMinutes(String(Math.round((r.value.policy.idleLockSeconds / 60) * 100) / 100));
      setAccount(r.value.currentOsAccount);
    });
  }, [api, apply]);

  if (!view) return <ErrorBanner error={error} />;
  const userName = (id: number): string => ws.view.users.find((u) => u.id === id)?.name ?? `#${id}`;
  const permissionsOf = (id: number): Permission[] => view.permissions.find((p) => p.userId === id)?.permissions ?? [];

  const savePolicy = async (): Promise<void> => {
    setSaved(false);
    const seconds = Math.round(Number(minutes.replace(',', '.')) * 60);
    if (apply(await api.saveSignInPolicy({ method, idleLockSeconds: seconds }))) setSaved(true);
  };

  return (
    <section className="admin-section access-admin" data-testid="access-admin" aria-labelledby="access-admin-title">
      <h2 id="access-admin-title">{t('access.admin.title')}</h2>
      <ErrorBanner error={error} />
      {error && (
        <p role="alert" data-testid="access-admin-problem">
          {error.message}
        </p>
      )}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void savePolicy();
        }}
      >
        <fieldset>
          <legend>{t('access.admin.policy')}</legend>
          {SIGN_IN_METHODS.map((m) => (
            <label key={m} className="radio-line">
              <input type="radio" name="sign-in-method" value={m} checked={method === m} disabled={m === 'picker' && !view.sandbox} onChange={() => setMethod(m)} />{' '}
              {t(`access.admin.methods.${m}`)}
            </label>
          ))}
        </fieldset>
        <label>
          {t('access.admin.idleMinutes')} <input inputMode="decimal" value={minutes} onChange={(e) => setMinutes(e.target.value)} />
        </label>{' '}
        <button type="submit" className="btn btn-primary">
          {t('access.admin.save')}
        </button>
        {saved && <span role="status"> {t('access.admin.saved')}</span>}
      </form>

      <h3>{t('access.admin.osAccounts')}</h3>
      <p className="muted">{t('access.admin.currentAccount', { account: view.currentOsAccount })}</p>
      {view.osAccounts.length === 0 && <p>{t('access.admin.noAccounts')}</p>}
      <table className="data-table">
        <tbody>
          {view.osAccounts.map((a) => (
            <tr key={a.username} data-testid="os-account-row">
              <td>{a.username}</td>
              <td>{userName(a.userId)}</td>
              <td>
                <button type="button" className="btn btn-small" onClick={() => void api.linkOsAccount({ username: a.username, userId: null }).then(apply)}>
                  {t('access.admin.unlink')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (linkUser) void api.linkOsAccount({ username: account.trim(), userId: Number(linkUser) }).then(apply);
        }}
      >
        <label htmlFor={`${ids}-account`}>{t('access.admin.account')}</label>{' '}
        <input id={`${ids}-account`} value={account} autoComplete="off" onChange={(e) => setAccount(e.target.value)} />{' '}
        <label htmlFor={`${ids}-profile`}>{t('access.admin.profile')}</label>{' '}
        <select id={`${ids}-profile`} value={linkUser} onChange={(e) => setLinkUser(e.target.value)}>
            <option value="">–</option>
            {ws.view.users.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
        </select>{' '}
        <button type="submit" className="btn">
          {t('access.admin.link')}
        </button>
      </form>

      <h3>{t('access.admin.permissions')}</h3>
      <p className="muted">{t('access.admin.adminHasAll')}</p>
      <table className="data-table">
        <tbody>
          {ws.view.users
            .filter((u) => !u.isAdmin)
            .map((u) => (
              <tr key={u.id} data-testid="permission-row">
                <td>{u.name}</td>
                {PERMISSIONS.map((p) => (
                  <td key={p}>
                    <label>
                      <input
                        type="checkbox"
                        checked={permissionsOf(u.id).includes(p)}
                        onChange={(e) => {
                          const next = e.target.checked ? [...permissionsOf(u.id), p] : permissionsOf(u.id).filter((x) => x !== p);
                          void api.saveUserPermissions({ userId: u.id, permissions: next }).then(apply);
                        }}
                      />{' '}
                      {t(`access.admin.permissionNames.${p}`)}
                    </label>
                  </td>
                ))}
              </tr>
            ))}
        </tbody>
      </table>
    </section>
  );
}
