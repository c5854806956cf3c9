import type { Migration } from './migration';

// Issue 7: status actions that fire on leaving a status or after a delay in it,
// durable timed-action rows, and guards on transitions.
export const migration005: Migration = {
  version: 5,
  name: 'timed status actions and transition guards',
  up: (db) => {
    db.exec(`
      -- status_actions.trigger already exists ('enter'); it may now also be
      -- 'leave' or 'delay'. A delayed action counts delay_ms (negative = before)
      -- from delay_from: 'entered' | 'created' | 'changed' | 'field' (delay_field_id).
      ALTER TABLE status_actions ADD COLUMN delay_ms INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE status_actions ADD COLUMN delay_from TEXT NOT NULL DEFAULT 'entered';
      ALTER TABLE status_actions ADD COLUMN delay_field_id INTEGER REFERENCES fields(id) ON DELETE SET NULL;

      -- One row per delayed action per entry into its status. The basis is copied
      -- from the action so the due time can be recomputed without the workspace.
      -- due_at is NULL while a date-field basis has no date.
      CREATE TABLE timed_actions (
        id INTEGER PRIMARY KEY,
        record_id INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,
        action_id INTEGER NOT NULL REFERENCES status_actions(id) ON DELETE CASCADE,
        status_history_id INTEGER NOT NULL REFERENCES status_history(id) ON DELETE CASCADE,
        basis TEXT NOT NULL,
        field_id INTEGER,
        delay_ms INTEGER NOT NULL,
        due_at INTEGER,
        state TEXT NOT NULL DEFAULT 'pending',
        job_id INTEGER REFERENCES jobs(id) ON DELETE SET NULL,
        created_at TEXT NOT NULL,
        ended_at TEXT,
        UNIQUE (status_history_id, action_id)
      );
      -- The scheduler's scan: only pending rows, in due order.
      CREATE INDEX timed_actions_due ON timed_actions(due_at, id) WHERE state = 'pending';
      CREATE INDEX timed_actions_by_record ON timed_actions(record_id, state);

      -- Due times that follow the record: recomputed inside the very statement
      -- that changes the basis, whichever path (caseworker, CSV, action, CLI) wrote it.
      CREATE TRIGGER timed_actions_follow_change AFTER UPDATE OF updated_at ON records
      BEGIN
        UPDATE timed_actions SET due_at = CAST(unixepoch(NEW.updated_at, 'subsec') * 1000 AS INTEGER) + delay_ms
        WHERE record_id = NEW.id AND state = 'pending' AND basis = 'changed';
      END;
      CREATE TRIGGER timed_actions_follow_date_insert AFTER INSERT ON record_values
      BEGIN
        UPDATE timed_actions SET due_at = unixepoch(NEW.value) * 1000 + delay_ms
        WHERE record_id = NEW.record_id AND state = 'pending' AND basis = 'field' AND field_id = NEW.field_id;
      END;
      CREATE TRIGGER timed_actions_follow_date_update AFTER UPDATE OF value ON record_values
      BEGIN
        UPDATE timed_actions SET due_at = unixepoch(NEW.value) * 1000 + delay_ms
        WHERE record_id = NEW.record_id AND state = 'pending' AND basis = 'field' AND field_id = NEW.field_id;
      END;
      CREATE TRIGGER timed_actions_follow_date_delete AFTER DELETE ON record_values
      BEGIN
        UPDATE timed_actions SET due_at = NULL
        WHERE record_id = OLD.record_id AND state = 'pending' AND basis = 'field' AND field_id = OLD.field_id;
      END;

      -- Which guards a transition has; the guard types live in code (registry).
      CREATE TABLE transition_guards (
        transition_id INTEGER NOT NULL REFERENCES transitions(id) ON DELETE CASCADE,
        type TEXT NOT NULL,
        PRIMARY KEY (transition_id, type)
      ) WITHOUT ROWID;
    `);
  },
};
