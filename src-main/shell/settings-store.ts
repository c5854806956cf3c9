import type { SettingsView } from '../contract';
import { DEFAULT_SETTINGS, isLanguage, type SettingsStore } from '../app/settings';
import type { KeyValueFile } from './key-value-file';

/**
 * One check per setting. The mapped type makes a new SettingsView key a compile
 * error here until it has a check, so nothing unchecked is ever read back.
 */
const CHECKS: { [K in keyof SettingsView]: (value: unknown) => value is SettingsView[K] } = {
  language: isLanguage,
};

const KEYS = Object.keys(CHECKS) as Array<keyof SettingsView>;

/**
 * Preferences in electron-store (settings.json in the user data folder, the same
 * file and shape the browser transport's FileSettingsStore uses). The file can be
 * edited or damaged outside the app, so every value is checked when read and a
 * bad one falls back to its default instead of reaching the renderer.
 */
export class ElectronSettingsStore implements SettingsStore {
  constructor(private readonly file: KeyValueFile) {}

  get(): SettingsView {
    const settings = { ...DEFAULT_SETTINGS };
    for (const key of KEYS) {
      const value = this.file.get(key);
      if (CHECKS[key](value)) settings[key] = value;
    }
    return settings;
  }

  update(patch: Partial<SettingsView>): SettingsView {
    // Check everything before writing anything, so a bad patch changes nothing.
    for (const key of KEYS) {
      if (key in patch && !CHECKS[key](patch[key])) throw new TypeError(`Invalid value for setting ${key}.`);
    }
    for (const key of KEYS) {
      if (key in patch) this.file.set(key, patch[key]);
    }
    return this.get();
  }
}
