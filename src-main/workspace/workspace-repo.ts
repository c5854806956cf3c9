import { checkTiming, guardsByTransition, timingFromRow, writeGuards, writeTiming, type TimingColumns } from '../timed-actions/timing-store';
import type {
  FieldDef,
  FieldRole,
  FieldType,
  MethodParsed,
  StatusActionDef,
  StatusDef,
  TransitionDef,
  WorkflowDef,
} from '../contract';
import { DomainError, notFound } from '../shared/domain-error';
import type { Db } from '../store/database';
import type { Directory } from '../status-actions/action-type';
import type { ActionRegistry } from '../status-actions/registry';
import { WorkspaceSnapshot } from './workspace-snapshot';
import { refreshRoleColumn } from './role-columns';

/** Which field type each role needs, so the hot record columns stay meaningful. */
const ROLE_TYPES: Record<FieldRole, FieldType> = {
  name: 'text',
  cpr: 'cpr',
  responsible_user: 'user',
  responsible_group: 'group',
};

interface FieldRow {
  id: number;
  key: string;
  label: string;
  type: FieldType;
  required: number;
  options: string;
  role: FieldRole | null;
  show_in_list: number;
  sort_order: number;
}

/** Reads and changes the workspace definition: fields, workflows, statuses, transitions, status actions. */
export class WorkspaceRepo {
  private cached: WorkspaceSnapshot | null = null;

  constructor(
    private readonly db: Db,
    private readonly actions: ActionRegistry,
    private readonly directory: Directory,
  ) {}

  snapshot(): WorkspaceSnapshot {
    this.cached ??= this.load();
    return this.cached;
  }

  /** Drops the cached definition; called after every change and after an import. */
  invalidate(): void {
    this.cached = null;
  }

  private load(): WorkspaceSnapshot {
    const fields = (this.db.prepare('SELECT * FROM fields ORDER BY sort_order, id').all() as FieldRow[]).map(toField);
    const actions = (
      this.db.prepare('SELECT * FROM status_actions ORDER BY sort_order, id').all() as ({
        id: number;
        status_id: number;
        type: string;
        name: string;
        params: string;
        enabled: number;
        sort_order: number;
      } & TimingColumns)[]
    ).map(
      (a): StatusActionDef => ({
        id: a.id,
        statusId: a.status_id,
        type: a.type,
        name: a.name,
        params: JSON.parse(a.params) as Record<string, unknown>,
        enabled: a.enabled === 1,
        sortOrder: a.sort_order,
        timing: timingFromRow(a),
      }),
    );
    const statuses = (
      this.db.prepare('SELECT * FROM statuses ORDER BY sort_order, id').all() as {
        id: number;
        workflow_id: number;
        name: string;
        color: string;
        is_final: number;
        sort_order: number;
      }[]
    ).map(
      (s): StatusDef => ({
        id: s.id,
        workflowId: s.workflow_id,
        name: s.name,
        color: s.color,
        isFinal: s.is_final === 1,
        sortOrder: s.sort_order,
        actions: actions.filter((a) => a.statusId === s.id),
      }),
    );
    const guards = guardsByTransition(this.db);
    const transitions = (
      this.db.prepare('SELECT * FROM transitions ORDER BY id').all() as {
        id: number;
        workflow_id: number;
        from_status_id: number;
        to_status_id: number;
        label: string;
      }[]
    ).map(
      (t): TransitionDef => ({
        id: t.id,
        workflowId: t.workflow_id,
        fromStatusId: t.from_status_id,
        toStatusId: t.to_status_id,
        label: t.label,
        guards: guards.get(t.id) ?? [],
      }),
    );
    const workflows = (
      this.db.prepare('SELECT * FROM workflows ORDER BY name, id').all() as {
        id: number;
        name: string;
        description: string;
        initial_status_id: number | null;
      }[]
    ).map(
      (w): WorkflowDef => ({
        id: w.id,
        name: w.name,
        description: w.description,
        initialStatusId: w.initial_status_id,
        statuses: statuses.filter((s) => s.workflowId === w.id),
        transitions: transitions.filter((t) => t.workflowId === w.id),
      }),
    );
    return new WorkspaceSnapshot(fields, workflows);
  }

  private change<T>(fn: () => T): T {
    try {
      return this.db.transaction(fn).immediate();
    } finally {
      this.invalidate();
    }
  }

