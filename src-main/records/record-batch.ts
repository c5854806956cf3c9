import type { FieldDef } from '../contract';
import { enqueueStatusActionJobs } from '../jobs/job-queue';
import type { Clock } from '../shared/clock';
import { isoAt } from '../shared/clock';
import { DomainError } from '../shared/domain-error';
import type { Db } from '../store/database';
import { BulkInsert } from '../store/bulk-insert';
import { preparedOnce } from '../store/statement-cache';
import { scheduleTimedActions } from '../timed-actions/timed-actions';
import type { WorkspaceSnapshot } from '../workspace/workspace-snapshot';
import { BatchAssignments, type AssignmentHook } from './assignment-hook';
import { INSERT_RECORDS_HEAD, recordNumbersAt } from './record-columns';
import { recordPreparer, type PreparedRecord, type RecordPreparer } from './record-preparer';
import type { Actor } from './records-service';

export interface RecordBatchDeps {
  db: Db;
  clock: Clock;
  assignments?: AssignmentHook;
}

/** Where a batch goes: the workflow and the status its records start in. */
export interface BatchTarget {
  workflowId: number;
  statusId: number;
}

/**
 * Writes many already validated records into one status (a CSV import), inside
 * the caller's transaction: `add` each record's values, then `finish`. Each
 * record gets exactly what RecordsService.insert gives one: its row and values,
 * a search entry, the first status-history entry, a `record.created` audit
 * entry, and the initial status's jobs and timed actions.
 *
 * The difference is how. Records go in with multi-row statements; the derived
 * rows are written set-based from the new records once they are all in; the
 * search indexes (names, CPR numbers) come last. That order matters: a statement on a table with a
 * trigger opens a statement savepoint, and FTS5 flushes its pending entries to
 * a new on-disk segment at every savepoint, so search entries written between
 * records cost a tiny segment (and its merging) per record. Responsibility
 * notifications go to the hook once per person and field for the whole batch.
 */
export class RecordBatchWriter {
  private readonly now: number;
  private readonly at: string;
  private readonly numberOf: (id: number) => string;
  private readonly first: number;
  private next: number;
  private readonly preparer: RecordPreparer;
  private readonly records: BulkInsert;
  private readonly data: BulkInsert;
  private readonly assigned: BatchAssignments;
  /** Whether the caller tells the hook itself, once for many batches (a CSV import written in several transactions). */
  private readonly assignmentsGathered: boolean;
  private finished = false;

  /** `fields` are the fields every record's values fill, in the order `add` gets them. */
  constructor(
    private readonly deps: RecordBatchDeps,
    private readonly ws: WorkspaceSnapshot,
    private readonly target: BatchTarget,
    fields: FieldDef[],
    private readonly actor: Actor,
    options: { assignments?: BatchAssignments } = {},
  ) {
    this.assigned = options.assignments ?? new BatchAssignments();
    this.assignmentsGathered = options.assignments !== undefined;
    const { db } = deps;
    if (!db.inTransaction) throw new Error('RecordBatchWriter writes inside the caller’s transaction');
    // One transaction is one moment: every record of the batch is made at the same time.
    this.now = deps.clock.now();
    this.at = isoAt(this.now);
    this.numberOf = recordNumbersAt(this.now);
    this.first = preparedOnce(db, 'SELECT coalesce(max(id), 0) + 1 FROM records').pluck().get() as number;
    this.next = this.first;
    this.preparer = recordPreparer(fields);
    this.records = new BulkInsert(db, INSERT_RECORDS_HEAD, '(?, ?, @workflow, @status, ?, ?, ?, ?, ?, 1, @at, @at, @by)', {
      workflow: target.workflowId,
      status: target.statusId,
      at: this.at,
      by: actor.userId,
    });
    this.data = new BulkInsert(db, 'INSERT INTO record_data (record_id, field_values) VALUES', '(?, ?)');
  }

  /** Adds one record: each field's stored value (or null), in the writer's field order. Returns its id. */
  add(values: readonly (string | null)[]): number {
    return this.addPrepared(this.preparer.prepare(values));
  }

  /** Adds one record prepared by recordPreparer over the writer's fields (on another thread, say). Returns its id. */
  addPrepared(record: PreparedRecord): number {
    if (this.finished) throw new Error('RecordBatchWriter: add after finish');
    const id = this.next;
    this.next += 1;
    const [name, key, cpr, user, group, json] = record;
    this.records.add(id, this.numberOf(id), name, key, cpr, user, group);
    this.data.add(id, json);
    if (this.deps.assignments) {
      const { people } = this.preparer;
      for (let i = 0; i < people.length; i += 1) {
        const targetId = record[6 + i] as number;
        if (targetId) this.assigned.add(id, people[i] as FieldDef, targetId);
      }
    }
    return id;
  }

  /** Writes what each record derives (history, audit, actions, notifications, search); returns the new ids in order. */
  finish(): number[] {
    if (this.finished) throw new Error('RecordBatchWriter: finished twice');
    this.finished = true;
    const { db } = this.deps;
    this.records.flush();
    this.data.flush();
    const count = this.next - this.first;
    if (count === 0) return [];
    const last = this.next - 1;

    const firstHistory = preparedOnce(db, 'SELECT coalesce(max(id), 0) + 1 FROM status_history').pluck().get() as number;
    const history = preparedOnce(
      db,
      `INSERT INTO status_history (record_id, from_status_id, to_status_id, user_id, comment, at)
       SELECT id, NULL, status_id, ?, '', created_at FROM records WHERE id BETWEEN ? AND ? ORDER BY id`,
    ).run(this.actor.userId, this.first, last);
    // Each record's history entry is the one at the same distance from the first:
    // rows inserted in id order get consecutive ids after the largest one.
    if (history.changes !== count || Number(history.lastInsertRowid) !== firstHistory + count - 1) {
      throw new DomainError('import_failed', 'the status history of the new records could not be written in order');
    }
    preparedOnce(
      db,
      `INSERT INTO audit_log (at, user_id, record_id, action, details)
       SELECT created_at, ?, id, 'record.created', ? FROM records WHERE id BETWEEN ? AND ? ORDER BY id`,
    ).run(this.actor.userId, JSON.stringify({ via: this.actor.via }), this.first, last);

    const ids = Array.from({ length: count }, (_, i) => this.first + i);
    // Entering the initial status runs its status actions for every new record.
    const actions = this.ws.statusesById.get(this.target.statusId)?.actions ?? [];
    if (actions.some((a) => a.enabled)) {
      ids.forEach((recordId, i) => {
        const historyId = firstHistory + i;
        enqueueStatusActionJobs(db, { recordId, historyId, actions, now: this.now });
        scheduleTimedActions(db, { recordId, historyId, actions, now: this.now });
      });
    }

    const people = this.assigned.list();
    if (this.deps.assignments && people.length && !this.assignmentsGathered) this.deps.assignments.assignedInBatch(people, this.actor);

    preparedOnce(db, "INSERT INTO records_search (rowid, name) SELECT id, name FROM records WHERE id BETWEEN ? AND ? AND name <> ''").run(
      this.first,
      last,
    );
    preparedOnce(db, 'INSERT INTO records_cpr (rowid, cpr) SELECT id, cpr FROM records WHERE id BETWEEN ? AND ? AND cpr IS NOT NULL').run(this.first, last);
    return ids;
  }
}
