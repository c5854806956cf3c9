import { apiFor, type WebServer } from './fixtures';

/**
 * The browser transport's API as an administrator, the way the renderer calls it
 * (its own client id = its own session). For set-up only: the policy, links and
 * the idle time an administrator would set in Administration.
 */
export async function adminApi(server: WebServer) {
  const call = apiFor(server);
  const users = await call<{ id: number; name: string }[]>('listUsers', {});
  const userId = (name: string): number => {
    const user = users.find((u) => u.name === name);
    if (!user) throw new Error(`no user ${name}`);
    return user.id;
  };
  await call('selectUser', { userId: userId('Mette Jensen') });
  return { call, userId };
}