  saveField(input: MethodParsed<'saveField'>): FieldDef {
    if (input.role && ROLE_TYPES[input.role] !== input.type) {
      throw new DomainError('invalid_input', `the role ${input.role} needs a field of type ${ROLE_TYPES[input.role]}`);
    }
    if (input.type === 'choice' && input.options.length === 0) {
      throw new DomainError('invalid_input', 'a choice field needs at least one option');
    }
    const ws = this.snapshot();
    const byKey = ws.fieldsByKey.get(input.key);
    if (byKey && byKey.id !== input.id) throw new DomainError('invalid_input', `a field with key "${input.key}" already exists`);
    if (input.role) {
      const holder = ws.fieldByRole.get(input.role);
      if (holder && holder.id !== input.id) {
        throw new DomainError('invalid_input', `the field "${holder.label}" already has the role ${input.role}`);
      }
    }
    const id = this.change(() => {
      const row = [
        input.key,
        input.label,
        input.type,
        input.required ? 1 : 0,
        JSON.stringify(input.options),
        input.role,
        input.showInList ? 1 : 0,
        input.sortOrder,
      ];
      if (input.id === undefined) {
        return Number(
          this.db
            .prepare(
              'INSERT INTO fields (key, label, type, required, options, role, show_in_list, sort_order) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
            )
            .run(...row).lastInsertRowid,
        );
      }
      const before = ws.fieldsById.get(input.id);
      if (!before) throw notFound('Field');
      if (before.type !== input.type && this.valueCount(input.id) > 0) {
        // Stored values were checked against the old type; changing it would leave them invalid.
        throw new DomainError('not_allowed', `the field "${before.label}" has values; its type cannot change`);
      }
      this.db
        .prepare(
          'UPDATE fields SET key = ?, label = ?, type = ?, required = ?, options = ?, role = ?, show_in_list = ?, sort_order = ? WHERE id = ?',
        )
        .run(...row, input.id);
      for (const role of new Set([before.role, input.role])) {
        if (role && before.role !== input.role) refreshRoleColumn(this.db, role, input.role === role ? input.id : null);
      }
      return input.id;
    });
    const field = this.snapshot().fieldsById.get(id);
    if (!field) throw notFound('Field');
    return field;
  }

  deleteField(id: number): void {
    const field = this.snapshot().fieldsById.get(id);
    if (!field) throw notFound('Field');
    const count = this.valueCount(id);
    if (count > 0) throw new DomainError('not_allowed', `the field "${field.label}" holds values in ${count} records`);
    this.change(() => {
      this.db.prepare('DELETE FROM fields WHERE id = ?').run(id);
      if (field.role) refreshRoleColumn(this.db, field.role, null);
    });
  }

  private valueCount(fieldId: number): number {
    return (this.db.prepare('SELECT count(*) AS n FROM record_values WHERE field_id = ?').get(fieldId) as { n: number }).n;
  }

  saveWorkflow(input: MethodParsed<'saveWorkflow'>): WorkflowDef {
    const id = this.change(() => {
      if (input.initialStatusId !== null) {
        const status = this.snapshot().statusesById.get(input.initialStatusId);
        if (!status || status.workflowId !== input.id) {
          throw new DomainError('invalid_input', 'the initial status must belong to the workflow');
        }
      }
      if (input.id === undefined) {
        return Number(
          this.db
            .prepare('INSERT INTO workflows (name, description, initial_status_id) VALUES (?, ?, NULL)')
            .run(input.name, input.description).lastInsertRowid,
        );
      }
      const changed = this.db
        .prepare('UPDATE workflows SET name = ?, description = ?, initial_status_id = ? WHERE id = ?')
        .run(input.name, input.description, input.initialStatusId, input.id).changes;
      if (changed === 0) throw notFound('Workflow');
      return input.id;
    });
    return this.workflow(id);
  }

  deleteWorkflow(id: number): void {
    this.workflow(id);
    const n = (this.db.prepare('SELECT count(*) AS n FROM records WHERE workflow_id = ?').get(id) as { n: number }).n;
    if (n > 0) throw new DomainError('not_allowed', `the workflow has ${n} records and cannot be deleted`);
    this.change(() => this.db.prepare('DELETE FROM workflows WHERE id = ?').run(id));
  }

  saveStatus(input: MethodParsed<'saveStatus'>): StatusDef {
    this.workflow(input.workflowId);
    const id = this.change(() => {
      const row = [input.name, input.color, input.isFinal ? 1 : 0, input.sortOrder];
      if (input.id === undefined) {
        const newId = Number(
          this.db
            .prepare('INSERT INTO statuses (workflow_id, name, color, is_final, sort_order) VALUES (?, ?, ?, ?, ?)')
            .run(input.workflowId, ...row).lastInsertRowid,
        );
        // The first status of a workflow is where new records start, until the admin says otherwise.
        this.db
          .prepare('UPDATE workflows SET initial_status_id = ? WHERE id = ? AND initial_status_id IS NULL')
          .run(newId, input.workflowId);
        return newId;
      }
      const existing = this.snapshot().statusesById.get(input.id);
      if (!existing || existing.workflowId !== input.workflowId) throw notFound('Status');
      this.db.prepare('UPDATE statuses SET name = ?, color = ?, is_final = ?, sort_order = ? WHERE id = ?').run(...row, input.id);
      return input.id;
    });
    const status = this.snapshot().statusesById.get(id);
    if (!status) throw notFound('Status');
    return status;
  }

  deleteStatus(id: number): void {
    if (!this.snapshot().statusesById.get(id)) throw notFound('Status');
    const used = this.db
      .prepare(
        'SELECT (SELECT count(*) FROM records WHERE status_id = ?) + (SELECT count(*) FROM status_history WHERE to_status_id = ?) AS n',
      )
      .get(id, id) as { n: number };
    if (used.n > 0) throw new DomainError('not_allowed', 'records are or have been in this status; it cannot be deleted');
    this.change(() => this.db.prepare('DELETE FROM statuses WHERE id = ?').run(id));
  }

