import { createContext, useContext } from 'react';
import type { AppInfo, UserView } from '../../src-main/contract';

/** Facts fixed for the session: which app this is and who is acting. */
export interface AppSession {
  info: AppInfo;
  user: UserView;
}

export const AppSessionContext = createContext<AppSession | null>(null);

export function useAppSession(): AppSession {
  const session = useContext(AppSessionContext);
  if (!session) throw new Error('useAppSession outside AppSessionContext');
  return session;
}
