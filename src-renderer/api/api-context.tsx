import { createContext, useContext, useEffect, useRef } from 'react';
import type { CaseworkerApi, EventMap, EventName } from '../../src-main/contract';

export const ApiContext = createContext<CaseworkerApi | null>(null);

export function useApi(): CaseworkerApi {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi outside ApiContext');
  return api;
}

/**
 * Subscribes to a pushed event for the component's lifetime. The handler is read
 * through a ref so callers may pass a fresh closure each render without
 * resubscribing (which would drop events between unsubscribe and subscribe).
 */
export function useApiEvent<E extends EventName>(event: E, handler: (payload: EventMap[E]) => void): void {
  const api = useApi();
  const latest = useRef(handler);
  latest.current = handler;
  useEffect(() => api.on(event, (payload) => latest.current(payload)), [api, event]);
}
