/**
 * Opens the MitID login in the system browser (MitID must be shown full page
 * with its domain visible; it cannot be framed). The Electron shell implements
 * it with `shell.openExternal`; the browser transport leaves the opening to the
 * renderer (which gets the URL back and opens a new tab); tests drive the login
 * page themselves.
 */
export interface BrowserOpener {
  open(url: string): Promise<void> | void;
}

/** For hosts where the caller opens the URL itself (browser transport, CLI, tests). */
export const callerOpensBrowser: BrowserOpener = { open: () => {} };
