import type { WebServer } from './fixtures';

/**
 * The browser transport's API as an administrator, the way the renderer calls it
 * (its own client id = its own session). For set-up only: the policy, links and
 * the idle time an administrator would set in Administration.
 */
export async function adminApi(server: WebServer) {
  const token = new URL(server.url).hash.replace('#token=', '');
  const clientId = `e2e-admin-${Math.random().toString(36).slice(2, 10)}`;
  const call = async <T>(method: string, input: unknown): Promise<T> => {
    const res = await fetch(new URL(`/api/${method}`, server.url), {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'X-Client-Id': clientId, 'Content-Type': 'application/json' },
      body: JSON.stringify(input),
    });
    const result = (await res.json()) as { ok: boolean; value?: T; error?: { message: string } };
    if (!result.ok) throw new Error(`${method}: ${result.error?.message}`);
    return result.value as T;
  };
  const users = await call<{ id: number; name: string }[]>('listUsers', {});
  const userId = (name: string): number => {
    const user = users.find((u) => u.name === name);
    if (!user) throw new Error(`no user ${name}`);
    return user.id;
  };
  await call('selectUser', { userId: userId('Mette Jensen') });
  return { call, userId };
}
