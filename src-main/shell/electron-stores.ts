import type { SafeStorage } from 'electron';
import Store from 'electron-store';
import type { KeyValueFile } from './key-value-file';
import { SafeStorageSecretStore } from './secret-store';
import { ElectronSettingsStore } from './settings-store';

// Both files sit in app.getPath('userData'); create them after app 'ready'
// (safeStorage answers only then on Linux and Windows).

/** settings.json: plain preferences; a damaged file is reset rather than blocking start-up. */
export function openSettingsStore(): ElectronSettingsStore {
  const file: KeyValueFile = new Store<Record<string, unknown>>({
    name: 'settings',
    clearInvalidConfig: true,
    accessPropertiesByDotNotation: false,
    // The data folder is this account's alone (private-files.ts), its files too.
    configFileMode: 0o600,
  });
  return new ElectronSettingsStore(file);
}

/**
 * secrets.json: encrypted blobs only, readable by the user alone. A damaged file
 * is reset too: its blobs could not be decrypted anyway, and the caseworker can
 * enter the credentials again, which beats an app that will not start.
 */
export function openSecretStore(safeStorage: SafeStorage): SafeStorageSecretStore {
  const file: KeyValueFile = new Store<Record<string, unknown>>({
    name: 'secrets',
    clearInvalidConfig: true,
    accessPropertiesByDotNotation: false,
    configFileMode: 0o600,
  });
  return new SafeStorageSecretStore(safeStorage, file);
}
