import type { BulkNotificationInfo, NotificationPage, NotificationRecordInfo, NotificationRecordsPage, NotificationView } from '../contract';
import { maskCpr } from '../cpr/cpr';
import type { Directory } from '../status-actions/action-type';
import type { Clock } from '../shared/clock';
import { isoAt } from '../shared/clock';
import type { Db } from '../store/database';
import type { WorkspaceSnapshot } from '../workspace/workspace-snapshot';

interface Row {
  id: number;
  record_id: number | null;
  kind: string;
  context: string;
  params: string | null;
  actor_user_id: number | null;
  created_at: string;
  read_at: string | null;
  number: string | null;
  name: string | null;
  workflow_id: number | null;
  status_id: number | null;
  cpr: string | null;
  bulk_operation_id: number | null;
  bulk_kind: string | null;
  bulk_label: string | null;
}

const COLUMNS = `n.id, n.record_id, n.kind, n.context, n.params, n.actor_user_id, n.created_at, n.read_at,
  r.number, r.name, r.workflow_id, r.status_id, r.cpr, n.bulk_operation_id, b.kind AS bulk_kind, b.label AS bulk_label`;
const FROM = 'FROM notifications n LEFT JOIN records r ON r.id = n.record_id LEFT JOIN bulk_operations b ON b.id = n.bulk_operation_id';

/** A bulk summary's records per page at most. */
export const MAX_BULK_PAGE = 500;

/** How many key fields an entry shows at most. */
const MAX_KEY_FIELDS = 4;

/**
 * The inbox's read side for one caseworker: their notifications with the
 * record's basic information, and their read state. Every query names the user,
 * so nobody reads or marks anyone else's notifications.
 */
