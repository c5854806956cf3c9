import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { fail, IPC_EVENT_CHANNEL, ipcChannel, METHOD_NAMES, type MethodName, type Result } from '../contract';
import type { AppHandle } from '../app/app-handle';
import { newSession, type Session } from '../app/session';
import type { AppLocation } from './app-location';

export interface IpcOptions {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  app: Pick<AppHandle, 'dispatch' | 'events'>;
  location: AppLocation;
  /** The webContents that receive pushed events (every window's). */
  targets: () => Array<Pick<WebContents, 'isDestroyed' | 'getURL' | 'send'>>;
}

type Sender = Pick<WebContents, 'id' | 'once'>;

/**
 * Wires the contract to Electron IPC: one invoke channel per contract method and
 * nothing else, so the renderer cannot reach any other main-process code.
 * Returns a function that removes the handlers and the event forwarding.
 */
export function registerIpc(options: IpcOptions): () => void {
  const { ipcMain, app, location } = options;

  // One session (selected caseworker) per window, like one per tab in the browser
  // transport. Keyed by webContents id and dropped with it, so a reused id never
  // inherits someone else's user.
  const sessions = new Map<number, Session>();
  const sessionFor = (sender: Sender): Session => {
    let session = sessions.get(sender.id);
    if (!session) {
      session = newSession();
      sessions.set(sender.id, session);
      const id = sender.id;
      sender.once('destroyed', () => sessions.delete(id));
    }
    return session;
  };

  // Only the app page's top frame may call: not an iframe, not a page the window
  // was somehow navigated to.
  const fromAppPage = (event: IpcMainInvokeEvent): boolean => {
    const frame = event.senderFrame;
    return frame !== null && frame.parent === null && location.isAppPage(frame.url);
  };

  const handler =
    (name: MethodName) =>
    async (event: IpcMainInvokeEvent, input: unknown): Promise<Result<unknown>> => {
      if (!fromAppPage(event)) return fail('not_allowed', 'Calls are accepted only from the app page.');
      try {
        return await app.dispatch(name, input, sessionFor(event.sender));
      } catch (error) {
        // dispatch is built never to throw; if it does, answer with a value rather
        // than let Electron serialise the exception (and its message) to the page.
        console.error(`ipc ${name} failed:`, (error as Error).message);
        return fail('internal', 'Internal error.');
      }
    };

  for (const name of METHOD_NAMES) ipcMain.handle(ipcChannel(name), handler(name));

  const unsubscribe = app.events.subscribe((event, payload) => {
    for (const target of options.targets()) {
      if (target.isDestroyed() || !location.isAppPage(target.getURL())) continue;
      target.send(IPC_EVENT_CHANNEL, { event, payload });
    }
  });

  return () => {
    unsubscribe();
    for (const name of METHOD_NAMES) ipcMain.removeHandler(ipcChannel(name));
    sessions.clear();
  };
}
