import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

// `npm start` runs the app in Electron. The electron package fetches its program
// from GitHub, at install or on first start. Where that cannot happen (no
// internet, a closed network), electron-vite ends in a bare "Electron uninstall";
// this fetches the program quietly when it is missing and, if that fails, says in
// one sentence what is missing and how to get it.

export const MISSING_ELECTRON =
  "Electron's program is not installed and could not be downloaded from GitHub: " +
  'run `npm start` again on a machine that can reach GitHub (it downloads the program once), ' +
  'or use `npm run web` to run the app in a browser.';

export interface ElectronPackage {
  /** The program's path, or null when the package has not got it yet. */
  program(): string | null;
  /** Runs the package's own downloader; true when it finished. */
  download(): boolean;
}

/** The installed electron package, read without importing it (its import downloads noisily). */
export function installedElectronPackage(): ElectronPackage {
  const dir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  return {
    program() {
      if (process.env.ELECTRON_OVERRIDE_DIST_PATH) return process.env.ELECTRON_OVERRIDE_DIST_PATH;
      const pathFile = join(dir, 'path.txt');
      if (!existsSync(pathFile)) return null;
      const program = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
      return existsSync(program) ? program : null;
    },
    download() {
      const result = spawnSync(process.execPath, [join(dir, 'install.js')], { stdio: 'pipe', timeout: 10 * 60_000 });
      return result.status === 0;
    },
  };
}

/** Null when Electron can start (after fetching its program if need be), else the sentence to show. */
export function missingElectronProblem(electron: ElectronPackage): string | null {
  if (electron.program()) return null;
  if (electron.download() && electron.program()) return null;
  return MISSING_ELECTRON;
}
