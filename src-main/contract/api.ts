// The one typed API the renderer sees, whichever transport carries it
// (Electron IPC through preload, or loopback HTTP in a browser).
import type { MethodInput, MethodResults } from './methods';
import type { MethodName } from './names';
import type { Result } from './result';
import type { EventMap, EventName } from './types';

export type CaseworkerApi = {
  [M in MethodName]: (input: MethodInput<M>) => Promise<Result<MethodResults[M]>>;
} & {
  /** Subscribe to an event pushed by main; returns an unsubscribe function. */
  on<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void;
};

/** IPC channel for a method; the only channels main listens on. */
export const ipcChannel = (method: MethodName): string => `cw:${method}`;
export const IPC_EVENT_CHANNEL = 'cw:event';
