import type { Migration } from './migration';

// Digital Post letters whose answer was lost (a timeout, a reset) are neither
// failed nor accepted: they are "awaiting_receipt" until the access point
// confirms them or their receipt comes. SQLite cannot change a CHECK
// constraint in place, so the table is rebuilt (its timeline rows are kept
// aside while the old table is dropped, since the drop cascades to them).
// New columns: when the letter started waiting for its receipt, the time of the
// last attempt, and when the caseworker was told that no receipt came.
// Receipts fetched from the access point are stored (digital_post_receipts)
// in the same transaction that applies them, and acknowledged only after that,
// so a crash between fetching and committing loses nothing.
export const migration012: Migration = {
  version: 12,
  name: 'Digital Post awaiting receipt and stored receipts',
  up: (db) => {
    const columns = `id, message_uuid, idempotency_key, record_id, mailing_id, recipient_cpr, subject, notification, files, memo, memo_sha256,
      memo_bytes, state, attempts, next_attempt_at, lease_until, transport, created_at, created_by, accepted_at, delivered_at, read_at,
      finished_at, transmission_id, accept_receipt, delivery_receipt, error_code, error_text, field_errors, cost_ore`;
    db.exec(`
      CREATE TABLE digital_post_messages_v12 (
        id INTEGER PRIMARY KEY,
        message_uuid TEXT NOT NULL UNIQUE,
        idempotency_key TEXT NOT NULL UNIQUE,
        record_id INTEGER REFERENCES records(id) ON DELETE SET NULL,
        mailing_id INTEGER,
        recipient_cpr TEXT NOT NULL,
        subject TEXT NOT NULL,
        notification TEXT NOT NULL DEFAULT '',
        files TEXT NOT NULL,
        memo BLOB NOT NULL,
        memo_sha256 TEXT NOT NULL,
        memo_bytes INTEGER NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('queued','sending','awaiting_receipt','accepted','delivered','read','failed','cancelled','physical_post')),
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER NOT NULL,
        lease_until INTEGER,
        transport TEXT,
        created_at TEXT NOT NULL,
        created_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
        accepted_at TEXT,
        delivered_at TEXT,
        read_at TEXT,
        finished_at TEXT,
        transmission_id TEXT,
        accept_receipt TEXT,
        delivery_receipt TEXT,
        error_code TEXT NOT NULL DEFAULT '',
        error_text TEXT NOT NULL DEFAULT '',
        field_errors TEXT,
        cost_ore INTEGER,
        awaiting_since INTEGER,
        last_attempt_at INTEGER,
        overdue_notified_at INTEGER
      );
      INSERT INTO digital_post_messages_v12 (${columns}) SELECT ${columns} FROM digital_post_messages;
      CREATE TEMP TABLE digital_post_events_keep AS SELECT id, message_id, at, kind, detail FROM digital_post_events;
      DROP TABLE digital_post_messages;
      ALTER TABLE digital_post_messages_v12 RENAME TO digital_post_messages;
      DELETE FROM digital_post_events;
      INSERT INTO digital_post_events (id, message_id, at, kind, detail) SELECT id, message_id, at, kind, detail FROM digital_post_events_keep;
      DROP TABLE digital_post_events_keep;

      CREATE INDEX digital_post_due ON digital_post_messages(next_attempt_at, id) WHERE state IN ('queued','sending','awaiting_receipt');
      CREATE INDEX digital_post_accepted ON digital_post_messages(id) WHERE state IN ('accepted','awaiting_receipt');
      CREATE INDEX digital_post_by_record ON digital_post_messages(record_id);
      CREATE INDEX digital_post_by_state ON digital_post_messages(state);
      CREATE INDEX digital_post_by_mailing ON digital_post_messages(mailing_id, state) WHERE mailing_id IS NOT NULL;
      CREATE INDEX digital_post_by_transmission ON digital_post_messages(transmission_id) WHERE transmission_id IS NOT NULL;

      CREATE TABLE digital_post_receipts (
        receipt_id TEXT PRIMARY KEY,
        message_uuid TEXT NOT NULL DEFAULT '',
        message_id INTEGER REFERENCES digital_post_messages(id) ON DELETE SET NULL,
        status TEXT NOT NULL,
        body TEXT NOT NULL,
        fetched_at TEXT NOT NULL,
        acknowledged_at TEXT
      );
      CREATE INDEX digital_post_receipts_unacknowledged ON digital_post_receipts(receipt_id) WHERE acknowledged_at IS NULL;
    `);
    // Letters of mailings queued before mailing_id was written get it from the mailing's items.
    const hasMailingItems = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'mailing_items'").get() !== undefined;
    if (hasMailingItems) {
      db.exec(`UPDATE digital_post_messages SET mailing_id = (SELECT mi.mailing_id FROM mailing_items mi WHERE mi.message_id = digital_post_messages.id)
               WHERE mailing_id IS NULL AND id IN (SELECT message_id FROM mailing_items WHERE message_id IS NOT NULL)`);
    }
  },
};
