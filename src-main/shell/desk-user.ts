import type { AppHandle } from '../app/app-handle';

/**
 * Who the desktop's OS notifications are for: the caseworker last selected (or
 * found in the session) in the window. Wraps dispatch so ipc.ts stays as it is.
 */
export function trackDeskUser<A extends Pick<AppHandle, 'dispatch'>>(app: A, onChange: (userId: number | null) => void) {
  let userId: number | null = null;
  const dispatch: AppHandle['dispatch'] = async (method, input, session) => {
    const result = await app.dispatch(method, input, session);
    if ((method === 'selectUser' || method === 'getSession') && result.ok && session.userId !== userId) {
      userId = session.userId;
      onChange(userId);
    }
    return result;
  };
  return { app: { ...app, dispatch }, userId: () => userId };
}
