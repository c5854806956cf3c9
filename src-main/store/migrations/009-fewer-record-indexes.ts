import type { Migration } from './migration';

// Fewer indexes on records, the same plans. Migration 004 added
// (user, status) and (group, status, user) for "Mine ansvarsområder"; 008 added
// (user, group) and (group, user) for counting "my records". Each pair starts
// with the same column, so one index per pair with all three columns serves
// both: counts by user or group stay covering ranges, and the per-status counts
// still come grouped from the index.
//
// Two more go. The workflow index: a status belongs to one workflow, so the
// records of a workflow are those of its statuses, counted from records_by_status.
// The creation-time list index: a record's id is taken in the transaction that
// creates it, so creation order is id order, and the number index serves it.
//
// The CPR index becomes a search index of its own. A CPR number is as good
// as random, so every new record wrote into a random page of that B-tree (the
// second largest cost of an import); FTS5 gathers a transaction's entries in
// memory and writes them as one sorted segment. A lookup is an exact match of
// the one ten-digit token (no prefixes, no positions), well under a millisecond.
//
// Every index costs every record insert (a CSV import of 100,000 records) and
// every status change a B-tree write: records now have 7 secondary indexes instead of 12.
export const migration009: Migration = {
  version: 9,
  name: 'fewer record indexes',
  up: (db) => {
    db.exec(`
      DROP INDEX records_by_user_status;
      DROP INDEX records_by_group_status;
      DROP INDEX records_by_user;
      DROP INDEX records_by_group;
      DROP INDEX records_by_workflow;
      DROP INDEX records_list_by_created;
      DROP INDEX records_by_cpr;
      CREATE VIRTUAL TABLE records_cpr USING fts5(cpr, content='', contentless_delete=1, tokenize='unicode61', detail=none);
      INSERT INTO records_cpr (rowid, cpr) SELECT id, cpr FROM records WHERE cpr IS NOT NULL;
      CREATE INDEX records_by_user ON records(responsible_user_id, status_id, responsible_group_id);
      CREATE INDEX records_by_group ON records(responsible_group_id, status_id, responsible_user_id);
    `);
  },
};
