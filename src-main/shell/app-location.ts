import { APP_HOST, APP_INDEX_URL, APP_ORIGIN, APP_SCHEME } from './app-protocol';

/**
 * Where the renderer page comes from, and the one test every other shell module
 * uses to decide "is this our own page?" (navigation, IPC senders, CSP, events).
 */
export interface AppLocation {
  /** True when the renderer is served by the electron-vite dev server. */
  readonly dev: boolean;
  /** The URL the main window loads. */
  readonly url: string;
  /** scheme://host of the app's page: the origin its own blob: URLs carry. */
  readonly origin: string;
  /** True for the app's own page, whatever its hash route or query. */
  isAppPage(url: string): boolean;
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

const parse = (url: string): URL | null => {
  try {
    return new URL(url);
  } catch {
    return null;
  }
};

/**
 * The dev server URL is honoured only for plain http on loopback: a stray or
 * hostile ELECTRON_RENDERER_URL must not turn the app window (which holds the
 * IPC bridge) into a browser for a remote site.
 */
export function devServerUrl(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const url = parse(value);
  if (!url || url.protocol !== 'http:' || !LOOPBACK_HOSTS.has(url.hostname)) return undefined;
  return url.href;
}

/**
 * @param devUrl the checked dev server URL (see devServerUrl), or undefined in
 * production, where the page is app://renderer/index.html (see app-protocol.ts).
 */
export function appLocation(devUrl: string | undefined): AppLocation {
  if (devUrl) {
    const origin = new URL(devUrl).origin;
    return { dev: true, url: devUrl, origin, isAppPage: (url) => parse(url)?.origin === origin };
  }
  // Only index.html itself is the app page; the scripts, styles and fonts beside it
  // are served from the same origin but are not pages.
  return {
    dev: false,
    url: APP_INDEX_URL,
    origin: APP_ORIGIN,
    isAppPage(url) {
      const parsed = parse(url);
      return parsed !== null && parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && parsed.pathname === '/index.html';
    },
  };
}
