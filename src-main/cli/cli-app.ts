import Database from 'better-sqlite3';
import { dirname, join, resolve } from 'node:path';
import { defaultDataDir } from '../app/data-dir';
import { FileSettingsStore } from '../app/file-settings-store';
import { DATABASE_FILE, openApp } from '../app/open-app';
import { EnvSecretStore } from '../app/secrets';
import { checkExistingStoreFile, StoreFileError, storeFileExists } from '../store/store-file';
import { CliError } from './cli-error';
import type { CommandInput } from './command';

export type CliApp = ReturnType<typeof openApp>;

/** `--db <file>` when given, else the case store in the app's data folder (CASEWORKER_DATA_DIR overrides it). */
export const resolveDbFile = (db: string | undefined): string => (db ? resolve(db) : join(defaultDataDir(), DATABASE_FILE));

/** True when there is a file at the path (openDatabase() then decides whether it may be opened). */
export function databaseExists(file: string): boolean {
  try {
    return storeFileExists(file);
  } catch (error) {
    if (error instanceof StoreFileError && error.problem === 'folder') {
      throw new CliError(`${file} is a folder; give the database file, e.g. ${join(file, DATABASE_FILE)}.`);
    }
    throw error;
  }
}

/**
 * The schema version of an existing file, read through a read-only connection,
 * so that looking never changes anything (not even a database from a newer app).
 * A file that is not a case store (another program's database, an empty or a
 * damaged file) is refused here with the same words as in the app.
 */
export function schemaVersionOf(file: string): number {
  if (!databaseExists(file)) return 0;
  checkExistingStoreFile(file);
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.pragma('user_version', { simple: true }) as number;
  } finally {
    db.close();
  }
}

/**
 * Opens the case store through the same openApp() as the app and the browser
 * transport. Commands other than `init` refuse to create a database by accident
 * (a mistyped --db would otherwise make an empty one).
 */
export function openCliApp(input: Pick<CommandInput, 'dbFile' | 'dbGiven'>, options: { create?: boolean; seedDemo?: boolean } = {}): CliApp {
  const file = input.dbFile;
  if (!options.create && !databaseExists(file)) {
    const db = input.dbGiven ? ` --db ${JSON.stringify(file)}` : '';
    throw new CliError(`There is no database at ${file}. Create it first with: npm run cli --${db} init [--demo]`);
  }
  schemaVersionOf(file);
  const dataDir = dirname(file);
  return openApp({
    dataDir,
    dbFile: file,
    settings: new FileSettingsStore(join(dataDir, 'settings.json')),
    secrets: new EnvSecretStore(),
    transport: 'cli',
    seedDemo: options.seedDemo ?? false,
  });
}

/** Runs `fn` with an open app and always closes it again. */
export async function withApp<T>(
  input: Pick<CommandInput, 'dbFile' | 'dbGiven'>,
  fn: (app: CliApp) => T | Promise<T>,
  options: { create?: boolean; seedDemo?: boolean } = {},
): Promise<T> {
  const app = openCliApp(input, options);
  try {
    return await fn(app);
  } finally {
    await app.close();
  }
}
