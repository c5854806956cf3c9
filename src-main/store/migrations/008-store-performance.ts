import type { Migration } from './migration';

// The case store at 100,000 records.
//
// 1. Field values move from one row per value (record_values, 20 B-tree
//    inserts plus 20 index inserts per record) to one JSON object per record
//    in record_data, keyed by field id: {"5":"Jens Hansen","7":"2026-01-05"}.
//    The fields that lists filter, sort and search on already have hot columns
//    on records, so nothing queries the values by content on a hot path.
//    `record_values` stays as a read-only view with the old shape, so admin
//    queries (how many records hold a field, role refresh) read the same rows.
//
// 2. List pages: one narrow "list index" per sort order (number, name, last
//    change, creation, status), holding the sort key, the id as tie-breaker
//    and every filter column. A page is found by walking that index alone
//    (the filters are checked inside the index, OFFSET skips entries without
//    touching the table) and only the page's 50 rows are then read. A walk of
//    all 100,000 entries costs ~2 ms, so every filter × sort combination stays
//    within the 10 ms budget without a sort step or a composite index per pair.
//    The per-filter indexes (workflow, user, group; status is its list index)
//    stay for counting; user and group each carry the other, so "my records"
//    (mine OR my groups') is counted from three covering ranges. The old single-column sort indexes are subsumed.
//
// 3. Name search: FTS5 with prefix indexes for 2 and 3 letters (most searches
//    are a short word start) and detail=none (only "which records", no
//    positions: prefix AND queries need nothing more).
export const migration008: Migration = {
  version: 8,
  name: 'store performance',
  up: (db) => {
    db.exec(`
      CREATE TABLE record_data (
        record_id INTEGER PRIMARY KEY REFERENCES records(id) ON DELETE CASCADE,
        field_values TEXT NOT NULL DEFAULT '{}'
      );
      INSERT INTO record_data (record_id, field_values)
        SELECT record_id, json_group_object(CAST(field_id AS TEXT), value)
        FROM record_values GROUP BY record_id ORDER BY record_id;
      DROP TABLE record_values;
      DROP INDEX records_by_name;
      DROP INDEX records_by_updated;
      DROP INDEX records_by_created;
      DROP INDEX records_by_status;
      CREATE INDEX records_list_by_number ON records(id, workflow_id, status_id, responsible_user_id, responsible_group_id);
      CREATE INDEX records_list_by_name ON records(name_key, id, workflow_id, status_id, responsible_user_id, responsible_group_id);
      CREATE INDEX records_list_by_updated ON records(updated_at, id, workflow_id, status_id, responsible_user_id, responsible_group_id);
      CREATE INDEX records_list_by_created ON records(created_at, id, workflow_id, status_id, responsible_user_id, responsible_group_id);
      DROP INDEX records_by_user;
      DROP INDEX records_by_group;
      CREATE INDEX records_by_user ON records(responsible_user_id, responsible_group_id);
      CREATE INDEX records_by_group ON records(responsible_group_id, responsible_user_id);
      CREATE INDEX records_by_status ON records(status_id, id, workflow_id, responsible_user_id, responsible_group_id);

      DROP TABLE records_search;
      CREATE VIRTUAL TABLE records_search USING fts5(
        name, content='', contentless_delete=1, tokenize='unicode61', detail=none, prefix='2 3'
      );
      INSERT INTO records_search (rowid, name) SELECT id, name FROM records WHERE name <> '';

      CREATE VIEW record_values (record_id, field_id, value) AS
        SELECT d.record_id, CAST(v.key AS INTEGER), v.value
        FROM record_data d, json_each(d.field_values) v;

      -- Timed actions counted from a date field (migration 005) followed that
      -- field's row in record_values; dropping the table dropped those triggers.
      -- They now follow the record's values object: a missing or cleared date
      -- leaves the action without a due time, as before.
      CREATE TRIGGER timed_actions_follow_date_insert AFTER INSERT ON record_data
      BEGIN
        UPDATE timed_actions SET due_at = unixepoch(json_extract(NEW.field_values, '$."' || field_id || '"')) * 1000 + delay_ms
        WHERE record_id = NEW.record_id AND state = 'pending' AND basis = 'field';
      END;
      CREATE TRIGGER timed_actions_follow_date_update AFTER UPDATE OF field_values ON record_data
      BEGIN
        UPDATE timed_actions SET due_at = unixepoch(json_extract(NEW.field_values, '$."' || field_id || '"')) * 1000 + delay_ms
        WHERE record_id = NEW.record_id AND state = 'pending' AND basis = 'field';
      END;
    `);
  },
};
