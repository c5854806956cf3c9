// The Electron entry runs on import, so each test mocks 'electron' (and the
// stores and openApp around it) afresh and imports it again.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { METHOD_NAMES } from '../../../src-main/contract';
import { DatabaseTooNewError } from '../../../src-main/store/migrations';
import { FakeEmitter } from './fakes';

class FakeBrowserWindow extends FakeEmitter {
  static all: FakeBrowserWindow[] = [];
  static getAllWindows = () => FakeBrowserWindow.all;
  readonly webContents = { id: 1, isDestroyed: () => false, getURL: () => '', send: vi.fn() };
  loadURL = vi.fn(async () => undefined);
  show = vi.fn();
  focus = vi.fn();
  restore = vi.fn();
  isMinimized = vi.fn(() => true);
  constructor(readonly options: { webPreferences?: { sandbox?: boolean; preload?: string } }) {
    super();
    FakeBrowserWindow.all.push(this);
  }
}

interface BootOptions {
  lock?: boolean;
  openApp?: () => unknown;
  env?: Record<string, string>;
  /** Give the handle the services the tray and OS notifications read. */
  withServices?: boolean;
}

class FakeTray extends FakeEmitter {
  static all: FakeTray[] = [];
  tooltip = '';
  setToolTip = vi.fn((text: string) => void (this.tooltip = text));
  setContextMenu = vi.fn();
  destroy = vi.fn();
  constructor() {
    super();
    FakeTray.all.push(this);
  }
}

async function boot(options: BootOptions = {}) {
  FakeBrowserWindow.all = [];
  const app = Object.assign(new FakeEmitter(), {
    isPackaged: true,
    setPath: vi.fn(),
    getPath: vi.fn(() => '/data/Sagsbehandler'),
    getVersion: () => '1.2.3',
    requestSingleInstanceLock: vi.fn(() => options.lock ?? true),
    whenReady: vi.fn(() => Promise.resolve()),
    quit: vi.fn(),
    exit: vi.fn(),
  });
  const handles: string[] = [];
  const electron = {
    app,
    BrowserWindow: FakeBrowserWindow,
    dialog: { showErrorBox: vi.fn(), showMessageBox: vi.fn(async () => ({ response: 1 })) },
    protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
    ipcMain: { handle: vi.fn((channel: string) => handles.push(channel)), removeHandler: vi.fn() },
    safeStorage: {},
    Notification: Object.assign(vi.fn(), { isSupported: () => true }),
    Tray: FakeTray,
    Menu: { buildFromTemplate: vi.fn((items: unknown) => items) },
    nativeImage: { createFromPath: vi.fn(() => ({})) },
    shell: { openExternal: vi.fn() },
    session: {
      defaultSession: {
        setPermissionRequestHandler: vi.fn(),
        setPermissionCheckHandler: vi.fn(),
        setDevicePermissionHandler: vi.fn(),
        webRequest: { onHeadersReceived: vi.fn() },
        availableSpellCheckerLanguages: ['en-US', 'da', 'de'],
        setSpellCheckerLanguages: vi.fn(),
      },
    },
  };
  let closeDone: () => void = () => undefined;
  FakeTray.all = [];
  const services = {
    inbox: { unreadCount: () => 4, latestId: () => 0, countUnreadSince: () => 0, unreadSince: () => [] },
    events: { subscribe: vi.fn(() => () => undefined) },
    config: { settings: { get: () => ({ language: 'da' }) } },
  };
  const handle = {
    ...(options.withServices ? { services } : {}),
    dispatch: vi.fn(),
    events: { subscribe: vi.fn(() => () => undefined) },
    startJobs: vi.fn(),
    close: vi.fn(() => new Promise<void>((resolve) => (closeDone = resolve))),
  };
  const openApp = vi.fn(options.openApp ?? (() => handle));
  const settings = { kind: 'settings' };
  const secrets = { kind: 'secrets' };

  for (const [name, value] of Object.entries(options.env ?? {})) vi.stubEnv(name, value);
  vi.resetModules();
  vi.doMock('electron', () => ({ ...electron, default: electron }));
  vi.doMock('../../../src-main/app/open-app', () => ({ openApp }));
  vi.doMock('../../../src-main/shell/electron-stores', () => ({
    openSettingsStore: () => settings,
    openSecretStore: () => secrets,
  }));
  await import('../../../src-main/index');
  await new Promise((resolve) => setTimeout(resolve, 0));
  return { app, electron, handle, openApp, settings, secrets, handles, finishClose: () => closeDone() };
}

afterEach(() => {
  vi.doUnmock('electron');
  vi.doUnmock('../../../src-main/app/open-app');
  vi.doUnmock('../../../src-main/shell/electron-stores');
  vi.unstubAllEnvs();
});

