import type { FieldDef, FieldError } from '../contract';
import { writeAudit } from '../audit/audit-log';
import { formatCpr, maskCpr } from '../cpr/cpr';
import { hasCprs, maskCprsInText, restoreMaskedCprs } from '../cpr/cpr-text';
import type { Clock } from '../shared/clock';
import { isoAt } from '../shared/clock';
import { DomainError, notFound } from '../shared/domain-error';
import type { Db } from '../store/database';
import { preparedOnce } from '../store/statement-cache';
import { enqueueStatusActionJobs } from '../jobs/job-queue';
import { scheduleTimedActions } from '../timed-actions/timed-actions';
import type { WorkspaceRepo } from '../workspace/workspace-repo';
import type { WorkspaceSnapshot } from '../workspace/workspace-snapshot';
import { checkFieldValue, type ValueContext } from './field-values';
import { nameKey } from './name-key';
import { RecordBatchWriter, type BatchTarget } from './record-batch';
import { rowChecker } from './row-checker';
import { peopleFinder, type PeopleLists } from '../users/people-finder';
import { hotColumns, INSERT_CPR_SQL, INSERT_RECORD_DATA_SQL, INSERT_RECORD_SQL, recordNumber, storedValues } from './record-columns';
import type { RecordRow } from './record-row';
import { assignmentsIn, type AssignmentHook, type BatchAssignments } from './assignment-hook';

export type Values = Record<string, string | null>;

/** Who or what changes a record: a caseworker (with the version they saw) or the system. */
export interface Actor {
  userId: number | null;
  /** Shown in the audit trail, e.g. `caseworker`, `status action`, `csv import`. */
  via: string;
}

/**
 * Creates and edits records. Every write validates against the workspace's field
 * definitions, keeps the hot columns in step with role fields, and leaves an
 * audit entry, all in one transaction.
 */
export class RecordsService {
  constructor(
    private readonly db: Db,
    private readonly workspace: WorkspaceRepo,
    private readonly clock: Clock,
    private readonly refs: ValueContext,
    /** Told about new users/groups in user and group fields, inside the write's transaction. */
    private readonly assignments?: AssignmentHook,
  ) {}

  /** Checks values against their fields. `complete` also enforces required fields that were not sent. */
  checkValues(
    ws: WorkspaceSnapshot,
    values: Values,
    complete: boolean,
    refs: ValueContext = this.refs,
  ): { clean: Map<FieldDef, string | null>; errors: FieldError[] } {
    const clean = new Map<FieldDef, string | null>();
    const errors: FieldError[] = [];
    for (const [key, raw] of Object.entries(values)) {
      const field = ws.fieldsByKey.get(key);
      if (!field) {
        errors.push({ field: key, key: 'unknown_field' });
        continue;
      }
      const check = checkFieldValue(field, raw, refs);
      if (check.ok) clean.set(field, check.value);
      else errors.push(check.error);
    }
    if (complete) {
      for (const field of ws.fields) {
        if (field.required && !(field.key in values)) errors.push({ field: field.key, key: 'required' });
      }
    }
    return { clean, errors };
  }

  /**
   * A checker for many rows of the same fields (CSV import); see rowChecker.
   * With `people`, user and group cells may also name them by initials, e-mail or name.
   */
  rowChecker(ws: WorkspaceSnapshot, fields: FieldDef[], columns: number[], people?: PeopleLists): ReturnType<typeof rowChecker> {
    return rowChecker(ws.fields, fields, columns, people ? { ...this.refs, finder: peopleFinder(people) } : this.refs);
  }

  create(workflowId: number, values: Values, actor: Actor): number {
    const ws = this.workspace.snapshot();
    const workflow = ws.workflowsById.get(workflowId);
    if (!workflow) throw notFound('Workflow');
    if (workflow.initialStatusId === null) throw new DomainError('invalid_input', `the workflow "${workflow.name}" has no initial status`);
    const { clean, errors } = this.checkValues(ws, values, true);
    if (errors.length) throw new DomainError('validation_failed', 'some fields are not valid', errors);
    return this.db.transaction(() => this.insert(ws, workflowId, workflow.initialStatusId as number, clean, actor)).immediate();
  }

