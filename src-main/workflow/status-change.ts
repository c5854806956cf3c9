import type { GuardFailureView, Language, StatusActionDef, StatusChangePreview } from '../contract';
import { writeAudit } from '../audit/audit-log';
import { redactCprs } from '../cpr/cpr';
import { maskCprsInText } from '../cpr/cpr-text';
import { cancelTimedActions, enqueueLeaveJobs, scheduleTimedActions } from '../timed-actions/timed-actions';
import type { TransitionGuards } from './guard-registry';
import { enqueueStatusActionJobs } from '../jobs/job-queue';
import type { Clock } from '../shared/clock';
import { isoAt } from '../shared/clock';
import { DomainError, notFound } from '../shared/domain-error';
import type { Db } from '../store/database';
import type { RecordsService } from '../records/records-service';
import type { Directory } from '../status-actions/action-type';
import type { ActionRegistry } from '../status-actions/registry';
import type { WorkspaceRepo } from '../workspace/workspace-repo';

/**
 * Moves records along their workflow. The status change, its history entry, its
 * audit entry and one job per status action commit in a single transaction.
 */
export class StatusChanges {
  constructor(
    private readonly db: Db,
    private readonly workspace: WorkspaceRepo,
    private readonly records: RecordsService,
    private readonly actions: ActionRegistry,
    private readonly directory: Directory,
    private readonly clock: Clock,
    private readonly guards: TransitionGuards,
    /** Stops a change whose status actions would cost more than is left of a monthly budget (costs/budget-guard.ts). */
    private readonly budgetCheck: (entering: StatusActionDef[], lang: Language) => void = () => {},
  ) {}

  /** The guards of the transition from the record's status to `toStatusId` that refuse it now. */
  guardFailures(recordId: number, fromStatusId: number, toStatusId: number, lang: Language): GuardFailureView[] {
    const transition = this.workspace
      .snapshot()
      .transitionsFrom(fromStatusId)
      .find((t) => t.toStatusId === toStatusId);
    if (!transition?.guards?.length) return [];
    return this.guards.check(this.db, recordId, transition.guards, lang);
  }

  preview(recordId: number, toStatusId: number, lang: Language): StatusChangePreview {
    const ws = this.workspace.snapshot();
    const row = this.records.row(recordId);
    const target = ws.statusesById.get(toStatusId);
    if (!target) throw notFound('Status');
    return {
      fromStatusId: row.status_id,
      toStatusId,
      allowed: ws.canMove(row.status_id, toStatusId),
      guardFailures: this.guardFailures(recordId, row.status_id, toStatusId, lang),
      actions: target.actions
        .filter((a) => a.enabled && (a.timing?.trigger ?? 'enter') === 'enter')
        .map((a) => {
          const type = this.actions.get(a.type);
          const parsed = type?.params.safeParse(a.params);
          return {
            actionId: a.id,
            type: a.type,
            name: a.name,
            description: type && parsed?.success ? type.describe(parsed.data, ws, this.directory, lang) : a.name,
          };
        }),
    };
  }

  /**
   * `override` (administrators only; the handler checks) moves the record past
   * failing guards; its reason is mandatory and audited.
   */
  change(args: {
    recordId: number;
    expectedVersion: number | null;
    toStatusId: number;
    comment: string;
    userId: number | null;
    lang?: Language;
    override?: { reason: string };
  }): number[] {
    const ws = this.workspace.snapshot();
    return this.db
      .transaction(() => {
        const row = this.records.row(args.recordId);
        if (args.expectedVersion !== null && row.version !== args.expectedVersion) {
          throw new DomainError('conflict', 'the record was changed by someone else after you opened it');
        }
        if (!ws.canMove(row.status_id, args.toStatusId)) {
          const from = ws.statusesById.get(row.status_id)?.name ?? '?';
          const to = ws.statusesById.get(args.toStatusId)?.name ?? '?';
          throw new DomainError('invalid_transition', `the workflow does not allow moving from "${from}" to "${to}"`);
        }
        // Guards are checked inside the transaction, so the facts cannot change between check and move.
        const failures = this.guardFailures(args.recordId, row.status_id, args.toStatusId, args.lang ?? 'da');
        if (failures.length && !args.override) {
          throw new DomainError(
            'guard_failed',
            failures.map((f) => f.reason).join(' '),
            failures.map((f) => ({
              field: `guard.${f.type}`,
              key: 'guard_failed',
              params: { reason: f.reason, ...(f.link ? { linkKind: f.link.kind, linkId: f.link.id } : {}) },
            })),
          );
        }
        // Before anything is written or queued: the entering actions' projected cost must fit the month's budgets.
        this.budgetCheck(ws.statusesById.get(args.toStatusId)?.actions ?? [], args.lang ?? 'da');
        const now = this.clock.now();
        const at = isoAt(now);
        this.db
          .prepare('UPDATE records SET status_id = ?, version = version + 1, updated_at = ? WHERE id = ?')
          .run(args.toStatusId, at, args.recordId);
        const historyId = Number(
          this.db
            .prepare('INSERT INTO status_history (record_id, from_status_id, to_status_id, user_id, comment, at) VALUES (?, ?, ?, ?, ?, ?)')
            .run(args.recordId, row.status_id, args.toStatusId, args.userId, maskCprsInText(args.comment), at).lastInsertRowid,
        );
        writeAudit(this.db, {
          at,
          userId: args.userId,
          recordId: args.recordId,
          action: 'record.status_changed',
          details: { from: row.status_id, to: args.toStatusId },
        });
        if (failures.length && args.override) {
          writeAudit(this.db, {
            at,
            userId: args.userId,
            recordId: args.recordId,
            action: 'record.guard_overridden',
            details: {
              from: row.status_id,
              to: args.toStatusId,
              guards: failures.map((f) => f.type),
              reasons: failures.map((f) => redactCprs(f.reason)),
              overrideReason: redactCprs(args.override.reason),
            },
          });
        }
        // Leaving: the old status's on-leave actions become jobs, its pending timed actions end.
        const leaveJobs = enqueueLeaveJobs(this.db, {
          recordId: args.recordId,
          historyId,
          actions: ws.statusesById.get(row.status_id)?.actions ?? [],
          now,
        });
        cancelTimedActions(this.db, args.recordId, now);
        const entering = ws.statusesById.get(args.toStatusId)?.actions ?? [];
        scheduleTimedActions(this.db, { recordId: args.recordId, historyId, actions: entering, now });
        return [...leaveJobs, ...enqueueStatusActionJobs(this.db, { recordId: args.recordId, historyId, actions: entering, now })];
      })
      .immediate();
  }
}
