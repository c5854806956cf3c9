import type { Shell } from 'electron';
import type { BrowserOpener } from '../mitid/browser-opener';

/**
 * Opens the MitID login in the system browser: MitID must run full page with
 * its domain visible, never inside our window. Only http(s) URLs are opened.
 */
export function shellBrowserOpener(shell: Pick<Shell, 'openExternal'>): BrowserOpener {
  return {
    open: async (url) => {
      const protocol = new URL(url).protocol;
      if (protocol !== 'https:' && protocol !== 'http:') throw new Error('refusing to open a non-web URL');
      await shell.openExternal(url);
    },
  };
}
