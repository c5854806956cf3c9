import { useState } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError, UserView } from '../../../src-main/contract';
import { useApi } from '../../api/api-context';
import { ErrorBanner } from '../../components/ErrorBanner';

/** Sign-in with the operating-system account: main checks the account it runs under against the linked profiles. */
export function OsAccountSignIn({ account, onSignedIn }: { account: string; onSignedIn: (user: UserView) => void }): ReactNode {
  const { t } = useTranslation();
  const api = useApi();
  const [error, setError] = useState<AppError | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const signIn = async (): Promise<void> => {
    setError(null);
    setMessage(null);
    const result = await api.signInWithOsAccount({});
    if (!result.ok) {
      setError(result.error);
      // Main's own text names the account and what to do; it is worded for the caseworker.
      setMessage(result.error.message);
      return;
    }
    if (result.value.user) onSignedIn(result.value.user);
  };
  return (
    <div className="os-sign-in" data-testid="os-sign-in">
      <p className="muted">{t('access.os.intro')}</p>
      <ErrorBanner error={error} />
      {message && (
        <p role="alert" data-testid="os-sign-in-problem">
          {message}
        </p>
      )}
      <button type="button" className="btn btn-primary" onClick={() => void signIn()}>
        {t('access.os.button', { account })}
      </button>
    </div>
  );
}
