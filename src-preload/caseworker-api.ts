import type { IpcRenderer, IpcRendererEvent } from 'electron';
// Value imports only from the zod-free contract files: zod must stay out of the
// sandboxed preload bundle (it has no business there and only adds attack surface).
import { IPC_EVENT_CHANNEL, ipcChannel, type CaseworkerApi } from '../src-main/contract/api';
import { METHOD_NAMES, type MethodName } from '../src-main/contract/names';
import { EVENT_NAMES, type EventName } from '../src-main/contract/types';

type Methods = Omit<CaseworkerApi, 'on'>;
type Listener = (payload: unknown) => void;

const isEventName = (value: unknown): value is EventName => (EVENT_NAMES as readonly unknown[]).includes(value);

/**
 * The one object the page gets: a function per contract method and `on` for
 * pushed events. Deliberately no generic invoke(channel), so a compromised page
 * can reach only the contract methods, which main validates anyway.
 */
export function createCaseworkerApi(ipc: Pick<IpcRenderer, 'invoke' | 'on'>): CaseworkerApi {
  // Built from the name list so a new contract method needs no change here. The
  // cast is where the list meets the typed API; main checks every input's shape.
  const methods = Object.fromEntries(
    METHOD_NAMES.map((name: MethodName) => [name, (input: unknown) => ipc.invoke(ipcChannel(name), input)]),
  ) as Methods;

  // One IPC listener for all subscriptions, registered on first use, so many
  // components subscribing do not pile listeners onto ipcRenderer.
  const listeners = new Map<EventName, Set<Listener>>();
  let listening = false;
  const onMessage = (_event: IpcRendererEvent, message: unknown): void => {
    // The IpcRendererEvent stays here: it carries the sender, which the page must not see.
    if (message === null || typeof message !== 'object') return;
    const { event, payload } = message as { event?: unknown; payload?: unknown };
    if (!isEventName(event)) return;
    for (const listener of listeners.get(event) ?? []) {
      try {
        listener(payload);
      } catch (error) {
        console.error(`listener for ${event} failed:`, (error as Error).message);
      }
    }
  };

  const api = {
    ...methods,
    on(event, listener) {
      if (!isEventName(event)) throw new TypeError(`Unknown event: ${String(event)}`);
      if (typeof listener !== 'function') throw new TypeError('The listener must be a function.');
      if (!listening) {
        ipc.on(IPC_EVENT_CHANNEL, onMessage);
        listening = true;
      }
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      // A wrapper per subscription, so subscribing the same function twice needs two unsubscribes.
      const entry: Listener = (payload) => listener(payload as never);
      set.add(entry);
      return () => {
        set.delete(entry);
      };
    },
  } satisfies CaseworkerApi;
  return api;
}
