import type { StatusActionDef, TimedActionView } from '../contract';
import { enqueueJob } from '../jobs/job-queue';
import { isoAt } from '../shared/clock';
import type { Db } from '../store/database';
import { preparedOnce } from '../store/statement-cache';
import { timingFromRow, type TimingColumns } from './timing-store';

// Durable timed status actions (issue 7). Rows, not timers: the scheduler turns
// due rows into jobs, each exactly once, whether the app was open or not.

/** ISO time or `YYYY-MM-DD` → ms; null when not a date. Dates count from 00:00 UTC, like SQLite's unixepoch(). */
const toMs = (value: string | null | undefined): number | null => {
  if (!value) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : ms;
};

/**
 * Called in the transaction that puts a record into a status: one pending row
 * per enabled delayed action of that status, with its due time.
 */
export function scheduleTimedActions(
  db: Db,
  args: { recordId: number; historyId: number; actions: StatusActionDef[]; now: number },
): number[] {
  const delayed = args.actions.filter((a) => a.enabled && a.timing?.trigger === 'delay');
  if (delayed.length === 0) return [];
  const record = preparedOnce(db, 'SELECT created_at, updated_at FROM records WHERE id = ?').get(args.recordId) as
    | { created_at: string; updated_at: string }
    | undefined;
  if (!record) return [];
  const insert = preparedOnce(
    db,
    `INSERT INTO timed_actions (record_id, action_id, status_history_id, basis, field_id, delay_ms, due_at, state, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', ?)`,
  );
  // CAST: better-sqlite3 binds JS numbers as REAL, which would make the path $."5.0".
  const fieldValue = preparedOnce(
    db,
    `SELECT json_extract(field_values, '$."' || CAST(? AS INTEGER) || '"') AS value FROM record_data WHERE record_id = ?`,
  );
  const ids: number[] = [];
  for (const action of delayed) {
    const timing = action.timing!;
    let basis: number | null;
    switch (timing.delayFrom) {
      case 'entered':
        basis = args.now;
        break;
      case 'created':
        basis = toMs(record.created_at);
        break;
      case 'changed':
        basis = toMs(record.updated_at);
        break;
      case 'field': {
        const row = fieldValue.get(timing.delayFieldId, args.recordId) as { value: string | null } | undefined;
        basis = toMs(row?.value);
        break;
      }
    }
    const due = basis === null ? null : basis + timing.delayMs;
    const info = insert.run(
      args.recordId,
      action.id,
      args.historyId,
      timing.delayFrom,
      timing.delayFieldId,
      timing.delayMs,
      due,
      isoAt(args.now),
    );
    ids.push(Number(info.lastInsertRowid));
  }
  return ids;
}

/** Called in the transaction that takes a record out of its status: its pending timed actions will not fire. */
export function cancelTimedActions(db: Db, recordId: number, now: number): number {
  return preparedOnce(db, "UPDATE timed_actions SET state = 'cancelled', ended_at = ? WHERE record_id = ? AND state = 'pending'").run(
    isoAt(now),
    recordId,
  ).changes;
}

/** Called in the status change's transaction: one job per enabled on-leave action of the status being left. */
export function enqueueLeaveJobs(db: Db, args: { recordId: number; historyId: number; actions: StatusActionDef[]; now: number }): number[] {
  return args.actions
    .filter((a) => a.enabled && a.timing?.trigger === 'leave')
    .map((action) =>
      enqueueJob(db, { recordId: args.recordId, historyId: args.historyId, action, now: args.now, key: `status-change:${args.historyId}:leave:${action.id}` }),
    );
}

/** The due scan: pending rows due at or before `now`, in due order (partial index timed_actions_due). */
export function dueTimedActionIds(db: Db, now: number, limit: number): number[] {
  return (
    preparedOnce(db, "SELECT id FROM timed_actions WHERE state = 'pending' AND due_at <= ? ORDER BY due_at, id LIMIT ?").all(now, limit) as {
      id: number;
    }[]
  ).map((r) => r.id);
}

/** The earliest pending due time, so the scheduler knows how long it may sleep. */
export function nextTimedActionDue(db: Db): number | null {
  const row = preparedOnce(db, "SELECT min(due_at) AS at FROM timed_actions WHERE state = 'pending' AND due_at IS NOT NULL").get() as {
    at: number | null;
  };
  return row.at;
}

