import { describe, expect, it, vi } from 'vitest';
import type { BrowserWindow, BrowserWindowConstructorOptions } from 'electron';
import { createMainWindow, mainWindowOptions } from '../../../src-main/shell/window';
import { APP_URL, devLocation, FakeEmitter, prodLocation } from './fakes';

class FakeWindow extends FakeEmitter {
  constructor(readonly options: BrowserWindowConstructorOptions) {
    super();
  }
  show = vi.fn();
  loadURL = vi.fn(async (_url: string) => undefined);
}

const PRELOAD = '/opt/caseworker/out/preload/index.cjs';

function open(location = prodLocation()) {
  let created: FakeWindow | undefined;
  const window = createMainWindow(
    (options) => {
      created = new FakeWindow(options);
      return created as unknown as BrowserWindow;
    },
    { preloadPath: PRELOAD, location, devTools: false },
  );
  if (!created) throw new Error('no window created');
  expect(window).toBe(created);
  return created;
}

describe('main window', () => {
  it('runs the renderer isolated and sandboxed, with only the preload bridge', () => {
    const prefs = mainWindowOptions({ preloadPath: PRELOAD, location: prodLocation(), devTools: false }).webPreferences;
    expect(prefs).toMatchObject({
      preload: PRELOAD,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: true,
      devTools: false,
    });
  });

  it('loads the built page in production and the dev server in development', () => {
    expect(open().loadURL).toHaveBeenCalledWith(APP_URL);
    expect(open(devLocation()).loadURL).toHaveBeenCalledWith('http://localhost:5173/');
  });

  it('shows the window once it has painted', () => {
    const window = open();
    expect(window.options.show).toBe(false);
    expect(window.show).not.toHaveBeenCalled();
    window.emit('ready-to-show');
    expect(window.show).toHaveBeenCalledTimes(1);
  });
});
