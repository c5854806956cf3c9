import type { Migration } from './migration';

// One notification per person per bulk operation (issue 14). A bulk operation
// (a CSV import, a mailing, a bulk status change) is a row; every notification
// published inside it, whatever caused it (a status action, an assignment, a
// letter that went to physical post), becomes a line of that person's one
// summary notification: (notification, reason, detail, record). The summary is
// rendered from these lines when it is read, in the reader's language.
// Status-action jobs written inside an operation carry its id, so the
// notifications they publish later, in the job runner, join the same summary.
export const migration016: Migration = {
  version: 16,
  name: 'bulk notifications',
  up: (db) => {
    db.exec(`
      CREATE TABLE bulk_operations (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('csv_import', 'mailing', 'status_change')),
        label TEXT NOT NULL DEFAULT '',
        source_key TEXT UNIQUE,
        actor_user_id INTEGER,
        created_at TEXT NOT NULL
      );
      ALTER TABLE notifications ADD COLUMN bulk_operation_id INTEGER REFERENCES bulk_operations(id) ON DELETE CASCADE;
      CREATE UNIQUE INDEX notifications_bulk ON notifications(bulk_operation_id, user_id) WHERE bulk_operation_id IS NOT NULL;
      CREATE TABLE notification_records (
        notification_id INTEGER NOT NULL REFERENCES notifications(id) ON DELETE CASCADE,
        reason TEXT NOT NULL,
        detail TEXT NOT NULL DEFAULT '',
        record_id INTEGER NOT NULL,
        PRIMARY KEY (notification_id, reason, detail, record_id)
      ) WITHOUT ROWID;
      ALTER TABLE jobs ADD COLUMN bulk_operation_id INTEGER;
    `);
  },
};