  /**
   * Inserts an already validated record. Exposed for bulk paths (CSV import) that
   * validate first and then write many records in one transaction.
   */
  insert(
    ws: WorkspaceSnapshot,
    workflowId: number,
    statusId: number,
    clean: Map<FieldDef, string | null>,
    actor: Actor,
    options: { runActions?: boolean } = {},
  ): number {
    const now = this.clock.now();
    const at = isoAt(now);
    // Statements prepared once per database: records are created all day (a CSV import uses RecordBatchWriter).
    const id = (preparedOnce(this.db, 'SELECT coalesce(max(id), 0) + 1 AS id FROM records').get() as { id: number }).id;
    const hot = hotColumns(clean);
    preparedOnce(this.db, INSERT_RECORD_SQL).run(
      id,
      recordNumber(now, id),
      workflowId,
      statusId,
      hot.name ?? '',
      nameKey(hot.name ?? ''),
      hot.cpr,
      hot.user,
      hot.group,
      at,
      at,
      actor.userId,
    );
    preparedOnce(this.db, INSERT_RECORD_DATA_SQL).run(id, storedValues(clean));
    if (hot.name) preparedOnce(this.db, 'INSERT INTO records_search (rowid, name) VALUES (?, ?)').run(id, hot.name);
    if (hot.cpr) preparedOnce(this.db, INSERT_CPR_SQL).run(id, hot.cpr);
    const historyId = Number(
      preparedOnce(this.db, 'INSERT INTO status_history (record_id, from_status_id, to_status_id, user_id, comment, at) VALUES (?, NULL, ?, ?, ?, ?)').run(
        id,
        statusId,
        actor.userId,
        '',
        at,
      ).lastInsertRowid,
    );
    writeAudit(this.db, { at, userId: actor.userId, recordId: id, action: 'record.created', details: { via: actor.via } });
    // The demo seed (runActions false) invents history; nobody is told about it.
    if (options.runActions !== false) this.tellAssignments(id, clean, new Map(), actor);
    // Entering the initial status runs its status actions like any other status
    // (the demo seed opts out: its records did not really arrive now).
    if (options.runActions !== false) enqueueStatusActionJobs(this.db, { recordId: id, historyId, actions: ws.statusesById.get(statusId)?.actions ?? [], now });
    if (options.runActions !== false) scheduleTimedActions(this.db, { recordId: id, historyId, actions: ws.statusesById.get(statusId)?.actions ?? [], now });
    return id;
  }

  /**
   * A writer for many already validated records into one status, inside the
   * caller's transaction (CSV import): the same rows as `insert` per record,
   * written in bulk. See RecordBatchWriter.
   */
  batchWriter(ws: WorkspaceSnapshot, target: BatchTarget, fields: FieldDef[], actor: Actor, options: { assignments?: BatchAssignments } = {}): RecordBatchWriter {
    return new RecordBatchWriter({ db: this.db, clock: this.clock, assignments: this.assignments }, ws, target, fields, actor, options);
  }

  /** A caseworker's edit: refused with `conflict` when the record changed since they loaded it. */
  update(id: number, expectedVersion: number, values: Values, actor: Actor): void {
    const ws = this.workspace.snapshot();
    const { clean, errors } = this.checkValues(ws, values, false);
    if (errors.length) throw new DomainError('validation_failed', 'some fields are not valid', errors);
    this.db
      .transaction(() => {
        const row = this.row(id);
        if (row.version !== expectedVersion) {
          throw new DomainError('conflict', 'the record was changed by someone else after you opened it');
        }
        this.write(row, clean, actor);
      })
      .immediate();
  }

  /** A change by the system (status actions): no version check, same validation and audit. Runs in the caller's transaction. */
  applyValues(id: number, values: Values, actor: Actor): void {
    const { clean, errors } = this.checkValues(this.workspace.snapshot(), values, false);
    if (errors.length) {
      throw new DomainError('validation_failed', `invalid value for ${errors.map((e) => `${e.field} (${e.key})`).join(', ')}`, errors);
    }
    this.write(this.row(id), clean, actor);
  }

