import { chmodSync, existsSync, mkdirSync, statSync } from 'node:fs';

// The data folder holds CPR numbers (the case store, the sandbox journal): on a
// shared machine no other account may read it. Folders are 0700 and files 0600.
// On Windows the modes are ignored; the folder there lies in the user's profile,
// which other accounts cannot read.

export const PRIVATE_FOLDER_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/**
 * Creates a folder (and missing parents) readable by this account alone. An
 * existing folder is tightened only when `tighten` says it is ours (the app's data
 * folder), never a folder the administrator named, such as the one holding `--db`.
 */
export function ensurePrivateFolder(folder: string, options: { tighten?: boolean } = {}): void {
  if (!existsSync(folder)) {
    mkdirSync(folder, { recursive: true, mode: PRIVATE_FOLDER_MODE });
    // mkdir applies the umask; set the mode exactly.
    chmodSync(folder, PRIVATE_FOLDER_MODE);
    return;
  }
  if (options.tighten) tightenMode(folder, PRIVATE_FOLDER_MODE);
}

/** Makes an existing file of ours readable and writable by this account alone. */
export function makeFilePrivate(file: string): void {
  if (existsSync(file)) tightenMode(file, PRIVATE_FILE_MODE);
}

function tightenMode(path: string, mode: number): void {
  if (process.platform === 'win32') return;
  try {
    if ((statSync(path).mode & 0o777) !== mode) chmodSync(path, mode);
  } catch {
    // Not ours to change (another owner): leave it; opening it reports what matters.
  }
}