export class NotificationInbox {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly snapshot: () => WorkspaceSnapshot,
    private readonly dir: Directory,
  ) {}

  unreadCount(userId: number): number {
    return this.db.prepare('SELECT count(*) FROM notifications WHERE user_id = ? AND read_at IS NULL').pluck().get(userId) as number;
  }

  /** Unread first, then read; newest first within each. `unreadOnly` stops after the unread ones. */
  list(userId: number, q: { unreadOnly?: boolean; offset: number; limit: number }): NotificationPage {
    const unread = this.unreadCount(userId);
    const total = q.unreadOnly
      ? unread
      : (this.db.prepare('SELECT count(*) FROM notifications WHERE user_id = ?').pluck().get(userId) as number);
    const rows: Row[] = [];
    if (q.offset < unread) {
      rows.push(
        ...(this.db
          .prepare(
            `SELECT ${COLUMNS} ${FROM}
             WHERE n.user_id = ? AND n.read_at IS NULL ORDER BY n.id DESC LIMIT ? OFFSET ?`,
          )
          .all(userId, q.limit, q.offset) as Row[]),
      );
    }
    const room = q.limit - rows.length;
    if (!q.unreadOnly && room > 0) {
      rows.push(
        ...(this.db
          .prepare(
            `SELECT ${COLUMNS} ${FROM}
             WHERE n.user_id = ? AND n.read_at IS NOT NULL ORDER BY n.id DESC LIMIT ? OFFSET ?`,
          )
          .all(userId, room, Math.max(0, q.offset - unread)) as Row[]),
      );
    }
    return { unread, total, offset: q.offset, rows: this.views(rows) };
  }

  /** Unread notifications newer than `afterId`, oldest first (the desktop's pop-ups). */
  unreadSince(userId: number, afterId: number, limit = 50): NotificationView[] {
    const rows = this.db
      .prepare(
        `SELECT ${COLUMNS} ${FROM}
         WHERE n.user_id = ? AND n.read_at IS NULL AND n.id > ? ORDER BY n.id LIMIT ?`,
      )
      .all(userId, afterId, limit) as Row[];
    return this.views(rows);
  }

  /** The newest notification id of a user (0 when none): where the desktop starts counting. */
  latestId(userId: number): number {
    return (this.db.prepare('SELECT max(id) FROM notifications WHERE user_id = ?').pluck().get(userId) as number | null) ?? 0;
  }

  /** Unread notifications newer than `afterId` (for the burst summary). */
  countUnreadSince(userId: number, afterId: number): number {
    return this.db.prepare('SELECT count(*) FROM notifications WHERE user_id = ? AND read_at IS NULL AND id > ?').pluck().get(userId, afterId) as number;
  }

  /**
   * The records of one of my bulk summaries, a page at a time in record order
   * (a 20,000-record import is read in pages, never at once). Records removed
   * since (an import undone) are left out.
   */
  bulkRecords(userId: number, notificationId: number, q: { offset: number; limit: number }): NotificationRecordsPage {
    const mine = this.db.prepare('SELECT 1 FROM notifications WHERE id = ? AND user_id = ? AND bulk_operation_id IS NOT NULL').get(notificationId, userId);
    if (!mine) return { total: 0, offset: q.offset, rows: [] };
    const total = this.db
      .prepare('SELECT count(DISTINCT l.record_id) FROM notification_records l JOIN records r ON r.id = l.record_id WHERE l.notification_id = ?')
      .pluck()
      .get(notificationId) as number;
    const ids = this.db
      .prepare(
        `SELECT DISTINCT l.record_id FROM notification_records l JOIN records r ON r.id = l.record_id
         WHERE l.notification_id = ? ORDER BY l.record_id LIMIT ? OFFSET ?`,
      )
      .pluck()
      .all(notificationId, Math.min(q.limit, MAX_BULK_PAGE), q.offset) as number[];
    const ws = this.snapshot();
    const rows = ids.flatMap((id) => {
      const r = this.db.prepare('SELECT id, number, name, workflow_id, status_id, cpr FROM records WHERE id = ?').get(id) as
        | { id: number; number: string; name: string; workflow_id: number; status_id: number; cpr: string | null }
        | undefined;
      if (!r) return [];
      const status = ws.statusesById.get(r.status_id);
      return [
        {
          id: r.id,
          number: r.number,
          name: r.name,
          workflowName: ws.workflowsById.get(r.workflow_id)?.name ?? '',
          statusName: status?.name ?? '',
          statusColor: status?.color ?? '#6b7280',
          cprMasked: r.cpr ? maskCpr(r.cpr) : '',
        },
      ];
    });
    return { total, offset: q.offset, rows };
  }

  /** What a bulk summary is about: how many records, and how many per reason (status action on a status, field). */
  private bulkInfo(r: Row): BulkNotificationInfo | null {
    if (r.bulk_operation_id === null) return null;
    const parts = this.db
      .prepare('SELECT reason, detail, count(*) AS count FROM notification_records WHERE notification_id = ? GROUP BY reason, detail ORDER BY count(*) DESC')
      .all(r.id) as { reason: string; detail: string; count: number }[];
    const records = this.db.prepare('SELECT count(DISTINCT record_id) FROM notification_records WHERE notification_id = ?').pluck().get(r.id) as number;
    return { operation: r.bulk_kind ?? '', label: r.bulk_label ?? '', records, parts };
  }

  markRead(userId: number, ids: number[]): number {
    const at = isoAt(this.clock.now());
    const mark = this.db.prepare('UPDATE notifications SET read_at = ? WHERE id = ? AND user_id = ? AND read_at IS NULL');
    this.db.transaction(() => {
      for (const id of ids) mark.run(at, id, userId);
    })();
    return this.unreadCount(userId);
  }

  markUnread(userId: number, id: number): number {
    this.db.prepare('UPDATE notifications SET read_at = NULL WHERE id = ? AND user_id = ?').run(id, userId);
    return this.unreadCount(userId);
  }

  markAllRead(userId: number): number {
    this.db.prepare('UPDATE notifications SET read_at = ? WHERE user_id = ? AND read_at IS NULL').run(isoAt(this.clock.now()), userId);
    return 0;
  }

  private views(rows: Row[]): NotificationView[] {
    const ws = this.snapshot();
    const keyFields = ws.fields
      .filter((f) => f.showInList && f.role !== 'name' && f.type !== 'cpr' && f.type !== 'longtext')
      .slice(0, MAX_KEY_FIELDS);
    const values = this.keyValues(
      rows.flatMap((r) => (r.number !== null && r.record_id !== null ? [r.record_id] : [])),
      keyFields.map((f) => f.id),
    );
    return rows.map((r) => {
      let record: NotificationRecordInfo | null = null;
      if (r.record_id !== null && r.number !== null) {
        const status = ws.statusesById.get(r.status_id ?? 0);
        const shown = values.get(r.record_id);
        record = {
          id: r.record_id,
          number: r.number,
          name: r.name ?? '',
          workflowName: ws.workflowsById.get(r.workflow_id ?? 0)?.name ?? '',
          statusName: status?.name ?? '',
          statusColor: status?.color ?? '#6b7280',
          cprMasked: r.cpr ? maskCpr(r.cpr) : '',
          keyFields: keyFields.flatMap((f) => {
            const raw = shown?.get(f.id);
            if (raw === undefined) return [];
            let value = raw;
            if (f.type === 'user') value = this.dir.userName(Number(raw)) ?? raw;
            if (f.type === 'group') value = this.dir.groupName(Number(raw)) ?? raw;
            return [{ label: f.label, value }];
          }),
        };
      }
      return {
        id: r.id,
        kind: r.kind,
        context: r.context,
        params: r.params ? (JSON.parse(r.params) as Record<string, string>) : null,
        actorName: r.actor_user_id === null ? null : this.dir.userName(r.actor_user_id),
        createdAt: r.created_at,
        readAt: r.read_at,
        record,
        bulk: this.bulkInfo(r),
      };
    });
  }

  private keyValues(recordIds: number[], fieldIds: number[]): Map<number, Map<number, string>> {
    const out = new Map<number, Map<number, string>>();
    if (recordIds.length === 0 || fieldIds.length === 0) return out;
    const unique = [...new Set(recordIds)];
    const rows = this.db
      .prepare(
        `SELECT record_id, field_id, value FROM record_values
         WHERE record_id IN (${unique.map(() => '?').join(',')}) AND field_id IN (${fieldIds.map(() => '?').join(',')})`,
      )
      .all(...unique, ...fieldIds) as { record_id: number; field_id: number; value: string }[];
    for (const r of rows) {
      let m = out.get(r.record_id);
      if (!m) out.set(r.record_id, (m = new Map()));
      m.set(r.field_id, r.value);
    }
    return out;
  }
}
