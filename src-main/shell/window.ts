import type { BrowserWindow, BrowserWindowConstructorOptions } from 'electron';
import type { AppLocation } from './app-location';

export interface MainWindowOptions {
  /** Absolute path of the built preload script (out/preload/index.cjs). */
  preloadPath: string;
  location: AppLocation;
  /** Developer tools only outside packaged builds. */
  devTools: boolean;
}

/** The window's options: every renderer-side power is off except the preload bridge. */
export function mainWindowOptions(options: MainWindowOptions): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    title: 'Sagsbehandler',
    // Shown on ready-to-show, so the caseworker never sees an empty white frame.
    show: false,
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      // A sandboxed renderer has no Node, even if script injection ever succeeds.
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      // Chromium's built-in PDF viewer, for the document preview (a blob: iframe);
      // security.ts lets subframes load only blob: URLs the app page itself minted.
      plugins: true,
      experimentalFeatures: false,
      // A file dropped on the window must not replace the app page.
      navigateOnDragDrop: false,
      safeDialogs: true,
      // Caseworkers write notes in Danish; languages are set on the session.
      spellcheck: true,
      devTools: options.devTools,
    },
  };
}

export type WindowFactory = (options: BrowserWindowConstructorOptions) => BrowserWindow;

/** Creates the main window and loads the app page (dev server or built files). */
export function createMainWindow(create: WindowFactory, options: MainWindowOptions): BrowserWindow {
  const window = create(mainWindowOptions(options));
  window.once('ready-to-show', () => window.show());
  window.loadURL(options.location.url).catch((error: unknown) => {
    console.error('could not load the app page:', (error as Error).message);
  });
  return window;
}
