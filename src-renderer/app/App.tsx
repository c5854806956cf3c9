import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError, AppInfo, Language, SessionAccessView, UserView } from '../../src-main/contract';
import { ApiContext, useApi } from '../api/api-context';
import { ErrorBanner } from '../components/ErrorBanner';
import { setLanguage } from '../i18n/i18n';
import { KioskScreen } from '../screens/kiosk/KioskScreen';
import { SignInScreen } from '../screens/sign-in/SignInScreen';
import { AppSessionContext } from './app-context';
import { Header } from './Header';
import { watchLocked } from './lock-watch';
import { navigate, routeHref, useRoute } from './route';
import { RouteView } from './RouteView';
import { useIdleLock } from './use-idle-lock';
import { WorkspaceProvider } from './workspace-context';

interface Boot {
  info: AppInfo;
  user: UserView | null;
  access: SessionAccessView;
}

/**
 * Loads who and where we are, then shows the sign-in (per the workspace policy),
 * the lock screen, the sealed questionnaire kiosk, or the app.
 */
export function App(): ReactNode {
  const rawApi = useApi();
  const { t } = useTranslation();
  const [boot, setBoot] = useState<Boot | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [picking, setPicking] = useState(false);
  // Bumped on every sign-in, so every screen remounts and reloads after a lock.
  const [signIns, setSignIns] = useState(0);
  /** The questionnaire the kiosk holds this page for (from main at start, or once the kiosk has begun). */
  const [sealedKiosk, setSealedKiosk] = useState<SessionAccessView['kiosk']>(null);
  const route = useRoute();

  const onLocked = useCallback(() => {
    setBoot((b) => (b && b.user ? { ...b, user: null, access: { ...b.access, locked: true } } : b));
  }, []);
  const api = useMemo(() => watchLocked(rawApi, onLocked), [rawApi, onLocked]);

  const load = useCallback(async () => {
    setError(null);
    const [info, settings, session] = await Promise.all([api.getAppInfo({}), api.getSettings({}), api.getSession({})]);
    if (!info.ok) return setError(info.error);
    if (!session.ok) return setError(session.error);
    if (settings.ok) await setLanguage(settings.value.language);
    setBoot({ info: info.value, user: session.value.user, access: session.value.access });
    setSealedKiosk(session.value.access.kiosk);
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

  /** After any sign-in (start screen, lock screen, leaving the kiosk): main's view of the session is the truth. */
  const signedIn = useCallback(async () => {
    const result = await api.getSession({});
    if (!result.ok) return setError(result.error);
    const leftKiosk = sealedKiosk !== null || route.name === 'kiosk';
    setBoot((b) => (b ? { ...b, user: result.value.user, access: result.value.access } : b));
    setSealedKiosk(result.value.access.kiosk);
    setPicking(false);
    setSignIns((n) => n + 1);
    if (leftKiosk && !result.value.access.kiosk) navigate({ name: 'questionnaires' });
  }, [api, sealedKiosk, route.name]);

  const session = useMemo(() => (boot?.user ? { info: boot.info, user: boot.user } : null), [boot]);
  // The kiosk holds the page from the moment its route is shown until a caseworker signs in,
  // whatever the address bar says afterwards (main holds the session the same way).
  const kiosk = sealedKiosk ?? (route.name === 'kiosk' ? { questionnaireId: route.questionnaireId, recordId: route.recordId } : null);
  const sealed = Boolean(session && kiosk);

  useIdleLock(api, boot?.access.policy.idleLockSeconds ?? 900, Boolean(session) && !sealed, onLocked);

  useEffect(() => {
    if (!sealedKiosk || route.name === 'kiosk') return;
    // Back button or a typed address: put the kiosk's address back, without a new history entry.
    window.location.replace(routeHref({ name: 'kiosk', ...sealedKiosk }));
  }, [sealedKiosk, route.name]);

  let content: ReactNode;
  if (!boot) {
    content = <main className="centered-page">{error ? <ErrorBanner error={error} /> : <p className="muted">{t('app.loading')}</p>}</main>;
  } else if (!session || picking) {
    content = (
      <SignInScreen
        info={boot.info}
        access={boot.access}
        currentUserId={boot.user?.id ?? null}
        onLanguage={changeLanguage}
        onCancel={session ? () => setPicking(false) : undefined}
        onSignedIn={() => void signedIn()}
      />
    );
  } else if (sealed && kiosk) {
    // Nothing of the app is rendered behind the kiosk: no header, no menu, no record data.
    content = (
      <AppSessionContext.Provider value={session}>
        <KioskScreen
          questionnaireId={kiosk.questionnaireId}
          recordId={kiosk.recordId}
          access={boot.access}
          onStarted={() => setSealedKiosk(kiosk)}
          onLeft={() => void signedIn()}
        />
      </AppSessionContext.Provider>
    );
  } else {
    content = (
      <AppSessionContext.Provider value={session}>
        <WorkspaceProvider
          // Remount per user and per sign-in so no screen keeps data from before a lock.
          key={`${session.user.id}:${signIns}`}
          fallback={(wsError) => (
            <main className="centered-page">{wsError ? <ErrorBanner error={wsError} /> : <p className="muted">{t('app.loading')}</p>}</main>
          )}
        >
          <Header onSwitchUser={() => setPicking(true)} onLanguage={changeLanguage} onLock={() => void api.lockSession({}).finally(onLocked)} />
          <ErrorBanner error={error} />
          <main id="main" className="app-main">
            <RouteView />
          </main>
        </WorkspaceProvider>
      </AppSessionContext.Provider>
    );
  }
  return <ApiContext.Provider value={api}>{content}</ApiContext.Provider>;
}
