import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserView } from '../../../src-main/contract';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useSandboxPicker } from './use-sandbox-picker';

/** The sandbox picker's profile list, for the lock screen and the kiosk's leave dialog. */
export function PickerList({ onSignedIn }: { onSignedIn: (user: UserView) => void }): ReactNode {
  const { t } = useTranslation();
  const { users, error, select } = useSandboxPicker(onSignedIn);
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
