import type { Migration } from './migration';

// MitID: which caseworker a MitID identity (uuid) logs in as, which workflows use
// the "Idura / Criipto (MitID)" entity interface and which record field each
// MitID user property fills. Questionnaires: ordered questions mapped to record
// fields, and one row per completed questionnaire.
export const migration006: Migration = {
  version: 6,
  name: 'MitID identities and questionnaires',
  up: (db) => {
    db.exec(`
      CREATE TABLE mitid_identities (
        uuid TEXT PRIMARY KEY,
        user_id INTEGER NOT NULL UNIQUE REFERENCES users(id) ON DELETE CASCADE,
        linked_at TEXT NOT NULL
      ) WITHOUT ROWID;

      CREATE TABLE mitid_workflows (
        workflow_id INTEGER PRIMARY KEY REFERENCES workflows(id) ON DELETE CASCADE
      );
      CREATE TABLE mitid_claim_mappings (
        workflow_id INTEGER NOT NULL REFERENCES mitid_workflows(workflow_id) ON DELETE CASCADE,
        claim TEXT NOT NULL,
        field_id INTEGER NOT NULL REFERENCES fields(id) ON DELETE CASCADE,
        PRIMARY KEY (workflow_id, claim)
      ) WITHOUT ROWID;

      CREATE TABLE questionnaires (
        id INTEGER PRIMARY KEY,
        title TEXT NOT NULL,
        intro TEXT NOT NULL DEFAULT '',
        mitid_required INTEGER NOT NULL DEFAULT 0,
        mode TEXT NOT NULL CHECK (mode IN ('new_record', 'follow_up')),
        workflow_id INTEGER NOT NULL REFERENCES workflows(id) ON DELETE CASCADE,
        start_status_id INTEGER REFERENCES statuses(id) ON DELETE SET NULL,
        completed_status_id INTEGER REFERENCES statuses(id) ON DELETE SET NULL,
        updated_at TEXT NOT NULL
      );
      CREATE TABLE questionnaire_questions (
        id INTEGER PRIMARY KEY,
        questionnaire_id INTEGER NOT NULL REFERENCES questionnaires(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        kind TEXT NOT NULL,
        label TEXT NOT NULL,
        help TEXT NOT NULL DEFAULT '',
        required INTEGER NOT NULL DEFAULT 0,
        field_id INTEGER NOT NULL REFERENCES fields(id) ON DELETE CASCADE
      );
      CREATE INDEX questionnaire_questions_in_order ON questionnaire_questions(questionnaire_id, position);

      CREATE TABLE questionnaire_responses (
        id INTEGER PRIMARY KEY,
        questionnaire_id INTEGER REFERENCES questionnaires(id) ON DELETE SET NULL,
        record_id INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,
        with_mitid INTEGER NOT NULL,
        completed_at TEXT NOT NULL,
        completed_by INTEGER REFERENCES users(id) ON DELETE SET NULL
      );
      CREATE INDEX questionnaire_responses_by_record ON questionnaire_responses(record_id);
    `);
  },
};