  saveTransition(input: MethodParsed<'saveTransition'>): TransitionDef {
    const ws = this.snapshot();
    const from = ws.statusesById.get(input.fromStatusId);
    const to = ws.statusesById.get(input.toStatusId);
    if (!from || !to || from.workflowId !== input.workflowId || to.workflowId !== input.workflowId) {
      throw new DomainError('invalid_input', 'both statuses must belong to the workflow');
    }
    if (from.id === to.id) throw new DomainError('invalid_input', 'a transition must lead to another status');
    const duplicate = ws.transitionsFrom(from.id).find((t) => t.toStatusId === to.id && t.id !== input.id);
    if (duplicate) throw new DomainError('invalid_input', 'this transition already exists');
    const id = this.change(() => {
      const saved = this.writeTransition(input);
      if (input.guards) writeGuards(this.db, saved, input.guards);
      return saved;
    });
    const t = this.workflow(input.workflowId).transitions.find((x) => x.id === id);
    if (!t) throw notFound('Transition');
    return t;
  }

  private writeTransition(input: MethodParsed<'saveTransition'>): number {
    {
      if (input.id === undefined) {
        return Number(
          this.db
            .prepare('INSERT INTO transitions (workflow_id, from_status_id, to_status_id, label) VALUES (?, ?, ?, ?)')
            .run(input.workflowId, input.fromStatusId, input.toStatusId, input.label).lastInsertRowid,
        );
      }
      const changed = this.db
        .prepare('UPDATE transitions SET from_status_id = ?, to_status_id = ?, label = ? WHERE id = ? AND workflow_id = ?')
        .run(input.fromStatusId, input.toStatusId, input.label, input.id, input.workflowId).changes;
      if (changed === 0) throw notFound('Transition');
      return input.id;
    }
  }

  deleteTransition(id: number): void {
    const n = this.change(() => this.db.prepare('DELETE FROM transitions WHERE id = ?').run(id).changes);
    if (n === 0) throw notFound('Transition');
  }

  saveStatusAction(input: MethodParsed<'saveStatusAction'>): StatusActionDef {
    const ws = this.snapshot();
    if (!ws.statusesById.get(input.statusId)) throw notFound('Status');
    const params = this.checkActionParams(input.type, input.params, input.statusId);
    const timing = input.timing ? checkTiming(ws, input.timing) : null;
    const id = this.change(() => {
      const saved = this.writeStatusAction(input, params);
      if (timing) writeTiming(this.db, saved, timing);
      return saved;
    });
    const action = this.snapshot().actionsById.get(id);
    if (!action) throw notFound('Status action');
    return action;
  }

  private writeStatusAction(input: MethodParsed<'saveStatusAction'>, params: Record<string, unknown>): number {
    {
      const row = [input.type, input.name, JSON.stringify(params), input.enabled ? 1 : 0, input.sortOrder];
      if (input.id === undefined) {
        return Number(
          this.db
            .prepare('INSERT INTO status_actions (status_id, type, name, params, enabled, sort_order) VALUES (?, ?, ?, ?, ?, ?)')
            .run(input.statusId, ...row).lastInsertRowid,
        );
      }
      const changed = this.db
        .prepare('UPDATE status_actions SET type = ?, name = ?, params = ?, enabled = ?, sort_order = ? WHERE id = ? AND status_id = ?')
        .run(...row, input.id, input.statusId).changes;
      if (changed === 0) throw notFound('Status action');
      return input.id;
    }
  }

  /** Validates params with the action type's own schema and reference check. */
  checkActionParams(type: string, raw: unknown, ownStatusId: number): Record<string, unknown> {
    const actionType = this.actions.get(type);
    if (!actionType) throw new DomainError('invalid_input', `unknown status action type "${type}"`);
    const parsed = actionType.params.safeParse(raw);
    if (!parsed.success) {
      throw new DomainError('invalid_input', `invalid settings for ${type}: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
    }
    const problem = actionType.check(parsed.data, this.snapshot(), this.directory, ownStatusId);
    if (problem) throw new DomainError('invalid_input', problem);
    return parsed.data as Record<string, unknown>;
  }

  deleteStatusAction(id: number): void {
    const n = this.change(() => this.db.prepare('DELETE FROM status_actions WHERE id = ?').run(id).changes);
    if (n === 0) throw notFound('Status action');
  }

  private workflow(id: number): WorkflowDef {
    const w = this.snapshot().workflowsById.get(id);
    if (!w) throw notFound('Workflow');
    return w;
  }
}

const toField = (r: FieldRow): FieldDef => ({
  id: r.id,
  key: r.key,
  label: r.label,
  type: r.type,
  required: r.required === 1,
  options: JSON.parse(r.options) as string[],
  role: r.role,
  showInList: r.show_in_list === 1,
  sortOrder: r.sort_order,
});
