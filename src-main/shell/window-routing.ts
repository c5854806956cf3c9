import { IPC_EVENT_CHANNEL } from '../contract/api';

/** The window parts used to hide to the tray and to come forward at a record. */
export interface RoutableWindow {
  on(event: 'close', listener: (event: { preventDefault(): void }) => void): unknown;
  hide(): void;
  show(): void;
  focus(): void;
  isMinimized(): boolean;
  restore(): void;
  webContents: {
    isLoading(): boolean;
    once(event: 'did-finish-load', listener: () => void): unknown;
    send(channel: string, message: unknown): void;
  };
}

/**
 * Closing the window hides it: the app stays in the tray so OS notifications
 * keep arriving. Quitting (tray menu, app menu, OS shutdown) closes for real.
 */
export function keepInTrayOnClose(window: Pick<RoutableWindow, 'on' | 'hide'>, isQuitting: () => boolean): void {
  window.on('close', (event) => {
    if (isQuitting()) return;
    event.preventDefault();
    window.hide();
  });
}

/** The hash route of a record, as the renderer's router writes it. */
export const recordRoute = (recordId: number): string => `#/record/${recordId}`;

/**
 * Brings the window forward and, for a record, tells the renderer to show it
 * (an `openRoute` event on the same channel as every pushed event, sent to this
 * window only). A window still loading gets it when the page is ready.
 */
export function showAtRecord(window: RoutableWindow, recordId: number | null): void {
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
  if (recordId === null) return;
  const send = (): void => window.webContents.send(IPC_EVENT_CHANNEL, { event: 'openRoute', payload: { route: recordRoute(recordId) } });
  if (window.webContents.isLoading()) window.webContents.once('did-finish-load', send);
  else send();
}
