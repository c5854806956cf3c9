import type Database from 'better-sqlite3';
import type { Db } from './database';

const statements = new WeakMap<Db, Map<string, Database.Statement>>();

/**
 * The statement for `sql` on this database, prepared on first use and reused
 * after. Preparing costs about 10 µs, which dominated bulk writes: a CSV import
 * runs half a dozen statements per record. Meant for the write paths; queries
 * that tests inspect for their plan keep calling db.prepare, so the capture
 * helper sees them.
 */
export function preparedOnce(db: Db, sql: string): Database.Statement {
  let byDb = statements.get(db);
  if (!byDb) {
    byDb = new Map();
    statements.set(db, byDb);
  }
  let statement = byDb.get(sql);
  if (!statement) {
    statement = db.prepare(sql);
    byDb.set(sql, statement);
  }
  return statement;
}