  private write(row: RecordRow, clean: Map<FieldDef, string | null>, actor: Actor): void {
    const at = isoAt(this.clock.now());
    const current = this.valuesById(row.id);
    // `current` becomes the new values below; the assignment hook compares with these.
    const before = new Map(current);
    const changes: { field: string; from: string | null; to: string | null }[] = [];
    for (const [field, given] of clean) {
      const before = current.get(field.id) ?? null;
      // The caseworker edited the masked text: a mask sent back keeps the number it hid.
      const value = given !== null && isFreeText(field) ? restoreMaskedCprs(given, before) : given;
      if (before === value) continue;
      if (value === null) current.delete(field.id);
      else current.set(field.id, value);
      if (value !== given) clean.set(field, value);
      // writeAudit keeps CPR numbers (a CPR field's, or one typed into text) only masked, with a keyed hash.
      changes.push({ field: field.key, from: before, to: value });
    }
    if (changes.length === 0) return;
    preparedOnce(
      this.db,
      'INSERT INTO record_data (record_id, field_values) VALUES (?, ?) ON CONFLICT (record_id) DO UPDATE SET field_values = excluded.field_values',
    ).run(row.id, JSON.stringify(Object.fromEntries(current)));
    const hot = hotColumns(clean);
    const sets: string[] = ['version = version + 1', 'updated_at = ?'];
    const args: (string | number | null)[] = [at];
    if ('name' in hot) {
      sets.push('name = ?', 'name_key = ?');
      args.push(hot.name ?? '', nameKey(hot.name ?? ''));
      this.db.prepare('DELETE FROM records_search WHERE rowid = ?').run(row.id);
      if (hot.name) this.db.prepare('INSERT INTO records_search (rowid, name) VALUES (?, ?)').run(row.id, hot.name);
    }
    if ('cpr' in hot) {
      sets.push('cpr = ?');
      args.push(hot.cpr ?? null);
      preparedOnce(this.db, 'DELETE FROM records_cpr WHERE rowid = ?').run(row.id);
      if (hot.cpr) preparedOnce(this.db, INSERT_CPR_SQL).run(row.id, hot.cpr);
    }
    if ('user' in hot) {
      sets.push('responsible_user_id = ?');
      args.push(hot.user ?? null);
    }
    if ('group' in hot) {
      sets.push('responsible_group_id = ?');
      args.push(hot.group ?? null);
    }
    preparedOnce(this.db, `UPDATE records SET ${sets.join(', ')} WHERE id = ?`).run(...args, row.id);
    writeAudit(this.db, { at, userId: actor.userId, recordId: row.id, action: 'record.fields_changed', details: { via: actor.via, changes } });
    this.tellAssignments(row.id, clean, before, actor);
  }

  private tellAssignments(recordId: number, clean: Map<FieldDef, string | null>, before: Map<number, string>, actor: Actor): void {
    if (!this.assignments) return;
    const assigned = assignmentsIn(clean, before);
    if (assigned.length) this.assignments.assigned(recordId, assigned, actor);
  }

  row(id: number): RecordRow {
    const row = this.db.prepare('SELECT * FROM records WHERE id = ?').get(id) as RecordRow | undefined;
    if (!row) throw notFound('Record');
    return row;
  }

  /** The record's stored values by field id (one JSON object per record, see migration 008). */
  valuesById(id: number): Map<number, string> {
    const json = this.db.prepare('SELECT field_values FROM record_data WHERE record_id = ?').pluck().get(id) as string | undefined;
    const values = new Map<number, string>();
    if (json === undefined) return values;
    for (const [key, value] of Object.entries(JSON.parse(json) as Record<string, unknown>)) {
      if (typeof value === 'string') values.set(Number(key), value);
    }
    return values;
  }

  /** Field values by key with CPR fields masked: what any view may show. */
  maskedValues(id: number): Values {
    const ws = this.workspace.snapshot();
    const out: Values = {};
    for (const [fieldId, value] of this.valuesById(id)) {
      const field = ws.fieldsById.get(fieldId);
      if (field) out[field.key] = field.type === 'cpr' ? maskCpr(value) : isFreeText(field) ? maskCprsInText(value) : value;
    }
    return out;
  }

  /** Shows a full CPR number, and records that this caseworker saw it. */
  revealCpr(id: number, fieldKey: string, actor: Actor): string {
    const field = this.workspace.snapshot().fieldsByKey.get(fieldKey);
    if (!field || (field.type !== 'cpr' && !isFreeText(field))) throw new DomainError('invalid_input', `"${fieldKey}" is not a CPR field`);
    return this.db
      .transaction(() => {
        this.row(id);
        const value = this.valuesById(id).get(field.id);
        if (field.type !== 'cpr' && !(value && hasCprs(value))) throw new DomainError('invalid_input', `"${fieldKey}" holds no CPR number`);
        if (!value) throw notFound('CPR number');
        writeAudit(this.db, {
          at: isoAt(this.clock.now()),
          userId: actor.userId,
          recordId: id,
          action: 'record.cpr_revealed',
          details: { field: fieldKey },
        });
        // A text field with CPR numbers in it is shown whole, as the caseworker typed it.
        return field.type === 'cpr' ? formatCpr(value) : value;
      })
      .immediate();
  }
}

/** Fields a caseworker types free text into, where a CPR number may turn up. */
const isFreeText = (field: FieldDef): boolean => field.type === 'text' || field.type === 'longtext';
