import { useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError, AppInfo, CaseworkerMitidView, UserView } from '../../../src-main/contract';
import { useApi } from '../../api/api-context';
import { ErrorBanner } from '../../components/ErrorBanner';

interface Props {
  info: AppInfo;
  users: UserView[];
  /** The profile chosen so far: a first MitID login links to it. */
  currentUserId: number | null;
  onSelected: (user: UserView) => void;
  /** Offer linking a first MitID to a profile (not from the lock screen or the kiosk). */
  allowLink?: boolean;
}

/** Caseworker login with MitID: a linked MitID selects its profile; the first login links it. */
export function MitidSignIn({ info, users, currentUserId, onSelected, allowLink = true }: Props): ReactNode {
  const { t } = useTranslation();
  const api = useApi();
  const [linkTo, setLinkTo] = useState<number | null>(currentUserId);
  const [login, setLogin] = useState<CaseworkerMitidView | null>(null);
  const [error, setError] = useState<AppError | null>(null);

  useEffect(() => {
    if (login?.status !== 'pending') return;
    const timer = setInterval(() => {
      void api.getCaseworkerMitid({ loginId: login.loginId }).then((r) => {
        if (!r.ok) return setError(r.error);
        setLogin(r.value);
        if (r.value.status === 'signed_in' && r.value.user) onSelected(r.value.user);
      });
    }, 700);
    return () => clearInterval(timer);
  }, [api, login, onSelected]);

  const begin = async (): Promise<void> => {
    setError(null);
    const result = await api.beginCaseworkerMitid(allowLink && linkTo ? { userId: linkTo } : {});
    if (!result.ok) return setError(result.error);
    setLogin(result.value);
    if (info.transport === 'web') window.open(result.value.authorizationUrl, '_blank', 'noopener');
  };

  return (
    <div className="mitid-sign-in" data-testid="mitid-sign-in">
      <ErrorBanner error={error} />
      {allowLink && (
        <label>
          {t('mitid.caseworker.linkAs')}{' '}
          <select value={linkTo ?? ''} onChange={(e) => setLinkTo(e.target.value ? Number(e.target.value) : null)}>
            <option value="">–</option>
            {users.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </label>
      )}{' '}
      <button type="button" className="btn btn-primary" disabled={login?.status === 'pending'} onClick={() => void begin()}>
        {t('mitid.caseworker.login')}
      </button>
      {allowLink && <p className="muted">{t('mitid.caseworker.linkHint')}</p>}
      {login?.status === 'pending' && <p role="status">{t('mitid.caseworker.waiting')}</p>}
      {login?.status === 'not_linked' && <p role="alert">{t('mitid.caseworker.notLinked')}</p>}
      {login?.status === 'failed' && login.reason && <p role="alert">{t(`mitid.kiosk.failure.${login.reason}`)}</p>}
    </div>
  );
}
