import { useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError, UserView } from '../../../src-main/contract';
import { useApi } from '../../api/api-context';
import { ErrorBanner } from '../../components/ErrorBanner';

/** The sandbox picker's profile list, for the lock screen and the kiosk's leave dialog. */
export function PickerList({ onSignedIn }: { onSignedIn: (user: UserView) => void }): ReactNode {
  const { t } = useTranslation();
  const api = useApi();
  const [users, setUsers] = useState<UserView[] | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  useEffect(() => {
    void api.listUsers({}).then((r) => (r.ok ? setUsers(r.value) : setError(r.error)));
  }, [api]);
  const select = async (user: UserView): Promise<void> => {
    const result = await api.selectUser({ userId: user.id });
    if (!result.ok) return setError(result.error);
    if (result.value.user) onSignedIn(result.value.user);
  };
  return (
    <div>
      <p className="sandbox-notice" data-testid="picker-sandbox-notice">
        {t('access.pickerNotice')}
      </p>
      <ErrorBanner error={error} />
      <ul className="user-list">
        {users?.map((user) => (
          <li key={user.id}>
            <button type="button" className="user-choice" onClick={() => void select(user)}>
              <span className="initials" aria-hidden="true">
                {user.initials}
              </span>
              <span className="user-choice-name">{user.name}</span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
