import type { Migration } from './migration';

// The personal inbox: one row per recipient, so read state is per user and a
// group notification is resolved to its members when it is published.
export const migration004: Migration = {
  version: 4,
  name: 'notifications and read state',
  up: (db) => {
    db.exec(`
      CREATE TABLE notifications (
        id INTEGER PRIMARY KEY,
        user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        record_id INTEGER REFERENCES records(id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        -- The context line in Danish, as stored; params let the renderer say it in the UI language.
        context TEXT NOT NULL,
        params TEXT,
        actor_user_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
        created_at TEXT NOT NULL,
        read_at TEXT
      );
      CREATE INDEX notifications_by_user ON notifications(user_id, id);
      -- The bell: a user's unread ones, newest first, without touching read rows.
      CREATE INDEX notifications_unread ON notifications(user_id, id) WHERE read_at IS NULL;
      -- No index on record_id or created_at: every index costs each of the many
      -- inserts (a CSV import notifies per record); records are never deleted
      -- today, and retention walks the rowid (ids grow with time).

      -- "Mine ansvarsområder": counts per status straight from the index.
      CREATE INDEX records_by_user_status ON records(responsible_user_id, status_id);
      CREATE INDEX records_by_group_status ON records(responsible_group_id, status_id, responsible_user_id);
    `);
  },
};
