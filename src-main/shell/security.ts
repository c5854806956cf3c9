import type { HandlerDetails, Session, WebContents, WindowOpenHandlerResponse } from 'electron';
import { CONTENT_SECURITY_POLICY, DEV_CONTENT_SECURITY_POLICY } from '../web/security-headers';
import type { AppLocation } from './app-location';

// The renderer shows data from outside (CSV imports, Digital Post, names typed by
// people) and holds the IPC bridge, so the shell treats it as a page that might
// one day be tricked into running foreign script: it may not leave the app's own
// page, open windows, use device permissions, or load anything but app files.

/** Opens a URL in the system browser (Electron's shell.openExternal). */
export type OpenExternal = (url: string) => Promise<void>;

/** Only plain web links go to the system browser; file:, javascript:, custom schemes never. */
export function isWebUrl(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}

function openInBrowser(url: string, openExternal: OpenExternal): void {
  if (!isWebUrl(url)) return;
  openExternal(url).catch((error: unknown) => console.error('could not open link in the browser:', (error as Error).message));
}

/**
 * A blob: URL minted by the app page itself (`blob:app://renderer/<uuid>`): the
 * document preview's PDF. Chromium's PDF viewer (the one plugin the window
 * enables) may show these and nothing else: a blob: from any other origin, or a
 * PDF from the web, is refused.
 */
export function isOwnBlobUrl(url: string, location: Pick<AppLocation, 'origin'>): boolean {
  if (!url.startsWith('blob:')) return false;
  try {
    const inner = new URL(url.slice('blob:'.length));
    return `${inner.protocol}//${inner.host}` === location.origin;
  } catch {
    return false;
  }
}

export type HardenableContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

/**
 * Locks one webContents to the app page; call it for every webContents created.
 * `openExternal` is the guarded opener (external-links.ts), which asks before
 * opening a link outside the trusted hosts.
 */
export function hardenWebContents(contents: HardenableContents, location: AppLocation, openExternal: OpenExternal): void {
  // will-frame-navigate covers the main frame and any subframe alike.
  contents.on('will-frame-navigate', (event) => {
    if (location.isAppPage(event.url)) return;
    // The document preview's iframe shows a PDF from a blob: URL the page itself made.
    if (!event.isMainFrame && isOwnBlobUrl(event.url, location)) return;
    event.preventDefault();
    // A plain link click on the main page: the caseworker meant to visit it, so
    // hand it to the browser rather than drop it silently.
    if (event.isMainFrame) openInBrowser(event.url, openExternal);
  });
  contents.on('will-redirect', (event) => {
    if (!location.isAppPage(event.url)) event.preventDefault();
  });
  contents.setWindowOpenHandler((details: HandlerDetails): WindowOpenHandlerResponse => {
    openInBrowser(details.url, openExternal);
    return { action: 'deny' };
  });
  // webviewTag is off in the window; this refuses one even if that ever changes.
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** The strict policy, loosened for HMR only while running on the electron-vite dev server. */
export function contentSecurityPolicy(dev: boolean): string {
  return dev ? DEV_CONTENT_SECURITY_POLICY : CONTENT_SECURITY_POLICY;
}

export type HardenableSession = Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'> & {
  webRequest: Pick<Session['webRequest'], 'onHeadersReceived'>;
};

/** Denies every permission and sets the CSP header on the app's own responses. */
export function hardenSession(session: HardenableSession, location: AppLocation): void {
  // The app needs no camera, location, notifications API, HID, … : main owns all OS access.
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);

  const policy = contentSecurityPolicy(location.dev);
  session.webRequest.onHeadersReceived((details, callback) => {
    if (!location.isAppPage(details.url)) {
      callback({});
      return;
    }
    // Replace, not add to, whatever the server sent, in any letter case.
    const headers: Record<string, string[]> = {};
    for (const [name, value] of Object.entries(details.responseHeaders ?? {})) {
      if (name.toLowerCase() !== 'content-security-policy') headers[name] = value;
    }
    headers['Content-Security-Policy'] = [policy];
    callback({ responseHeaders: headers });
  });
}
