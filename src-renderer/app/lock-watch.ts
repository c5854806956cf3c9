import type { CaseworkerApi } from '../../src-main/contract';

/**
 * The API as every screen sees it, with one addition: any answer `session_locked`
 * (main locked the session, e.g. idle in another way than this page noticed)
 * tells the app at once, so it hides the record data behind the lock screen.
 */
export function watchLocked(api: CaseworkerApi, onLocked: () => void): CaseworkerApi {
  return new Proxy(api, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (prop === 'on' || typeof value !== 'function') return value;
      return async (input: unknown) => {
        const result = (await (value as (i: unknown) => Promise<{ ok: boolean; error?: { code: string } }>).call(target, input)) as {
          ok: boolean;
          error?: { code: string };
        };
        if (!result.ok && result.error?.code === 'session_locked') onLocked();
        return result;
      };
    },
  });
}
