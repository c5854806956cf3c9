import type { Assignment, AssignmentActor, AssignmentHook, BatchAssignment } from '../records/assignment-hook';
import type { Directory } from '../status-actions/action-type';
import type { NotificationPort } from './notification-port';

/** How a change without a person behind it is described (the `via` of the records service). */
const VIA_DA: Record<string, string> = {
  'status action': 'af en statushandling',
  'csv import': 'ved CSV-import',
  'timed action': 'af en tidsstyret handling',
};

/**
 * Responsibility notifications: a user set in a user field is told, and every
 * member of a group set in a group field is told. Runs inside the records
 * service's write transaction (via AssignmentHook), so a caseworker's edit, a
 * status action, a CSV import or a bulk change each notify exactly once.
 */
export class AssignmentNotifier implements AssignmentHook {
  /** Names looked up during one synchronous burst (a CSV import names the same people 100,000 times). */
  private readonly names = new Map<string, string | null>();

  constructor(
    private readonly port: NotificationPort,
    private readonly dir: Pick<Directory, 'userName' | 'groupName'>,
  ) {}

  private name(kind: 'user' | 'group', id: number): string | null {
    const key = `${kind}:${id}`;
    if (!this.names.has(key)) {
      if (this.names.size === 0) queueMicrotask(() => this.names.clear());
      this.names.set(key, kind === 'user' ? this.dir.userName(id) : this.dir.groupName(id));
    }
    return this.names.get(key) ?? null;
  }

  assigned(recordId: number, assignments: Assignment[], actor: AssignmentActor): void {
    const { by, params } = this.describe(actor);
    for (const { field, targetId } of assignments) {
      if (field.type === 'user') {
        this.port.publish({
          kind: 'responsible_user',
          recordId,
          userIds: [targetId],
          actorUserId: actor.userId,
          message: `Du blev sat som ansvarlig i feltet '${field.label}'${by ? ` ${by}` : ''}`,
          params: { ...params, field: field.label },
        });
      } else {
        const group = this.name('group', targetId) ?? `#${targetId}`;
        this.port.publish({
          kind: 'responsible_group',
          recordId,
          groupIds: [targetId],
          actorUserId: actor.userId,
          message: `Din gruppe '${group}' blev sat som aktiv gruppe i feltet '${field.label}'${by ? ` ${by}` : ''}`,
          params: { ...params, field: field.label, group },
        });
      }
    }
  }

  /**
   * A batch (CSV import) tells each person once per field: one record gets the
   * usual notification with its record; several get one summary with the count,
   * which the inbox links to "Mine ansvarsområder". A 10,000-row file that names
   * the same twelve caseworkers would otherwise give each of them thousands of
   * identical lines, burying everything else in their inbox. Inside a bulk
   * operation (the import's own) the records join the person's one summary.
   */
  assignedInBatch(batch: BatchAssignment[], actor: AssignmentActor): void {
    const { by, params } = this.describe(actor);
    for (const { field, targetId, recordIds } of batch) {
      const [only] = recordIds;
      if (recordIds.length === 1 && only !== undefined) {
        this.assigned(only, [{ field, targetId }], actor);
        continue;
      }
      const count = String(recordIds.length);
      const records = `på ${recordIds.length.toLocaleString('da-DK')} sager`;
      if (field.type === 'user') {
        this.port.publish({
          kind: 'responsible_user',
          recordId: null,
          recordIds,
          userIds: [targetId],
          actorUserId: actor.userId,
          message: `Du blev sat som ansvarlig i feltet '${field.label}' ${records}${by ? ` ${by}` : ''}`,
          params: { ...params, field: field.label, count },
        });
      } else {
        const group = this.name('group', targetId) ?? `#${targetId}`;
        this.port.publish({
          kind: 'responsible_group',
          recordId: null,
          recordIds,
          groupIds: [targetId],
          actorUserId: actor.userId,
          message: `Din gruppe '${group}' blev sat som aktiv gruppe i feltet '${field.label}' ${records}${by ? ` ${by}` : ''}`,
          params: { ...params, field: field.label, group, count },
        });
      }
    }
  }

  /** "by whom" in Danish, and the same as params for the renderer's own language. */
  private describe(actor: AssignmentActor): { by: string; params: Record<string, string> } {
    const actorName = actor.userId === null ? null : this.name('user', actor.userId);
    const by = actorName ? `af ${actorName}` : (VIA_DA[actor.via] ?? '');
    return { by, params: { via: actor.via, ...(actorName ? { actor: actorName } : {}) } };
  }
}
