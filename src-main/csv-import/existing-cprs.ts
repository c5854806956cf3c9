import Database from 'better-sqlite3';
import type { ExistingCprs } from './csv-file-check';

/** The store's CPR numbers as numbers (see ExistingCprs), read through `db`. */
export function cprsOf(db: Database.Database): Set<number> {
  const cprs = new Set<number>();
  for (const cpr of db.prepare('SELECT cpr FROM records WHERE cpr IS NOT NULL').pluck().iterate() as Iterable<string>) cprs.add(Number(cpr));
  return cprs;
}

/**
 * The CPR numbers the store's records hold, read on the import's second thread
 * through a read-only connection of its own (WAL: it waits for no writer), so
 * duplicate CPR numbers are found without the app's thread reading 100,000 rows.
 * Null when the file cannot be read (the import then says it could not check).
 */
export function readExistingCprs(dbFile: string | null): ExistingCprs {
  if (dbFile === null) return null;
  try {
    const db = new Database(dbFile, { readonly: true, fileMustExist: true });
    try {
      return cprsOf(db);
    } finally {
      db.close();
    }
  } catch {
    return null;
  }
}
