import Database from 'better-sqlite3';
import { closeSync, openSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { ensurePrivateFolder, makeFilePrivate, PRIVATE_FILE_MODE } from '../shared/private-files';
import { DatabaseTooNewError, LATEST_VERSION, migrate } from './migrations';
import { checkExistingStoreFile, StoreFileError, storeFileExists } from './store-file';

export type Db = Database.Database;

/**
 * Opens (creating if needed) the case store and migrates it. WAL lets readers
 * (the list view) proceed while the job runner writes; NORMAL sync is durable
 * across application crashes, which is the failure that matters on a desktop.
 *
 * An existing file is opened only if it is a case store (store-file.ts): another
 * program's database, an empty or damaged file, or a read-only one is refused and
 * left byte-for-byte as it was. `isNew` is true only for a file created just now,
 * the one case in which demo data may be seeded.
 */
export function openDatabase(file: string): { db: Db; isNew: boolean } {
  let created = false;
  if (file !== ':memory:') {
    try {
      ensurePrivateFolder(dirname(file));
    } catch {
      throw new StoreFileError('cannot_create', file);
    }
    if (storeFileExists(file)) checkExistingStoreFile(file);
    else {
      // Created here, with its mode, so it is never readable by others even for a moment.
      try {
        closeSync(openSync(file, 'wx', PRIVATE_FILE_MODE));
      } catch {
        throw new StoreFileError('cannot_create', file);
      }
      created = true;
    }
    // SQLite gives the -wal and -shm files the database file's mode.
    for (const f of [file, `${file}-wal`, `${file}-shm`]) makeFilePrivate(f);
  }
  const db = new Database(file);
  try {
    // Check the version before any pragma that writes (WAL changes the header):
    // a database from a newer app must be left byte-for-byte as it was.
    const found = db.pragma('user_version', { simple: true }) as number;
    if (found > LATEST_VERSION) throw new DatabaseTooNewError(found, LATEST_VERSION);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // 100,000 records with their indexes are ~100 MB; the default 2 MB page
    // cache made every list page and every random-order index insert (names,
    // CPR) read pages back from the OS. The cache grows only as pages are used.
    db.pragma('cache_size = -65536');
    db.pragma('temp_store = MEMORY');
    const { from } = migrate(db);
    return { db, isNew: file === ':memory:' ? from === 0 : created && from === 0 };
  } catch (error) {
    db.close();
    // A file this call created and could not finish (disk full) would be refused
    // as empty next time; it holds nothing, so it goes.
    if (created) for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
    throw error;
  }
}
