import type Database from 'better-sqlite3';

/**
 * Signing requests: one row per "Request MitID signature" status action, a
 * durable state machine the signing worker advances. The order id is written
 * before the link is sent, and `reference` (sent to Idura on the order) finds
 * an order again if the app stopped between creating it and storing its id.
 * Called from migration 007.
 */
export function createSigningTables(db: Database.Database): void {
  db.exec(`
    CREATE TABLE signing_requests (
      id INTEGER PRIMARY KEY,
      record_id INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,
      job_id INTEGER REFERENCES jobs(id) ON DELETE SET NULL,
      idempotency_key TEXT NOT NULL UNIQUE,
      reference TEXT NOT NULL UNIQUE,
      state TEXT NOT NULL DEFAULT 'requested',
      template_id INTEGER NOT NULL,
      signer_cpr TEXT NOT NULL,
      title TEXT NOT NULL,
      message TEXT NOT NULL DEFAULT '',
      signed_status_id INTEGER REFERENCES statuses(id) ON DELETE SET NULL,
      rejected_status_id INTEGER REFERENCES statuses(id) ON DELETE SET NULL,
      expired_status_id INTEGER REFERENCES statuses(id) ON DELETE SET NULL,
      caseworker_user_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
      document_title TEXT,
      document_file_name TEXT,
      document_pdf BLOB,
      order_id TEXT UNIQUE,
      signatory_id TEXT,
      signing_href TEXT,
      order_expires_at TEXT,
      letter_message_id INTEGER,
      link_sent_at INTEGER,
      signed_pdf BLOB,
      signed_at TEXT,
      outcome_note TEXT NOT NULL DEFAULT '',
      cost_ore INTEGER,
      cancel_requested_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
      cancel_requested_at TEXT,
      attempts INTEGER NOT NULL DEFAULT 0,
      last_error TEXT NOT NULL DEFAULT '',
      next_attempt_at INTEGER NOT NULL,
      last_polled_at INTEGER,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      finished_at TEXT
    );
    CREATE INDEX signing_requests_by_record ON signing_requests(record_id, id);
    CREATE INDEX signing_requests_due ON signing_requests(next_attempt_at)
      WHERE state NOT IN ('completed', 'rejected', 'expired', 'cancelled', 'failed');
  `);
}
