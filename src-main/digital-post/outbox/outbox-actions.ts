import type { NotificationPort } from '../../notifications/notification-port';
import type { Clock } from '../../shared/clock';
import { isoAt } from '../../shared/clock';
import { DomainError, notFound } from '../../shared/domain-error';
import type { Db } from '../../store/database';
import { addEvent, messageById, type MessageRow } from './outbox-repo';
import { physicalPostNotice } from '../physical-post/physical-post-notice';

/** Sends a failed (or cancelled) letter again, with the same messageUUID: the access point still accepts it only once. */
export function retryMessage(db: Db, clock: Clock, id: number, userId: number): MessageRow {
  return db
    .transaction(() => {
      const row = messageById(db, id);
      if (!row) throw notFound('Message');
      if (!['failed', 'cancelled', 'queued', 'awaiting_receipt'].includes(row.state)) {
        throw new DomainError('conflict', 'only a failed, cancelled or waiting letter can be sent again');
      }
      const now = clock.now();
      // A letter awaiting its receipt stays so (the access point may have it): it is only sent again now.
      db.prepare(
        `UPDATE digital_post_messages SET state = CASE state WHEN 'awaiting_receipt' THEN state ELSE 'queued' END, attempts = 0, next_attempt_at = ?,
           lease_until = NULL, finished_at = NULL, error_code = '', error_text = '', field_errors = NULL, overdue_notified_at = NULL WHERE id = ?`,
      ).run(now, id);
      addEvent(db, id, now, 'retried', `user ${userId}`);
      return messageById(db, id) as MessageRow;
    })
    .immediate();
}

/** Cancels a letter that has not gone out yet. */
export function cancelMessage(db: Db, clock: Clock, id: number, userId: number): MessageRow {
  return db
    .transaction(() => {
      const row = messageById(db, id);
      if (!row) throw notFound('Message');
      if (row.state !== 'queued' && row.state !== 'failed') {
        throw new DomainError('conflict', 'only a letter that has not been handed over yet can be cancelled');
      }
      const now = clock.now();
      db.prepare("UPDATE digital_post_messages SET state = 'cancelled', finished_at = ? WHERE id = ?").run(isoAt(now), id);
      addEvent(db, id, now, 'cancelled', `user ${userId}`);
      return messageById(db, id) as MessageRow;
    })
    .immediate();
}

/**
 * A letter to a citizen Digital Post reports exempt (contacts/ lookup before
 * sending) goes to the physical-post fallback before it is ever sent; the
 * record's responsible people are told, as when the access point answers NOT_ALLOWED.
 */
export function routeToPhysicalPost(db: Db, clock: Clock, notifications: NotificationPort, id: number, code: string): MessageRow {
  return db
    .transaction(() => {
      const now = clock.now();
      const changed = db
        .prepare(
          "UPDATE digital_post_messages SET state = 'physical_post', lease_until = NULL, finished_at = ?, error_code = ?, error_text = ? WHERE id = ? AND state = 'queued' AND attempts = 0",
        )
        .run(isoAt(now), code, 'the citizen is exempt from Digital Post (contacts lookup)', id).changes;
      const row = messageById(db, id) as MessageRow;
      if (changed > 0) {
        addEvent(db, id, now, 'physical_post', code);
        notifications.publish({ ...physicalPostNotice(row.record_id, row.subject), mailingId: row.mailing_id });
      }
      return row;
    })
    .immediate();
}
