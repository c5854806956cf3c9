// The Electron entry: builds the OS-backed stores, opens the app through the one
// composition root (openApp) and connects it to a hardened window. Everything
// else lives in shell/ (Electron glue) or in the plain-Node domain modules.
import { app, BrowserWindow, dialog, ipcMain, Menu, nativeImage, Notification, protocol, safeStorage, session, shell, Tray } from 'electron';
import { join } from 'node:path';
import type { AppHandle } from './app/app-handle';
import type { Services } from './app/services';
import { openApp } from './app/open-app';
import { keepSandboxPkiIn } from './sandbox/signatures/signatures-simulator';
import { startSandbox } from './sandbox/start-sandbox';
import { SIMULATORS_STARTED_BY_HOSTS } from './sandbox/simulators';
import { appLocation, devServerUrl } from './shell/app-location';
import { APP_SCHEME, APP_SCHEME_PRIVILEGES, serveAppRequest } from './shell/app-protocol';
import { trackDeskUser } from './shell/desk-user';
import { startDesktopNotifications } from './shell/desktop-notifications';
import { shellBrowserOpener } from './shell/browser-opener';
import { openSecretStore, openSettingsStore } from './shell/electron-stores';
import { guardedOpenExternal, linkQuestion } from './shell/external-links';
import { registerIpc } from './shell/ipc';
import { hardenSession, hardenWebContents } from './shell/security';
import { startupErrorBox } from './shell/startup-error';
import { createMainWindow } from './shell/window';
import { keepInTrayOnClose, showAtRecord } from './shell/window-routing';
import { maskCprsInConsole } from './shared/log-redaction';

maskCprsInConsole();

// Same override the CLI and browser transport honour (data-dir.ts), so tests and
// admins can point every host at one data folder. Must be set before 'ready'.
if (process.env.CASEWORKER_DATA_DIR) app.setPath('userData', process.env.CASEWORKER_DATA_DIR);

// The built renderer is served from app://renderer/ (see shell/app-protocol.ts);
// a scheme's privileges can only be declared before 'ready'.
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);

// One process per user: two would open the same SQLite file and run the job runner twice.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  start();
}

