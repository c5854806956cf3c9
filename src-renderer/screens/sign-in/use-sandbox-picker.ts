import { useEffect, useState } from 'react';
import type { AppError, UserView } from '../../../src-main/contract';
import { useApi } from '../../api/api-context';

/**
 * The sandbox picker's data and its one action, for the start screen, the lock
 * screen and the kiosk's leave dialog alike: the profiles to pick from, and
 * `select`, which signs in as one (main audits it and applies the policy).
 */
export function useSandboxPicker(onSignedIn: (user: UserView) => void): {
  users: UserView[] | null;
  error: AppError | null;
  select: (user: UserView) => Promise<void>;
} {
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
  return { users, error, select };
}
