import { readFile } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from '../web/security-headers';

// The built renderer is served from app://renderer/ rather than file://. A file:
// page has the opaque origin "null", shares it with every other file on the disk,
// and Chromium never runs response-header hooks for it, so the CSP could only come
// from a <meta> tag. A privileged standard scheme gives the page a real origin of
// its own, and every response carries the strict CSP and the other security
// headers the browser transport sends.

export const APP_SCHEME = 'app';
export const APP_HOST = 'renderer';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

/**
 * What protocol.registerSchemesAsPrivileged receives, before the app is ready.
 * `standard` gives the scheme an origin (and relative URLs), `secure` makes it a
 * secure context like https, `supportFetchAPI` lets the page fetch its own
 * fonts; no `bypassCSP`, no `corsEnabled`, no service workers.
 */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true },
} as const;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
};

/**
 * The file below `rootDir` that an app:// URL names, or null when the URL is not
 * the app's (another host, another scheme) or would leave the folder (`..`,
 * encoded separators, a NUL byte).
 */
export function appFilePath(requestUrl: string, rootDir: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (path.includes('\0') || path.includes('\\')) return null;
  const root = resolve(rootDir);
  const file = resolve(root, `.${path === '/' ? '/index.html' : path}`);
  return file.startsWith(root + sep) ? file : null;
}

export type ReadAppFile = (path: string) => Promise<Buffer>;

/** Answers one app:// request from the built renderer folder. */
export async function serveAppRequest(requestUrl: string, rootDir: string, read: ReadAppFile = readFile): Promise<Response> {
  const headers = { ...SECURITY_HEADERS, 'Content-Security-Policy': CONTENT_SECURITY_POLICY };
  const file = appFilePath(requestUrl, rootDir);
  if (!file) return new Response('Not found', { status: 404, headers });
  try {
    const body = await read(file);
    const type = CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
    return new Response(new Uint8Array(body), { status: 200, headers: { ...headers, 'Content-Type': type } });
  } catch {
    return new Response('Not found', { status: 404, headers });
  }
}