function start(): void {
  // The dev server is trusted only in unpackaged runs started by electron-vite.
  const devUrl = app.isPackaged ? undefined : devServerUrl(process.env.ELECTRON_RENDERER_URL);
  const location = appLocation(devUrl);
  const rendererDir = join(import.meta.dirname, '../renderer');
  const preloadPath = join(import.meta.dirname, '../preload/index.cjs');

  let handle: AppHandle | null = null;
  let mainWindow: BrowserWindow | null = null;
  let disposeIpc = (): void => {};
  let closing: 'open' | 'closing' | 'closed' = 'open';
  let desktop: { userChanged(): void; dispose(): void } | null = null;

  // Links outside the trusted hosts are shown to the caseworker before the browser opens them.
  const openLink = guardedOpenExternal({
    openExternal: (url) => shell.openExternal(url),
    confirm: async (url, language) => {
      const question = linkQuestion(url, language);
      const options = { type: 'question' as const, ...question, defaultId: 1, cancelId: 1, noLink: true };
      const answer = mainWindow ? await dialog.showMessageBox(mainWindow, options) : await dialog.showMessageBox(options);
      return answer.response === 0;
    },
    language: () => (handle as (AppHandle & { services?: Services }) | null)?.services?.config.settings.get().language ?? 'da',
  });

  // Every webContents, not only the main window's, so nothing created later escapes the rules.
  app.on('web-contents-created', (_event, contents) => {
    hardenWebContents(contents, location, openLink);
  });

  const showMainWindow = (): void => {
    mainWindow = createMainWindow((options) => new BrowserWindow(options), {
      preloadPath,
      location,
      devTools: !app.isPackaged,
    });
    mainWindow.on('closed', () => {
      mainWindow = null;
    });
    // With the tray running, closing hides the window; quitting closes it.
    if (desktop) keepInTrayOnClose(mainWindow, () => closing !== 'open');
  };

  /** Brings the window forward (recreating it if needed), at a record when given: tray and OS notification clicks. */
  const openWindowAt = (recordId: number | null): void => {
    if (!mainWindow) showMainWindow();
    if (mainWindow) showAtRecord(mainWindow, recordId);
  };

  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    // Hidden in the tray: bring it back.
    mainWindow.show();
    mainWindow.focus();
  });

  app.on('activate', () => {
    if (handle && !mainWindow) showMainWindow();
    else mainWindow?.show();
  });

  app.on('window-all-closed', () => {
    // The tray keeps the app (and its OS notifications) running; without it, close means quit.
    if (process.platform !== 'darwin' && !desktop) app.quit();
  });

  // Closing the store waits for the running job and closes SQLite cleanly, so quit
  // is held until it is done.
  app.on('before-quit', (event) => {
    if (!handle || closing === 'closed') return;
    event.preventDefault();
    if (closing === 'closing') return;
    closing = 'closing';
    desktop?.dispose();
    disposeIpc();
    handle
      .close()
      .catch((error: unknown) => console.error('closing the case store failed:', (error as Error).message))
      .finally(() => {
        closing = 'closed';
        app.quit();
      });
  });

  const ready = (): void => {
    hardenSession(session.defaultSession, location);
    if (!location.dev) protocol.handle(APP_SCHEME, (request) => serveAppRequest(request.url, rendererDir));
    setSpellCheckLanguages();
    keepSandboxPkiIn(join(app.getPath('userData'), 'sandbox-signatures-pki'));

    try {
      handle = openApp({
        dataDir: app.getPath('userData'),
        settings: openSettingsStore(),
        secrets: openSecretStore(safeStorage),
        transport: 'electron',
        version: app.getVersion(),
        browserOpener: shellBrowserOpener(shell),
      });
    } catch (error) {
      // Nothing is open yet (a too-new database is refused before any write), so
      // leave at once: no before-quit work, no window.
      const box = startupErrorBox(error);
      dialog.showErrorBox(box.title, box.content);
      app.exit(1);
      return;
    }

    const opened = handle as AppHandle & { services?: Services };
    const desk = trackDeskUser(handle, () => desktop?.userChanged());
    desktop = opened.services ? startDesktop(opened.services, desk.userId, openWindowAt) : null;
    disposeIpc = registerIpc({
      ipcMain,
      app: { dispatch: desk.app.dispatch, events: handle.events },
      location,
      targets: () => BrowserWindow.getAllWindows().map((window) => window.webContents),
    });
    showMainWindow();
    handle.startJobs();
    // The sandbox simulators run with the app in sandbox mode; a taken default port moves that one to a free port.
    const services = opened.services;
    if (services?.config.sandbox) {
      void startSandbox({ simulators: SIMULATORS_STARTED_BY_HOSTS }).then((sandbox) => {
        for (const s of sandbox.simulators) services.sandboxAddresses.record(s);
        app.once('will-quit', () => void sandbox.close());
      });
    }
  };

  app
    .whenReady()
    .then(ready)
    .catch(async (error: unknown) => {
      console.error('start-up failed:', (error as Error).message);
      // If the store was already open, close it cleanly before leaving.
      await handle?.close().catch(() => undefined);
      app.exit(1);
    });
}

/**
 * Tray and OS notifications. A failure here (no tray on this desktop) must not
 * stop the caseworker's app: it then runs without them and closes on close.
 */
function startDesktop(services: Services, deskUser: () => number | null, open: (recordId: number | null) => void) {
  try {
    // Packaged builds ship resources/ beside the app (extraResources); unpackaged runs use the repository's.
    const base = app.isPackaged && process.resourcesPath ? process.resourcesPath : join(import.meta.dirname, '../..');
    const icon = nativeImage.createFromPath(join(base, 'resources', 'tray-icon.png'));
    return startDesktopNotifications({
      inbox: services.inbox,
      events: services.events,
      language: () => services.config.settings.get().language,
      deskUser,
      notificationApi: {
        isSupported: () => Notification.isSupported(),
        create: (options) => new Notification(options),
      },
      createTray: () => new Tray(icon),
      buildMenu: (items) => Menu.buildFromTemplate(items),
      open,
      quit: () => app.quit(),
    });
  } catch (error) {
    console.error('tray and OS notifications are unavailable:', (error as Error).message);
    return null;
  }
}

/** Danish first, English second; macOS ignores this and uses the system checker. */
function setSpellCheckLanguages(): void {
  const available = new Set(session.defaultSession.availableSpellCheckerLanguages);
  const languages = ['da', 'en-US'].filter((language) => available.has(language));
  if (languages.length > 0) session.defaultSession.setSpellCheckerLanguages(languages);
}
