import { readFileSync, writeFileSync, mkdirSync, renameSync } from 'node:fs';
import { dirname } from 'node:path';
import type { SettingsView } from '../contract';
import { DEFAULT_SETTINGS, isLanguage, type SettingsStore } from './settings';

/** Preferences in a JSON file, for the CLI and the browser transport (the app uses electron-store). */
export class FileSettingsStore implements SettingsStore {
  constructor(private readonly file: string) {}

  get(): SettingsView {
    try {
      const raw = JSON.parse(readFileSync(this.file, 'utf8')) as Partial<SettingsView>;
      return { language: isLanguage(raw.language) ? raw.language : DEFAULT_SETTINGS.language };
    } catch {
      // Missing or damaged settings fall back to defaults; they hold nothing that cannot be chosen again.
      return { ...DEFAULT_SETTINGS };
    }
  }

  update(patch: Partial<SettingsView>): SettingsView {
    const next = { ...this.get(), ...patch };
    mkdirSync(dirname(this.file), { recursive: true });
    writeFileSync(`${this.file}.tmp`, JSON.stringify(next, null, 2));
    renameSync(`${this.file}.tmp`, this.file);
    return next;
  }
}
