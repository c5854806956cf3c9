import type { Db } from '../store/database';

/**
 * Document templates and mailings (issue 3 "prepare mailings offline", issue 5
 * templates). Called from migration 007's `up`, so this feature's tables live
 * apart from the signing tables that share the migration.
 */
export function createDocumentTemplateTables(db: Db): void {
  db.exec(`
    -- document templates
    CREATE TABLE document_templates (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL UNIQUE,
      -- validated JSON: title, letterhead and blocks with {{placeholders}}
      definition TEXT NOT NULL,
      -- an uploaded letterhead logo (PNG or JPEG); NULL uses the app's own logo
      logo BLOB,
      logo_type TEXT CHECK (logo_type IN ('png', 'jpeg')),
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      updated_by INTEGER REFERENCES users(id) ON DELETE SET NULL
    );

    -- mailings: one letter per chosen record, prepared in chunks and resumable
    CREATE TABLE mailings (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      template_id INTEGER NOT NULL REFERENCES document_templates(id) ON DELETE RESTRICT,
      filter TEXT NOT NULL,
      state TEXT NOT NULL CHECK (state IN ('draft', 'preparing', 'prepared')),
      created_at TEXT NOT NULL,
      created_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
      prepared_at TEXT
    );
    CREATE TABLE mailing_items (
      mailing_id INTEGER NOT NULL REFERENCES mailings(id) ON DELETE CASCADE,
      record_id INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,
      state TEXT NOT NULL CHECK (state IN ('pending', 'queued', 'skipped')),
      message_id INTEGER,
      -- why a letter was skipped (e.g. no CPR); never holds a CPR number
      reason TEXT NOT NULL DEFAULT '',
      PRIMARY KEY (mailing_id, record_id)
    ) WITHOUT ROWID;
    CREATE INDEX mailing_items_by_state ON mailing_items(mailing_id, state);
  `);
}
