import type { CaseworkerApi } from '../../src-main/contract';
import { clientId, takeToken } from './browser-session';
import { createHttpApi } from './http-api';

export type ApiSelection =
  | { kind: 'ready'; api: CaseworkerApi; transport: 'electron' | 'web' }
  /** In a browser without a token: the page was not opened through the link `npm run web` prints. */
  | { kind: 'no-token' };

/**
 * Electron's preload exposes `window.caseworker`; anywhere else we are the browser
 * transport's page and talk HTTP to the origin that served us.
 */
export function selectApi(onUnauthorized: () => void): ApiSelection {
  if (window.caseworker) return { kind: 'ready', api: window.caseworker, transport: 'electron' };
  const token = takeToken();
  if (!token) return { kind: 'no-token' };
  return { kind: 'ready', api: createHttpApi({ token, clientId: clientId(), onUnauthorized }), transport: 'web' };
}
