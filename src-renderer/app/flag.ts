import { useSyncExternalStore } from 'react';

/** A one-way switch that non-React code (the HTTP client) can flip and React can watch. */
export interface Flag {
  set(): void;
  get(): boolean;
  subscribe(listener: () => void): () => void;
}

export function createFlag(): Flag {
  let value = false;
  const listeners = new Set<() => void>();
  return {
    set() {
      if (value) return;
      value = true;
      for (const l of listeners) l();
    },
    get: () => value,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export const useFlag = (flag: Flag): boolean => useSyncExternalStore(flag.subscribe, flag.get);
