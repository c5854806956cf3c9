import type { FieldDef, FieldRole, StatusActionDef, StatusDef, TransitionDef, WorkflowDef } from '../contract';

/**
 * An immutable, indexed view of the workspace definition. Record operations read
 * it on every call, so it is built once and replaced whenever the definition changes.
 */
export class WorkspaceSnapshot {
  readonly fieldsByKey = new Map<string, FieldDef>();
  readonly fieldsById = new Map<number, FieldDef>();
  readonly fieldByRole = new Map<FieldRole, FieldDef>();
  readonly workflowsById = new Map<number, WorkflowDef>();
  readonly statusesById = new Map<number, StatusDef>();
  readonly actionsById = new Map<number, StatusActionDef>();

  constructor(
    readonly fields: FieldDef[],
    readonly workflows: WorkflowDef[],
  ) {
    for (const f of fields) {
      this.fieldsByKey.set(f.key, f);
      this.fieldsById.set(f.id, f);
      if (f.role) this.fieldByRole.set(f.role, f);
    }
    for (const w of workflows) {
      this.workflowsById.set(w.id, w);
      for (const s of w.statuses) {
        this.statusesById.set(s.id, s);
        for (const a of s.actions) this.actionsById.set(a.id, a);
      }
    }
  }

  transitionsFrom(statusId: number): TransitionDef[] {
    const status = this.statusesById.get(statusId);
    if (!status) return [];
    return this.workflowsById.get(status.workflowId)?.transitions.filter((t) => t.fromStatusId === statusId) ?? [];
  }

  canMove(fromStatusId: number, toStatusId: number): boolean {
    return this.transitionsFrom(fromStatusId).some((t) => t.toStatusId === toStatusId);
  }
}
