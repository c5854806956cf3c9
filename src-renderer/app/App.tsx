import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError, AppInfo, Language, UserView } from '../../src-main/contract';
import { useApi } from '../api/api-context';
import { ErrorBanner } from '../components/ErrorBanner';
import { setLanguage } from '../i18n/i18n';
import { UserPicker } from '../screens/user-picker/UserPicker';
import { AppSessionContext } from './app-context';
import { Header } from './Header';
import { RouteView } from './RouteView';
import { WorkspaceProvider } from './workspace-context';

interface Boot {
  info: AppInfo;
  user: UserView | null;
}

/** Loads who and where we are, then shows either the user picker or the app. */
export function App(): ReactNode {
  const api = useApi();
  const { t } = useTranslation();
  const [boot, setBoot] = useState<Boot | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [picking, setPicking] = useState(false);

  const load = useCallback(async () => {
    setError(null);
    const [info, settings, session] = await Promise.all([api.getAppInfo({}), api.getSettings({}), api.getSession({})]);
    if (!info.ok) return setError(info.error);
    if (!session.ok) return setError(session.error);
    if (settings.ok) await setLanguage(settings.value.language);
    setBoot({ info: info.value, user: session.value.user });
  }, [api]);

  useEffect(() => {
    void load();
  }, [load]);

  const changeLanguage = useCallback(
    async (language: Language) => {
      // Switch at once for responsiveness; main keeps the setting for next start
      // and uses it for texts it generates (status action descriptions).
      await setLanguage(language);
      const result = await api.updateSettings({ language });
      if (!result.ok) setError(result.error);
    },
    [api],
  );

  const session = useMemo(() => (boot?.user ? { info: boot.info, user: boot.user } : null), [boot]);

  if (!boot) {
    return (
      <main className="centered-page">
        {error ? <ErrorBanner error={error} /> : <p className="muted">{t('app.loading')}</p>}
      </main>
    );
  }

  if (!session || picking) {
    return (
      <UserPicker
        info={boot.info}
        currentUserId={boot.user?.id ?? null}
        onLanguage={changeLanguage}
        onCancel={session ? () => setPicking(false) : undefined}
        onSelected={(user) => {
          setBoot({ ...boot, user });
          setPicking(false);
        }}
      />
    );
  }

  return (
    <AppSessionContext.Provider value={session}>
      <WorkspaceProvider
        // Remount per user so no screen keeps the previous caseworker's data.
        key={session.user.id}
        fallback={(wsError) => (
          <main className="centered-page">
            {wsError ? <ErrorBanner error={wsError} /> : <p className="muted">{t('app.loading')}</p>}
          </main>
        )}
      >
        <Header onSwitchUser={() => setPicking(true)} onLanguage={changeLanguage} />
        <ErrorBanner error={error} />
        <main id="main" className="app-main">
          <RouteView />
        </main>
      </WorkspaceProvider>
    </AppSessionContext.Provider>
  );
}
