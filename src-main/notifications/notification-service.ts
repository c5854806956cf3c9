import { maskCprsInText } from '../cpr/cpr-text';
import type { EventBus } from '../events/event-bus';
import type { Clock } from '../shared/clock';
import { isoAt } from '../shared/clock';
import type { Db } from '../store/database';
import { preparedOnce } from '../store/statement-cache';
import type { BulkOperations } from './bulk-operations';
import { currentBulkOperation } from './bulk-scope';
import type { NotificationPort, NotificationRequest } from './notification-port';

/** Longest context line kept; the rest is cut with an ellipsis. */
const MAX_CONTEXT = 1000;

/**
 * The inbox's write side. `publish` runs inside the caller's transaction and
 * writes one row per recipient, so a notification exists exactly when the
 * change that caused it commits. Group recipients are resolved to their members
 * now: a later membership change affects only later notifications.
 *
 * Clients hear about it through one `notificationsChanged` event per burst,
 * sent after the current synchronous work (and so the transaction) has ended.
 */
export class NotificationService implements NotificationPort {
  private readonly pendingUsers = new Set<number>();
  private flushScheduled = false;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly events: EventBus,
    private readonly bulk?: BulkOperations,
  ) {}

  publish(request: NotificationRequest): number {
    const bulk = this.bulkOf(request);
    if (bulk !== null) return this.collect(bulk, request);
    const at = isoAt(this.clock.now());
    // Notification texts quote comments, field values and errors: no CPR number in the clear.
    const message = maskCprsInText(request.message);
    const context = message.length > MAX_CONTEXT ? `${message.slice(0, MAX_CONTEXT - 1)}…` : message;
    const params = request.params ? JSON.stringify(request.params, (_key, v: unknown) => (typeof v === 'string' ? maskCprsInText(v) : v)) : null;
    const actor = request.actorUserId ?? null;
    const row = [request.recordId, request.kind, context, params, actor, at] as const;
    const users = request.userIds ?? [];
    const groups = request.groupIds ?? [];
    // The common cases (one user, or one group's members) are one statement each:
    // a CSV import of 100,000 records publishes a few hundred thousand of these.
    if (!request.toRecordResponsibles && users.length + groups.length === 1) {
      const stored =
        users.length === 1
          ? this.insertForUser(users[0] as number, actor, row)
          : this.insertForGroup(groups[0] as number, actor, row);
      return stored;
    }
    const recipients = this.recipients(request);
    const insert = preparedOnce(
      this.db,
      'INSERT INTO notifications (user_id, record_id, kind, context, params, actor_user_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    for (const userId of recipients) {
      insert.run(userId, ...row);
      this.pendingUsers.add(userId);
    }
    if (recipients.size) this.scheduleFlush();
    return recipients.size;
  }

  private bulkOf(request: NotificationRequest): number | null {
    if (request.recordId === null && !request.recordIds?.length) return null;
    const inScope = currentBulkOperation();
    if (inScope !== null) return inScope;
    return request.mailingId != null && this.bulk ? this.bulk.forMailing(request.mailingId) : null;
  }

  /**
   * Inside a bulk operation: each recipient's one summary notification gets a
   * line per record (why, and the status or field it was about). The summary
   * is created at the first line, so a person is told once however many
   * status actions, assignments or letters of the operation concern them.
   * Returns how many people were concerned.
   */
  private collect(operationId: number, request: NotificationRequest): number {
    const recipients = this.recipients(request);
    if (recipients.size === 0) return 0;
    const recordIds = request.recordIds?.length ? request.recordIds : [request.recordId as number];
    const p = request.params ?? {};
    const detail = maskCprsInText(request.kind === 'status_action' ? (p.status ?? '') : (p.field ?? '')).slice(0, 200);
    const op = preparedOnce(this.db, 'SELECT kind, label, actor_user_id AS actor FROM bulk_operations WHERE id = ?').get(operationId) as
      | { kind: string; label: string; actor: number | null }
      | undefined;
    if (!op) return 0;
    const summary = preparedOnce(
      this.db,
      `INSERT OR IGNORE INTO notifications (user_id, record_id, kind, context, params, actor_user_id, created_at, bulk_operation_id)
       VALUES (?, NULL, 'bulk_summary', ?, ?, ?, ?, ?)`,
    );
    const idOf = preparedOnce(this.db, 'SELECT id FROM notifications WHERE bulk_operation_id = ? AND user_id = ?').pluck();
    const line = preparedOnce(this.db, 'INSERT OR IGNORE INTO notification_records (notification_id, reason, detail, record_id) VALUES (?, ?, ?, ?)');
    const at = isoAt(this.clock.now());
    // The stored text is only the fallback of a reader whose app cannot render the summary.
    const context = maskCprsInText(`Masseændring: ${op.label}`).slice(0, MAX_CONTEXT);
    const params = JSON.stringify({ operation: op.kind, label: maskCprsInText(op.label) });
    for (const userId of recipients) {
      if (summary.run(userId, context, params, op.actor, at, operationId).changes) this.pendingUsers.add(userId);
      const notificationId = idOf.get(operationId, userId) as number;
      let added = 0;
      for (const recordId of recordIds) added += line.run(notificationId, request.kind, detail, recordId).changes;
      if (added) this.pendingUsers.add(userId);
    }
    this.scheduleFlush();
    return recipients.size;
  }

  private insertForUser(userId: number, actor: number | null, row: readonly unknown[]): number {
    // Nobody is told about their own act; a user who no longer exists gets nothing.
    if (userId === actor) return 0;
    const stored = preparedOnce(
      this.db,
      `INSERT INTO notifications (user_id, record_id, kind, context, params, actor_user_id, created_at)
       SELECT id, ?, ?, ?, ?, ?, ? FROM users WHERE id = ?`,
    ).run(...row, userId).changes;
    if (stored) {
      this.pendingUsers.add(userId);
      this.scheduleFlush();
    }
    return stored;
  }

  private insertForGroup(groupId: number, actor: number | null, row: readonly unknown[]): number {
    const stored = preparedOnce(
      this.db,
      `INSERT INTO notifications (user_id, record_id, kind, context, params, actor_user_id, created_at)
       SELECT user_id, ?, ?, ?, ?, ?, ? FROM memberships WHERE group_id = ? AND user_id IS NOT ?`,
    ).run(...row, groupId, actor).changes;
    if (stored) {
      // Who was told, for the clients' refresh; members do not change within a transaction.
      for (const userId of this.members(groupId)) if (userId !== actor) this.pendingUsers.add(userId);
      this.scheduleFlush();
    }
    return stored;
  }

  private readonly memberCache = new Map<number, number[]>();

  /** Members for the event only; cleared at every flush, so it never outlives a burst. */
  private members(groupId: number): number[] {
    let ids = this.memberCache.get(groupId);
    if (!ids) {
      ids = preparedOnce(this.db, 'SELECT user_id AS member FROM memberships WHERE group_id = ?').pluck().all(groupId) as number[];
      this.memberCache.set(groupId, ids);
    }
    return ids;
  }

  /** Tells the clients of these users to refresh (read state changed). */
  changed(userIds: number[]): void {
    for (const id of userIds) this.pendingUsers.add(id);
    this.scheduleFlush();
  }

  /** Deletes notifications older than `days`; returns how many went. */
  deleteOlderThan(days: number): number {
    const cutoff = isoAt(this.clock.now() - days * 86_400_000);
    // Ids grow with time, so the old ones are a prefix of the table: find where
    // it ends walking the rowid from the start, with no index on created_at to maintain.
    const firstKept = this.db.prepare('SELECT id FROM notifications WHERE created_at >= ? ORDER BY id LIMIT 1').pluck().get(cutoff) as
      | number
      | undefined;
    if (firstKept === undefined) return this.db.prepare('DELETE FROM notifications').run().changes;
    return this.db.prepare('DELETE FROM notifications WHERE id < ?').run(firstKept).changes;
  }

  private recipients(request: NotificationRequest): Set<number> {
    const users = new Set<number>(request.userIds ?? []);
    const groups = new Set<number>(request.groupIds ?? []);
    if (request.toRecordResponsibles && request.recordId !== null) {
      const row = preparedOnce(this.db, 'SELECT responsible_user_id AS user, responsible_group_id AS "group" FROM records WHERE id = ?').get(
        request.recordId,
      ) as { user: number | null; group: number | null } | undefined;
      if (row?.user) users.add(row.user);
      if (row?.group) groups.add(row.group);
    }
    const members = preparedOnce(this.db, 'SELECT user_id AS member FROM memberships WHERE group_id = ?').pluck();
    for (const groupId of groups) for (const userId of members.all(groupId) as number[]) users.add(userId);
    // Only people who exist (a stale id in a status action's params must not fail the change).
    const exists = preparedOnce(this.db, 'SELECT 1 AS known FROM users WHERE id = ?').pluck();
    for (const userId of users) if (exists.get(userId) === undefined) users.delete(userId);
    // Nobody is told about their own act.
    if (request.actorUserId != null) users.delete(request.actorUserId);
    return users;
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    // A microtask runs after the synchronous transaction that published has
    // committed (or rolled back: then clients merely refresh to the same state).
    queueMicrotask(() => {
      this.flushScheduled = false;
      this.memberCache.clear();
      const userIds = [...this.pendingUsers];
      this.pendingUsers.clear();
      if (userIds.length) this.events.emit('notificationsChanged', { userIds });
    });
  }
}
