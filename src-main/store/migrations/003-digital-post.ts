import type { Migration } from './migration';

// The Digital Post outbox: one row per letter, the MeMo bytes fixed at queueing
// (with their SHA-256, the proof of exactly what was sent), the messageUUID that
// every retry reuses, receipts, and a timeline of what happened to each letter.
export const migration003: Migration = {
  version: 3,
  name: 'Digital Post messages, outbox and mailings',
  up: (db) => {
    db.exec(`
      CREATE TABLE digital_post_messages (
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
        state TEXT NOT NULL CHECK (state IN ('queued','sending','accepted','delivered','read','failed','cancelled','physical_post')),
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
        cost_ore INTEGER
      );
      CREATE INDEX digital_post_due ON digital_post_messages(next_attempt_at, id) WHERE state IN ('queued','sending');
      CREATE INDEX digital_post_accepted ON digital_post_messages(id) WHERE state = 'accepted';
      CREATE INDEX digital_post_by_record ON digital_post_messages(record_id);
      CREATE INDEX digital_post_by_state ON digital_post_messages(state);

      CREATE TABLE digital_post_events (
        id INTEGER PRIMARY KEY,
        message_id INTEGER NOT NULL REFERENCES digital_post_messages(id) ON DELETE CASCADE,
        at TEXT NOT NULL,
        kind TEXT NOT NULL,
        detail TEXT NOT NULL DEFAULT ''
      );
      CREATE INDEX digital_post_events_by_message ON digital_post_events(message_id, id);
    `);
  },
};
