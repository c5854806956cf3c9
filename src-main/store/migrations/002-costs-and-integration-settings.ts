import type { Migration } from './migration';

// The cost ledger every paid integration writes into (Digital Post messages,
// MitID logins, signatures), and the workspace's non-secret integration settings
// (endpoints, sender CVR, prices), shared by the app, the CLI and the browser transport.
export const migration002: Migration = {
  version: 2,
  name: 'cost ledger and integration settings',
  up: (db) => {
    db.exec(`
      CREATE TABLE cost_entries (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        month TEXT NOT NULL,
        kind TEXT NOT NULL,
        record_id INTEGER REFERENCES records(id) ON DELETE SET NULL,
        workflow_id INTEGER REFERENCES workflows(id) ON DELETE SET NULL,
        amount_ore INTEGER NOT NULL,
        description TEXT NOT NULL DEFAULT '',
        idempotency_key TEXT NOT NULL UNIQUE
      );
      CREATE INDEX cost_entries_by_month ON cost_entries(month, kind, workflow_id);
      CREATE INDEX cost_entries_by_record ON cost_entries(record_id);

      CREATE TABLE integration_settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) WITHOUT ROWID;
    `);
  },
};