type FireRow = {
  id: number;
  record_id: number;
  status_history_id: number;
  state: string;
  due_at: number | null;
  current_status_id: number;
  a_id: number;
  a_status_id: number;
  a_type: string;
  a_name: string;
  a_params: string;
  a_enabled: number;
  a_sort_order: number;
} & TimingColumns;

export type FireOutcome = { kind: 'fired'; recordId: number; jobId: number } | { kind: 'cancelled'; recordId: number } | { kind: 'skipped' };

/**
 * Turns one due timed action into a job, in one transaction: the row is marked
 * fired and the job is written together, or neither. The state check and the
 * job's UNIQUE idempotency key make a second firing impossible, even from a
 * second process (the CLI) on the same file.
 */
export function fireTimedAction(db: Db, id: number, now: number): FireOutcome {
  return db
    .transaction((): FireOutcome => {
      const row = preparedOnce(
        db,
        `SELECT t.id, t.record_id, t.status_history_id, t.state, t.due_at, r.status_id AS current_status_id,
                a.id AS a_id, a.status_id AS a_status_id, a.type AS a_type, a.name AS a_name, a.params AS a_params,
                a.enabled AS a_enabled, a.sort_order AS a_sort_order, a.trigger, a.delay_ms, a.delay_from, a.delay_field_id
         FROM timed_actions t JOIN records r ON r.id = t.record_id JOIN status_actions a ON a.id = t.action_id
         WHERE t.id = ?`,
      ).get(id) as FireRow | undefined;
      if (!row || row.state !== 'pending' || row.due_at === null || row.due_at > now) return { kind: 'skipped' };
      // The latest entry into the status is the one this row belongs to; anything
      // else (a move the CLI made without cancelling, an action switched off) ends it.
      const latest = preparedOnce(db, 'SELECT max(id) AS id FROM status_history WHERE record_id = ?').get(row.record_id) as { id: number };
      const stillThere = row.current_status_id === row.a_status_id && latest.id === row.status_history_id;
      if (!stillThere || row.a_enabled !== 1 || row.trigger !== 'delay') {
        preparedOnce(db, "UPDATE timed_actions SET state = 'cancelled', ended_at = ? WHERE id = ? AND state = 'pending'").run(isoAt(now), id);
        return { kind: 'cancelled', recordId: row.record_id };
      }
      const action: StatusActionDef = {
        id: row.a_id,
        statusId: row.a_status_id,
        type: row.a_type,
        name: row.a_name,
        params: JSON.parse(row.a_params) as Record<string, unknown>,
        enabled: true,
        sortOrder: row.a_sort_order,
        timing: timingFromRow(row),
      };
      const jobId = enqueueJob(db, { recordId: row.record_id, historyId: row.status_history_id, action, now, key: `timed-action:${id}` });
      const marked = preparedOnce(db, "UPDATE timed_actions SET state = 'fired', job_id = ?, ended_at = ? WHERE id = ? AND state = 'pending'").run(
        jobId,
        isoAt(now),
        id,
      ).changes;
      if (marked !== 1) throw new Error('timed action changed while firing');
      return { kind: 'fired', recordId: row.record_id, jobId };
    })
    .immediate();
}

/** The record's timed actions of its current stay, and the latest fired/cancelled ones, for the record view. */
export function timedActionsForRecord(db: Db, recordId: number): TimedActionView[] {
  const rows = db
    .prepare(
      `SELECT t.id, t.action_id, a.name, a.status_id, t.basis, t.delay_ms, t.due_at, t.state, t.job_id
       FROM timed_actions t JOIN status_actions a ON a.id = t.action_id
       WHERE t.record_id = ? ORDER BY (t.state = 'pending') DESC, t.due_at IS NULL, t.due_at, t.id DESC LIMIT 50`,
    )
    .all(recordId) as {
    id: number;
    action_id: number;
    name: string;
    status_id: number;
    basis: TimedActionView['basis'];
    delay_ms: number;
    due_at: number | null;
    state: TimedActionView['state'];
    job_id: number | null;
  }[];
  return rows.map((r) => ({
    id: r.id,
    actionId: r.action_id,
    actionName: r.name,
    statusId: r.status_id,
    basis: r.basis,
    delayMs: r.delay_ms,
    dueAt: r.due_at === null ? null : isoAt(r.due_at),
    state: r.state,
    jobId: r.job_id,
  }));
}
