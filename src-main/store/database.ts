import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseTooNewError, LATEST_VERSION, migrate } from './migrations';

export type Db = Database.Database;

/**
 * Opens (creating if needed) the case store and migrates it. WAL lets readers
 * (the list view) proceed while the job runner writes; NORMAL sync is durable
 * across application crashes, which is the failure that matters on a desktop.
 */
export function openDatabase(file: string): { db: Db; isNew: boolean } {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
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
    return { db, isNew: from === 0 };
  } catch (error) {
    db.close();
    throw error;
  }
}
