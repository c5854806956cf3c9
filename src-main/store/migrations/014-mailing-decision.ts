import type { Migration } from './migration';

// A mailing is a decision, not a click (issue 14). Preparing now only renders:
// each letter's PDF, subject, projected Digital Post price and channel
// (digital, or physical post because the citizen is exempt or has no mailbox)
// are kept on its mailing item ('rendered'); a separate send step queues them
// ('sending' → 'sent'). SQLite cannot change a CHECK constraint in place, so
// both tables are rebuilt; the items are kept aside while the mailings table
// is replaced, since dropping it would cascade to them. Mailings prepared by
// the old one-click step had queued their letters: they become 'sent'.
// Monthly budgets per paid channel (cost_budgets): no row = no limit.
export const migration014: Migration = {
  version: 14,
  name: 'mailing send step and monthly budgets',
  up: (db) => {
    db.exec(`
      CREATE TEMP TABLE mailing_items_keep AS SELECT mailing_id, record_id, state, message_id, reason FROM mailing_items;
      DROP TABLE mailing_items;

      CREATE TABLE mailings_v14 (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        template_id INTEGER NOT NULL REFERENCES document_templates(id) ON DELETE RESTRICT,
        filter TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('draft', 'preparing', 'prepared', 'sending', 'sent')),
        created_at TEXT NOT NULL,
        created_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
        prepared_at TEXT,
        sent_at TEXT,
        sent_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
        -- what the sender confirmed in the send dialog
        confirmed_letters INTEGER,
        confirmed_cost_ore INTEGER
      );
      INSERT INTO mailings_v14 (id, name, template_id, filter, state, created_at, created_by, prepared_at, sent_at)
        SELECT id, name, template_id, filter, CASE state WHEN 'prepared' THEN 'sent' ELSE state END, created_at, created_by, prepared_at,
               CASE state WHEN 'prepared' THEN prepared_at END
        FROM mailings;
      DROP TABLE mailings;
      ALTER TABLE mailings_v14 RENAME TO mailings;

      CREATE TABLE mailing_items (
        mailing_id INTEGER NOT NULL REFERENCES mailings(id) ON DELETE CASCADE,
        record_id INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,
        state TEXT NOT NULL CHECK (state IN ('pending', 'rendered', 'queued', 'skipped')),
        message_id INTEGER,
        -- why a letter was skipped (e.g. no CPR); never holds a CPR number
        reason TEXT NOT NULL DEFAULT '',
        -- the rendered letter, kept from preparing until it is queued (then the outbox holds it);
        -- the CPR it was rendered for, so the letter goes to whom it was written to (never logged)
        recipient_cpr TEXT,
        subject TEXT,
        file_name TEXT,
        pdf BLOB,
        -- projected Digital Post price of the letter's MeMo message, in øre
        cost_ore INTEGER,
        channel TEXT CHECK (channel IN ('digital', 'physical')),
        -- why a letter goes by physical post: 'exempt' or 'no_mailbox'
        physical_reason TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (mailing_id, record_id)
      ) WITHOUT ROWID;
      INSERT INTO mailing_items (mailing_id, record_id, state, message_id, reason)
        SELECT mailing_id, record_id, state, message_id, reason FROM mailing_items_keep;
      DROP TABLE mailing_items_keep;
      CREATE INDEX mailing_items_by_state ON mailing_items(mailing_id, state);

      CREATE TABLE cost_budgets (
        kind TEXT PRIMARY KEY CHECK (kind IN ('digital_post', 'mitid_login', 'signature')),
        monthly_ore INTEGER NOT NULL CHECK (monthly_ore >= 0),
        updated_at TEXT NOT NULL,
        updated_by INTEGER REFERENCES users(id) ON DELETE SET NULL
      ) WITHOUT ROWID;
    `);
  },
};
