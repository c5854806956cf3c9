import type { Migration } from './migration';

// The first schema: people, the workspace definition, records with their field
// values, status history, audit log and the status-action job queue.
export const migration001: Migration = {
  version: 1,
  name: 'initial schema',
  up: (db) => {
    db.exec(`
      CREATE TABLE users (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        initials TEXT NOT NULL,
        email TEXT NOT NULL DEFAULT '',
        is_admin INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL
      );
      CREATE TABLE groups (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE
      );
      CREATE TABLE memberships (
        user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        group_id INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
        PRIMARY KEY (user_id, group_id)
      ) WITHOUT ROWID;
      CREATE INDEX memberships_by_group ON memberships(group_id, user_id);

      CREATE TABLE fields (
        id INTEGER PRIMARY KEY,
        key TEXT NOT NULL UNIQUE,
        label TEXT NOT NULL,
        type TEXT NOT NULL,
        required INTEGER NOT NULL DEFAULT 0,
        options TEXT NOT NULL DEFAULT '[]',
        role TEXT UNIQUE,
        show_in_list INTEGER NOT NULL DEFAULT 0,
        sort_order INTEGER NOT NULL DEFAULT 0
      );
      CREATE TABLE workflows (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        description TEXT NOT NULL DEFAULT '',
        initial_status_id INTEGER REFERENCES statuses(id) ON DELETE SET NULL
      );
      CREATE TABLE statuses (
        id INTEGER PRIMARY KEY,
        workflow_id INTEGER NOT NULL REFERENCES workflows(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        color TEXT NOT NULL DEFAULT '#6b7280',
        is_final INTEGER NOT NULL DEFAULT 0,
        sort_order INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX statuses_by_workflow ON statuses(workflow_id, sort_order);
      CREATE TABLE transitions (
        id INTEGER PRIMARY KEY,
        workflow_id INTEGER NOT NULL REFERENCES workflows(id) ON DELETE CASCADE,
        from_status_id INTEGER NOT NULL REFERENCES statuses(id) ON DELETE CASCADE,
        to_status_id INTEGER NOT NULL REFERENCES statuses(id) ON DELETE CASCADE,
        label TEXT NOT NULL DEFAULT '',
        UNIQUE (from_status_id, to_status_id)
      );
      CREATE INDEX transitions_by_workflow ON transitions(workflow_id);
      CREATE TABLE status_actions (
        id INTEGER PRIMARY KEY,
        status_id INTEGER NOT NULL REFERENCES statuses(id) ON DELETE CASCADE,
        type TEXT NOT NULL,
        name TEXT NOT NULL,
        params TEXT NOT NULL DEFAULT '{}',
        trigger TEXT NOT NULL DEFAULT 'enter',
        enabled INTEGER NOT NULL DEFAULT 1,
        sort_order INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX status_actions_by_status ON status_actions(status_id, sort_order);

      -- Hot columns mirror the fields that have a role (name, cpr, responsible
      -- user/group), so lists filter, sort and search without touching values.
      CREATE TABLE records (
        id INTEGER PRIMARY KEY,
        number TEXT NOT NULL UNIQUE,
        workflow_id INTEGER NOT NULL REFERENCES workflows(id),
        status_id INTEGER NOT NULL REFERENCES statuses(id),
        name TEXT NOT NULL DEFAULT '',
        name_key TEXT NOT NULL DEFAULT '',
        cpr TEXT,
        responsible_user_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
        responsible_group_id INTEGER REFERENCES groups(id) ON DELETE SET NULL,
        version INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        created_by INTEGER REFERENCES users(id) ON DELETE SET NULL
      );
      CREATE INDEX records_by_name ON records(name_key);
      CREATE INDEX records_by_cpr ON records(cpr) WHERE cpr IS NOT NULL;
      CREATE INDEX records_by_updated ON records(updated_at);
      CREATE INDEX records_by_created ON records(created_at);
      CREATE INDEX records_by_status ON records(status_id, updated_at);
      CREATE INDEX records_by_workflow ON records(workflow_id, updated_at);
      CREATE INDEX records_by_user ON records(responsible_user_id, updated_at);
      CREATE INDEX records_by_group ON records(responsible_group_id, updated_at);

      CREATE TABLE record_values (
        record_id INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,
        field_id INTEGER NOT NULL REFERENCES fields(id) ON DELETE CASCADE,
        value TEXT NOT NULL,
        PRIMARY KEY (record_id, field_id)
      ) WITHOUT ROWID;
      CREATE INDEX record_values_by_field ON record_values(field_id, value);

      -- Word-prefix search on names ("hans" finds "Jens Hansen").
      CREATE VIRTUAL TABLE records_search USING fts5(name, content='', contentless_delete=1, tokenize='unicode61');

      CREATE TABLE status_history (
        id INTEGER PRIMARY KEY,
        record_id INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,
        from_status_id INTEGER REFERENCES statuses(id) ON DELETE SET NULL,
        to_status_id INTEGER NOT NULL REFERENCES statuses(id),
        user_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
        comment TEXT NOT NULL DEFAULT '',
        at TEXT NOT NULL
      );
      CREATE INDEX status_history_by_record ON status_history(record_id, id);

      CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        user_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
        record_id INTEGER REFERENCES records(id) ON DELETE SET NULL,
        action TEXT NOT NULL,
        details TEXT NOT NULL DEFAULT '{}'
      );
      CREATE INDEX audit_log_by_record ON audit_log(record_id, id);

      -- Status actions become jobs in the same transaction as the status change
      -- (a transactional outbox); the runner performs them with retries.
      CREATE TABLE jobs (
        id INTEGER PRIMARY KEY,
        record_id INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,
        status_history_id INTEGER REFERENCES status_history(id) ON DELETE SET NULL,
        action_id INTEGER REFERENCES status_actions(id) ON DELETE SET NULL,
        type TEXT NOT NULL,
        name TEXT NOT NULL,
        params TEXT NOT NULL DEFAULT '{}',
        status TEXT NOT NULL DEFAULT 'queued',
        attempts INTEGER NOT NULL DEFAULT 0,
        max_attempts INTEGER NOT NULL DEFAULT 5,
        next_run_at INTEGER NOT NULL,
        last_error TEXT NOT NULL DEFAULT '',
        idempotency_key TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL,
        finished_at TEXT
      );
      CREATE INDEX jobs_due ON jobs(next_run_at) WHERE status = 'queued';
      CREATE INDEX jobs_by_record ON jobs(record_id, id);
      CREATE TABLE job_attempts (
        id INTEGER PRIMARY KEY,
        job_id INTEGER NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
        attempt INTEGER NOT NULL,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        outcome TEXT NOT NULL DEFAULT 'running',
        message TEXT NOT NULL DEFAULT ''
      );
      CREATE INDEX job_attempts_by_job ON job_attempts(job_id, attempt);
    `);
  },
};
