// A recording stand-in for Electron's main-process API, just wide enough for the
// built entry to start: it writes what the app asked of Electron (windows, IPC
// channels, protocol, tray, permissions) to $ELECTRON_STUB_RECORD as JSON, serves
// one app:// request through the registered handler, and quits on SIGUSR2.
import { EventEmitter } from 'node:events';
import { writeFileSync } from 'node:fs';

const record = {
  privilegedSchemes: [],
  protocolHandlers: [],
  appPageResponse: null,
  windows: [],
  ipcChannels: [],
  removedChannels: 0,
  trays: 0,
  permissionHandlers: 0,
  cspHook: false,
  errorBoxes: [],
  events: [],
  exitCode: null,
};
const save = () => writeFileSync(process.env.ELECTRON_STUB_RECORD, JSON.stringify(record, null, 2));

const paths = new Map();
class App extends EventEmitter {
  isPackaged = true;
  setPath(name, value) {
    paths.set(name, value);
  }
  getPath(name) {
    return paths.get(name) ?? process.env.CASEWORKER_DATA_DIR;
  }
  getVersion() {
    return '0.0.0-stub';
  }
  getName() {
    return 'Sagsbehandler';
  }
  requestSingleInstanceLock() {
    return true;
  }
  whenReady() {
    return new Promise((resolve) =>
      setImmediate(() => {
        record.events.push('ready');
        save();
        resolve();
      }),
    );
  }
  quit() {
    let prevented = false;
    this.emit('before-quit', { preventDefault: () => (prevented = true) });
    if (prevented) return;
    this.emit('will-quit', { preventDefault() {} });
    record.events.push('quit');
    this.exit(0);
  }
  exit(code) {
    record.exitCode = code;
    save();
    setImmediate(() => process.exit(code));
  }
}
export const app = new App();
process.on('SIGUSR2', () => app.quit());

class WebContents extends EventEmitter {
  static nextId = 1;
  id = WebContents.nextId++;
  url = '';
  send() {}
  getURL() {
    return this.url;
  }
  isDestroyed() {
    return false;
  }
  setWindowOpenHandler() {}
}

export class BrowserWindow extends EventEmitter {
  static all = [];
  static getAllWindows() {
    return BrowserWindow.all;
  }
  constructor(options) {
    super();
    this.webContents = new WebContents();
    this.entry = { options, loadedUrl: null };
    record.windows.push(this.entry);
    BrowserWindow.all.push(this);
    app.emit('web-contents-created', {}, this.webContents);
    save();
  }
  async loadURL(url) {
    this.entry.loadedUrl = url;
    this.webContents.url = url;
    save();
    setImmediate(() => this.emit('ready-to-show'));
  }
  show() {}
  hide() {}
  focus() {}
  restore() {}
  isMinimized() {
    return false;
  }
  isVisible() {
    return true;
  }
}

export const ipcMain = {
  handle(channel) {
    record.ipcChannels.push(channel);
    save();
  },
  removeHandler() {
    record.removedChannels += 1;
  },
  on() {},
};

export const protocol = {
  registerSchemesAsPrivileged(schemes) {
    record.privilegedSchemes.push(...schemes);
    save();
  },
  handle(scheme, handler) {
    record.protocolHandlers.push(scheme);
    save();
    // Ask the handler for the app page, as the window's first request would.
    Promise.resolve(handler({ url: `${scheme}://renderer/index.html` }))
      .then(async (response) => {
        const body = await response.text();
        record.appPageResponse = {
          status: response.status,
          csp: response.headers.get('content-security-policy'),
          contentType: response.headers.get('content-type'),
          hasRoot: body.includes('id="root"'),
        };
        save();
      })
      .catch((error) => {
        record.appPageResponse = { error: String(error) };
        save();
      });
  },
};

export const session = {
  defaultSession: {
    setPermissionRequestHandler() {
      record.permissionHandlers += 1;
    },
    setPermissionCheckHandler() {
      record.permissionHandlers += 1;
    },
    setDevicePermissionHandler() {
      record.permissionHandlers += 1;
    },
    webRequest: {
      onHeadersReceived() {
        record.cspHook = true;
      },
    },
    availableSpellCheckerLanguages: ['da', 'en-US'],
    setSpellCheckerLanguages() {},
  },
};

export class Tray extends EventEmitter {
  constructor() {
    super();
    record.trays += 1;
    save();
  }
  setToolTip() {}
  setContextMenu() {}
  destroy() {}
}

export const Menu = { buildFromTemplate: (items) => items };
export const nativeImage = { createFromPath: () => ({ isEmpty: () => false }) };

export class Notification extends EventEmitter {
  static isSupported() {
    return true;
  }
  show() {}
  close() {}
}

// Reversible and visibly not encryption: the stub only proves the wiring.
export const safeStorage = {
  isEncryptionAvailable: () => true,
  encryptString: (text) => Buffer.from(`stub:${text}`),
  decryptString: (buffer) => buffer.toString().slice('stub:'.length),
};

export const shell = { openExternal: async () => {}, openPath: async () => '' };
export const dialog = {
  showErrorBox(title, content) {
    record.errorBoxes.push({ title, content });
    save();
  },
  showMessageBox: async () => ({ response: 1 }),
};

const electron = { app, BrowserWindow, ipcMain, protocol, session, Tray, Menu, nativeImage, Notification, safeStorage, shell, dialog };
export default electron;
