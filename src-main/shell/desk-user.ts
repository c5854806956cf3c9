import type { AppHandle } from '../app/app-handle';

/**
 * Who the desktop's OS notifications are for: the caseworker last selected (or
 * found in the session) in the window, and no one while the window is locked or
 * holds the questionnaire kiosk. Wraps dispatch so ipc.ts stays as it is.
 */
export function trackDeskUser<A extends Pick<AppHandle, 'dispatch'>>(app: A, onChange: (userId: number | null) => void) {
  let userId: number | null = null;
  const dispatch: AppHandle['dispatch'] = async (method, input, session) => {
    const result = await app.dispatch(method, input, session);
    // A locked screen or the citizen's kiosk shows no one's notifications on the desktop either.
    const acting = session.locked || session.kiosk ? null : session.userId;
    const signInCall = method === 'selectUser' || method === 'getSession' || method === 'signInWithOsAccount' || method === 'getCaseworkerMitid';
    if ((signInCall && result.ok) || acting === null) {
      if (acting !== userId) {
        userId = acting;
        onChange(userId);
      }
    }
    return result;
  };
  return { app: { ...app, dispatch }, userId: () => userId };
}
