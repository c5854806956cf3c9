import type { Language, SettingsView } from '../contract';

/**
 * Non-secret preferences. The Electron app keeps them with electron-store; the CLI
 * and the browser transport keep them in a JSON file next to the database.
 * Secrets never go here (see SecretStore).
 */
export interface SettingsStore {
  get(): SettingsView;
  update(patch: Partial<SettingsView>): SettingsView;
}

export const DEFAULT_SETTINGS: SettingsView = { language: 'da' };

export const isLanguage = (value: unknown): value is Language => value === 'da' || value === 'en';

/** A settings store held in memory, for tests and for one-off CLI runs. */
export class MemorySettingsStore implements SettingsStore {
  private current: SettingsView;
  constructor(initial: Partial<SettingsView> = {}) {
    this.current = { ...DEFAULT_SETTINGS, ...initial };
  }
  get(): SettingsView {
    return { ...this.current };
  }
  update(patch: Partial<SettingsView>): SettingsView {
    this.current = { ...this.current, ...patch };
    return this.get();
  }
}
