import type { AppError, CaseworkerApi, EventMap, EventName, MethodName, Result } from '../../src-main/contract';
// Values from the zod-free contract files only, so zod stays out of the renderer bundle.
import { METHOD_NAMES } from '../../src-main/contract/names';
import { EVENT_NAMES } from '../../src-main/contract/types';

export interface HttpApiOptions {
  token: string;
  clientId: string;
  /** Called when the server rejects the token (a new run of `npm run web` made a new one). */
  onUnauthorized: () => void;
}

type Listener = (payload: unknown) => void;

const transportError = (message: string): Result<never> => ({
  ok: false,
  error: { code: 'internal', message } satisfies AppError,
});

/**
 * CaseworkerApi over the loopback HTTP transport. Built from METHOD_NAMES so a new
 * contract method needs no renderer change here; the server validates every input.
 */
export function createHttpApi(options: HttpApiOptions): CaseworkerApi {
  const headers = {
    Authorization: `Bearer ${options.token}`,
    'X-Client-Id': options.clientId,
    'Content-Type': 'application/json',
  };

  const call = async (method: MethodName, input: unknown): Promise<Result<unknown>> => {
    let response: Response;
    try {
      response = await fetch(`/api/${method}`, { method: 'POST', headers, body: JSON.stringify(input ?? {}) });
    } catch {
      return transportError('network');
    }
    if (response.status === 401) {
      options.onUnauthorized();
      return { ok: false, error: { code: 'not_allowed', message: 'unauthorized' } };
    }
    try {
      return (await response.json()) as Result<unknown>;
    } catch {
      return transportError(`HTTP ${response.status}`);
    }
  };

  const methods = Object.fromEntries(METHOD_NAMES.map((name) => [name, (input: unknown) => call(name, input)]));

  // One EventSource per tab, opened on the first subscription. EventSource
  // reconnects by itself when the server restarts or the network blips.
  const listeners = new Map<EventName, Set<Listener>>();
  let source: EventSource | null = null;
  const ensureSource = (): void => {
    if (source) return;
    const query = new URLSearchParams({ token: options.token, client: options.clientId });
    source = new EventSource(`/api/events?${query.toString()}`);
    for (const name of EVENT_NAMES) {
      source.addEventListener(name, (message) => {
        let payload: unknown;
        try {
          payload = JSON.parse((message as MessageEvent<string>).data);
        } catch {
          return;
        }
        for (const listener of listeners.get(name) ?? []) listener(payload);
      });
    }
  };

  const on = <E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): (() => void) => {
    ensureSource();
    const set = listeners.get(event) ?? new Set<Listener>();
    listeners.set(event, set);
    const wrapped = listener as Listener;
    set.add(wrapped);
    return () => set.delete(wrapped);
  };

  return { ...methods, on } as CaseworkerApi;
}
