import { z } from 'zod';
import type { NOTIFICATION_METHOD_NAMES } from './notification-names';

// The inbox, read state and "Mine ansvarsområder": method names, inputs and views.

const id = z.int().min(1).max(Number.MAX_SAFE_INTEGER);

export const notificationInputs = {
  listNotifications: z.strictObject({
    /** Only unread ones (the bell's default); otherwise unread first, then read, newest first within each. */
    unreadOnly: z.boolean().optional(),
    offset: z.int().min(0).max(1_000_000),
    limit: z.int().min(1).max(200),
  }),
  countUnreadNotifications: z.strictObject({}),
  markNotificationsRead: z.strictObject({ ids: z.array(id).min(1).max(500) }),
  markNotificationUnread: z.strictObject({ id }),
  markAllNotificationsRead: z.strictObject({}),
  getMyResponsibilities: z.strictObject({}),
  /** The records of one of my bulk summaries, a page at a time. */
  listNotificationRecords: z.strictObject({ id, offset: z.int().min(0).max(1_000_000), limit: z.int().min(1).max(500) }),
} as const satisfies Record<(typeof NOTIFICATION_METHOD_NAMES)[number], z.ZodType>;

export interface NotificationRecordInfo {
  id: number;
  number: string;
  name: string;
  workflowName: string;
  statusName: string;
  statusColor: string;
  /** `DDMMYY-****` or empty. */
  cprMasked: string;
  /** The workspace's list fields (label and shown value; user/group names resolved, CPR masked). */
  keyFields: { label: string; value: string }[];
}

export interface NotificationView {
  id: number;
  kind: string;
  /** The context line in Danish as stored. */
  context: string;
  /** Named parts of the context, so the renderer can phrase it in the UI language. */
  params: Record<string, string> | null;
  actorName: string | null;
  createdAt: string;
  readAt: string | null;
  /** Null for notifications without a record, or when the record is gone. */
  record: NotificationRecordInfo | null;
  /** A bulk operation's one summary for this person (kind `bulk_summary`); null otherwise. */
  bulk: BulkNotificationInfo | null;
}

/**
 * One person's summary of a bulk operation: what the operation was, how many
 * records concern them, and why, counted per reason (the kind of notification
 * that each record would have had) and detail (the status or field).
 */
export interface BulkNotificationInfo {
  /** 'csv_import' | 'mailing' | 'status_change'. */
  operation: string;
  /** The file name, the mailing's name or the target status. */
  label: string;
  records: number;
  parts: { reason: string; detail: string; count: number }[];
}

export interface NotificationRecordsPage {
  total: number;
  offset: number;
  rows: Omit<NotificationRecordInfo, 'keyFields'>[];
}

export interface NotificationPage {
  unread: number;
  total: number;
  offset: number;
  rows: NotificationView[];
}

export interface ResponsibilityCount {
  workflowId: number;
  workflowName: string;
  statusId: number;
  statusName: string;
  statusColor: string;
  isFinal: boolean;
  /** Records where I am the responsible user. */
  mine: number;
  /** Records where one of my groups is responsible and I am not the responsible user. */
  viaGroup: number;
}

export interface ResponsibilitiesView {
  total: number;
  byStatus: ResponsibilityCount[];
}

export interface NotificationResults {
  listNotifications: NotificationPage;
  countUnreadNotifications: { unread: number };
  markNotificationsRead: { unread: number };
  markNotificationUnread: { unread: number };
  markAllNotificationsRead: { unread: number };
  getMyResponsibilities: ResponsibilitiesView;
  listNotificationRecords: NotificationRecordsPage;
}
