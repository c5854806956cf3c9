import type { FieldDef } from '../contract';

/** A user or group field that now names someone else than before. */
export interface Assignment {
  field: FieldDef;
  /** The user or group id now in the field. */
  targetId: number;
}

/** Who changed it, as the records service knows it. */
export interface AssignmentActor {
  userId: number | null;
  via: string;
}

/**
 * Called by the records service inside the write's transaction whenever user or
 * group fields get a new value, so whatever it derives (the notification inbox)
 * commits or rolls back with the change itself.
 */
export interface AssignmentHook {
  assigned(recordId: number, assignments: Assignment[], actor: AssignmentActor): void;
  /**
   * Many new records at once (CSV import): each user or group named in a field,
   * with every record that names them, so the hook can tell each person once.
   */
  assignedInBatch(assignments: BatchAssignment[], actor: AssignmentActor): void;
}

/** One user or group in one field, across the records of a batch. */
export interface BatchAssignment extends Assignment {
  recordIds: number[];
}

/** Gathers the assignments of a batch's records by field and target, in the order first seen. */
export class BatchAssignments {
  private readonly byKey = new Map<string, BatchAssignment>();

  add(recordId: number, field: FieldDef, targetId: number): void {
    const key = `${field.id}:${targetId}`;
    const entry = this.byKey.get(key);
    if (entry) entry.recordIds.push(recordId);
    else this.byKey.set(key, { field, targetId, recordIds: [recordId] });
  }

  list(): BatchAssignment[] {
    return [...this.byKey.values()];
  }
}

/** The user/group fields among `clean` whose value is new and not empty. */
export function assignmentsIn(clean: Map<FieldDef, string | null>, before: Map<number, string>): Assignment[] {
  const out: Assignment[] = [];
  for (const [field, value] of clean) {
    if (field.type !== 'user' && field.type !== 'group') continue;
    if (value === null || value === '' || before.get(field.id) === value) continue;
    out.push({ field, targetId: Number(value) });
  }
  return out;
}
