import { nameKey } from '../../records/name-key';
import type { Migration } from './migration';

// Names sort as Danish does: Æ, Ø, Å after Z, Aa with Å, other accents ignored
// (records/name-key.ts). The name index compares keys byte by byte, so only the
// stored keys change: every record's key is worked out again, and the few that
// differ (names with æ, ø, å, accents or "aa") are written.
export const migration010: Migration = {
  version: 10,
  name: 'danish name order',
  up: (db) => {
    const rows = db.prepare('SELECT id, name, name_key AS key FROM records').all() as { id: number; name: string; key: string }[];
    const update = db.prepare('UPDATE records SET name_key = ? WHERE id = ?');
    for (const row of rows) {
      const key = nameKey(row.name);
      if (key !== row.key) update.run(key, row.id);
    }
  },
};
