/**
 * How features tell caseworkers something personally (issue 6 implements it
 * with the inbox, OS notifications and the tray). `publish` runs inside the
 * caller's transaction: the notification exists exactly when the change that
 * caused it commits.
 */
export type NotificationKind =
  | 'status_action'
  | 'responsible_user'
  | 'responsible_group'
  | 'digital_post_failed'
  | 'digital_post_physical_fallback'
  | 'digital_post_awaiting_receipt'
  | 'signature_requested'
  | 'signature_completed'
  | 'signature_rejected'
  | 'signature_expired'
  | 'questionnaire_completed'
  | 'status_action_failed'
  | 'timed_action_fired'
  /** One person's summary of a bulk operation (migration 016); its records are in notification_records. */
  | 'bulk_summary';

export interface NotificationRequest {
  kind: NotificationKind;
  recordId: number | null;
  /** Explicit recipients. */
  userIds?: number[];
  /** Every member of these groups is a recipient. */
  groupIds?: number[];
  /** Also the record's responsible user and every member of its responsible group. */
  toRecordResponsibles?: boolean;
  /** The context line ("why am I told"), already in plain words; no CPR. */
  message: string;
  /** Who caused it, when a person did; they are not notified about their own act. */
  actorUserId?: number | null;
  /**
   * Optional parts of the message by name (field, group, actor), so the inbox can
   * say it in the caseworker's language; `message` stays the Danish fallback.
   */
  params?: Record<string, string>;
  /**
   * Several records at once (a CSV import's assignments of one person). Inside a
   * bulk operation each joins the summary; outside, one row without a record
   * stands for them all (params.count).
   */
  recordIds?: number[];
  /**
   * The mailing a letter belongs to: the outbox sends a mailing's letters long
   * after it was prepared, and what they tell people joins the mailing's summary.
   */
  mailingId?: number | null;
}

export interface NotificationPort {
  /** Stores one notification per recipient; returns how many were stored. */
  publish(request: NotificationRequest): void | number;
}
