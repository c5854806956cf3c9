import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { SettingsView } from '../contract';
import { ensurePrivateFolder, PRIVATE_FILE_MODE } from '../shared/private-files';
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
    ensurePrivateFolder(dirname(this.file));
    // A fresh temporary file each time, so the mode applies (an existing file keeps its own).
    rmSync(`${this.file}.tmp`, { force: true });
    writeFileSync(`${this.file}.tmp`, JSON.stringify(next, null, 2), { mode: PRIVATE_FILE_MODE, flag: 'wx' });
    renameSync(`${this.file}.tmp`, this.file);
    return next;
  }
}
