import type { Plugin } from 'vite';
import { DEV_CONTENT_SECURITY_POLICY, forMetaTag } from '../src-main/web/security-headers';

/**
 * The dev server (electron-vite dev, vite dev) injects CSS as <style> tags and the
 * React Refresh preamble as an inline script, and talks HMR over a WebSocket; the
 * strict CSP in index.html forbids all three. This plugin loosens the policy for
 * the dev server only (`apply: 'serve'`): production builds keep index.html's
 * policy byte for byte.
 */
const DEV_CSP = forMetaTag(DEV_CONTENT_SECURITY_POLICY);

export function devCsp(): Plugin {
  return {
    name: 'caseworker-dev-csp',
    apply: 'serve',
    transformIndexHtml(html) {
      return html.replace(/(http-equiv="Content-Security-Policy"\s+content=")[^"]*"/, `$1${DEV_CSP}"`);
    },
  };
}
