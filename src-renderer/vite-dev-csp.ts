import type { Plugin } from 'vite';

/**
 * The dev server (electron-vite dev, vite dev) injects CSS as <style> tags and the
 * React Refresh preamble as an inline script, and talks HMR over a WebSocket; the
 * strict CSP in index.html forbids all three. This plugin loosens the policy for
 * the dev server only (`apply: 'serve'`): production builds keep index.html's
 * policy byte for byte.
 */
const DEV_CSP = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-inline'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self' ws://localhost:* ws://127.0.0.1:*",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

export function devCsp(): Plugin {
  return {
    name: 'caseworker-dev-csp',
    apply: 'serve',
    transformIndexHtml(html) {
      return html.replace(/(http-equiv="Content-Security-Policy"\s+content=")[^"]*"/, `$1${DEV_CSP}"`);
    },
  };
}