describe('the Electron entry', () => {
  it('opens the app, wires IPC, shows a sandboxed window and starts jobs', async () => {
    const { openApp, settings, secrets, handles, handle, electron } = await boot();
    expect(openApp).toHaveBeenCalledWith({
      dataDir: '/data/Sagsbehandler',
      settings,
      secrets,
      transport: 'electron',
      version: '1.2.3',
      browserOpener: expect.objectContaining({ open: expect.any(Function) }),
    });
    expect(handles).toHaveLength(METHOD_NAMES.length);
    expect(FakeBrowserWindow.all).toHaveLength(1);
    expect(FakeBrowserWindow.all[0]?.options.webPreferences?.sandbox).toBe(true);
    expect(FakeBrowserWindow.all[0]?.options.webPreferences?.preload).toMatch(/preload[/\\]index\.cjs$/);
    expect(FakeBrowserWindow.all[0]?.loadURL).toHaveBeenCalledWith('app://renderer/index.html');
    // The scheme is privileged before 'ready' and served from the built renderer folder.
    expect(electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
    ]);
    expect(electron.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    expect(handle.startJobs).toHaveBeenCalledTimes(1);
    expect(electron.session.defaultSession.setPermissionRequestHandler).toHaveBeenCalled();
    expect(electron.session.defaultSession.setSpellCheckerLanguages).toHaveBeenCalledWith(['da', 'en-US']);
  });

  it('keeps running in the tray: closing the window hides it, quitting closes it', async () => {
    const { app } = await boot({ withServices: true });
    expect(FakeTray.all).toHaveLength(1);
    const window = FakeBrowserWindow.all[0];
    if (!window) throw new Error('no window');
    const close = { preventDefault: vi.fn() };
    Object.assign(window, { hide: vi.fn() });
    window.emit('close', close);
    expect(close.preventDefault).toHaveBeenCalled();
    app.emit('window-all-closed');
    expect(app.quit).not.toHaveBeenCalled();
    // Quitting disposes the tray and lets the window close.
    app.emit('before-quit', { preventDefault: vi.fn() });
    expect(FakeTray.all[0]?.destroy).toHaveBeenCalled();
    const last = { preventDefault: vi.fn() };
    window.emit('close', last);
    expect(last.preventDefault).not.toHaveBeenCalled();
  });

  it('without a tray (no services), closing the last window quits as before', async () => {
    const { app } = await boot();
    expect(FakeTray.all).toHaveLength(0);
    app.emit('window-all-closed');
    if (process.platform !== 'darwin') expect(app.quit).toHaveBeenCalled();
  });

  it('ignores the dev server URL in a packaged app', async () => {
    await boot({ env: { ELECTRON_RENDERER_URL: 'http://localhost:5173/' } });
    expect(FakeBrowserWindow.all[0]?.loadURL).toHaveBeenCalledWith('app://renderer/index.html');
  });

  it('honours CASEWORKER_DATA_DIR like the other hosts', async () => {
    const { app } = await boot({ env: { CASEWORKER_DATA_DIR: '/tmp/cw-test' } });
    expect(app.setPath).toHaveBeenCalledWith('userData', '/tmp/cw-test');
  });

  it('leaves at once when another instance holds the lock', async () => {
    const { app, openApp } = await boot({ lock: false });
    expect(app.quit).toHaveBeenCalled();
    expect(app.whenReady).not.toHaveBeenCalled();
    expect(openApp).not.toHaveBeenCalled();
  });

  it('focuses the existing window when a second instance starts', async () => {
    const { app } = await boot();
    app.emit('second-instance');
    expect(FakeBrowserWindow.all[0]?.restore).toHaveBeenCalled();
    expect(FakeBrowserWindow.all[0]?.focus).toHaveBeenCalled();
  });

  it('closes the app handle before quitting', async () => {
    const { app, handle, finishClose, electron } = await boot();
    const first = { preventDefault: vi.fn() };
    app.emit('before-quit', first);
    expect(first.preventDefault).toHaveBeenCalled();
    expect(handle.close).toHaveBeenCalledTimes(1);
    expect(electron.ipcMain.removeHandler).toHaveBeenCalledTimes(METHOD_NAMES.length);
    // A second quit request while closing waits for the same close.
    const second = { preventDefault: vi.fn() };
    app.emit('before-quit', second);
    expect(second.preventDefault).toHaveBeenCalled();
    expect(handle.close).toHaveBeenCalledTimes(1);
    app.quit.mockClear();
    finishClose();
    await vi.waitFor(() => expect(app.quit).toHaveBeenCalledTimes(1));
    const last = { preventDefault: vi.fn() };
    app.emit('before-quit', last);
    expect(last.preventDefault).not.toHaveBeenCalled();
  });

  it('shows the error and quits without opening anything when the database is too new', async () => {
    const { app, electron, handles } = await boot({
      openApp: () => {
        throw new DatabaseTooNewError(9, 7);
      },
    });
    expect(electron.dialog.showErrorBox).toHaveBeenCalledWith(
      expect.stringMatching(/nyere version/),
      expect.stringContaining('schema 9'),
    );
    expect(app.exit).toHaveBeenCalledWith(1);
    expect(handles).toHaveLength(0);
    expect(FakeBrowserWindow.all).toHaveLength(0);
    const quit = { preventDefault: vi.fn() };
    app.emit('before-quit', quit);
    expect(quit.preventDefault).not.toHaveBeenCalled();
  });
});
