import type { FieldRole } from '../contract';
import type { Db } from '../store/database';
import { nameKey } from '../records/name-key';

/**
 * Recomputes a hot record column after a role moved to another field (or went
 * away), so lists agree with the field values again. Runs inside the caller's
 * transaction.
 */
export function refreshRoleColumn(db: Db, role: FieldRole, fieldId: number | null): void {
  const value = fieldId === null ? 'NULL' : `(SELECT value FROM record_values v WHERE v.record_id = records.id AND v.field_id = ${fieldId})`;
  switch (role) {
    case 'name': {
      db.exec(`UPDATE records SET name = coalesce(${value}, '')`);
      db.exec('DELETE FROM records_search');
      const rows = db.prepare('SELECT id, name FROM records').all() as { id: number; name: string }[];
      const setKey = db.prepare('UPDATE records SET name_key = ? WHERE id = ?');
      const index = db.prepare('INSERT INTO records_search(rowid, name) VALUES (?, ?)');
      for (const r of rows) {
        setKey.run(nameKey(r.name), r.id);
        if (r.name) index.run(r.id, r.name);
      }
      return;
    }
    case 'cpr':
      db.exec(`UPDATE records SET cpr = ${value}`);
      db.exec('DELETE FROM records_cpr');
      db.exec('INSERT INTO records_cpr (rowid, cpr) SELECT id, cpr FROM records WHERE cpr IS NOT NULL');
      return;
    case 'responsible_user':
      db.exec(`UPDATE records SET responsible_user_id = CAST(${value} AS INTEGER)`);
      return;
    case 'responsible_group':
      db.exec(`UPDATE records SET responsible_group_id = CAST(${value} AS INTEGER)`);
      return;
  }
}
