import { isoAt } from '../../shared/clock';
import type { Db } from '../../store/database';
import { preparedOnce } from '../../store/statement-cache';

export const MESSAGE_STATES = ['queued', 'sending', 'awaiting_receipt', 'accepted', 'delivered', 'read', 'failed', 'cancelled', 'physical_post'] as const;
export type MessageState = (typeof MESSAGE_STATES)[number];

export interface MessageRow {
  id: number;
  message_uuid: string;
  idempotency_key: string;
  record_id: number | null;
  mailing_id: number | null;
  recipient_cpr: string;
  subject: string;
  notification: string;
  files: string;
  memo: Buffer;
  memo_sha256: string;
  memo_bytes: number;
  state: MessageState;
  attempts: number;
  next_attempt_at: number;
  transport: string | null;
  created_at: string;
  created_by: number | null;
  accepted_at: string | null;
  delivered_at: string | null;
  read_at: string | null;
  finished_at: string | null;
  transmission_id: string | null;
  accept_receipt: string | null;
  delivery_receipt: string | null;
  error_code: string;
  error_text: string;
  field_errors: string | null;
  cost_ore: number | null;
  /** When the letter started waiting for its receipt (accepted, or an answer lost), ms. */
  awaiting_since: number | null;
  last_attempt_at: number | null;
  overdue_notified_at: number | null;
  /** Physical post: the day a caseworker posted the letter (YYYY-MM-DD), who, and when they recorded it (migration 015). */
  posted_on: string | null;
  posted_by: number | null;
  posted_recorded_at: string | null;
}

export type ClaimedMessage = Pick<MessageRow, 'id' | 'message_uuid' | 'memo' | 'attempts' | 'record_id' | 'recipient_cpr' | 'subject' | 'memo_bytes' | 'state' | 'awaiting_since' | 'mailing_id'>;

/** Adds one line to a message's timeline. */
export function addEvent(db: Db, messageId: number, now: number, kind: string, detail = ''): void {
  preparedOnce(db, 'INSERT INTO digital_post_events (message_id, at, kind, detail) VALUES (?, ?, ?, ?)').run(messageId, isoAt(now), kind, detail);
}

/**
 * Takes up to `limit` due messages for sending. `sending` rows whose lease ran
 * out (a sender that died) are taken again; the fixed messageUUID makes that safe.
 * A letter awaiting its receipt (an earlier answer was lost) is sent again under
 * the same messageUUID but keeps its state: what the caseworker sees stays true
 * while the repeated POST is in flight; the lease alone marks it as taken.
 */
export function claimDue(db: Db, now: number, limit: number, leaseMs: number): ClaimedMessage[] {
  return db
    .transaction(
      () =>
        preparedOnce(
          db,
          `UPDATE digital_post_messages SET state = CASE state WHEN 'awaiting_receipt' THEN state ELSE 'sending' END, lease_until = ?
           WHERE id IN (SELECT id FROM digital_post_messages
                        WHERE state IN ('queued','sending','awaiting_receipt') AND next_attempt_at <= ?
                          AND (state = 'queued' OR lease_until IS NULL AND state = 'awaiting_receipt' OR lease_until < ?)
                        ORDER BY next_attempt_at, id LIMIT ?)
           RETURNING id, message_uuid, memo, attempts, record_id, recipient_cpr, subject, memo_bytes, state, awaiting_since, mailing_id`,
        ).all(now + leaseMs, now, now, limit) as ClaimedMessage[],
    )
    .immediate();
}

/** After a crash every `sending` row goes back to the queue (a second POST of the same UUID is harmless). */
export function releaseInterrupted(db: Db, now: number): number {
  const awaiting = db.prepare("UPDATE digital_post_messages SET lease_until = NULL, next_attempt_at = min(next_attempt_at, ?) WHERE state = 'awaiting_receipt' AND lease_until IS NOT NULL").run(now).changes;
  return awaiting + db.prepare("UPDATE digital_post_messages SET state = 'queued', lease_until = NULL, next_attempt_at = min(next_attempt_at, ?) WHERE state = 'sending'").run(now).changes;
}

/** Puts claimed messages back without counting an attempt (sending paused). */
export function release(db: Db, ids: number[], at: number): void {
  const stmt = preparedOnce(
    db,
    "UPDATE digital_post_messages SET state = CASE state WHEN 'sending' THEN 'queued' ELSE state END, lease_until = NULL, next_attempt_at = ? WHERE id = ? AND state IN ('sending','awaiting_receipt')",
  );
  db.transaction(() => {
    for (const id of ids) stmt.run(at, id);
  }).immediate();
}

export function nextDueAt(db: Db): number | null {
  return (db.prepare("SELECT min(next_attempt_at) AS at FROM digital_post_messages WHERE state IN ('queued','sending','awaiting_receipt')").get() as { at: number | null }).at;
}

export function countsByState(db: Db): Record<MessageState, number> {
  const out = Object.fromEntries(MESSAGE_STATES.map((s) => [s, 0])) as Record<MessageState, number>;
  for (const r of db.prepare('SELECT state, count(*) AS n FROM digital_post_messages GROUP BY state').all() as { state: MessageState; n: number }[]) {
    out[r.state] = r.n;
  }
  return out;
}

export function messageByUuid(db: Db, uuid: string): MessageRow | undefined {
  return preparedOnce(db, 'SELECT * FROM digital_post_messages WHERE message_uuid = ?').get(uuid) as MessageRow | undefined;
}

export function messageById(db: Db, id: number): MessageRow | undefined {
  return db.prepare('SELECT * FROM digital_post_messages WHERE id = ?').get(id) as MessageRow | undefined;
}

/**
 * Is a receipt worth asking for? Letters accepted or awaiting their receipt,
 * letters being (re)sent, failed letters (a delivery receipt is applied
 * whatever the local state), and receipts stored but not yet acknowledged.
 */
export function hasOutstanding(db: Db): boolean {
  return (
    db.prepare("SELECT 1 FROM digital_post_messages WHERE state IN ('accepted','awaiting_receipt','sending','queued','failed') LIMIT 1").get() !== undefined ||
    db.prepare('SELECT 1 FROM digital_post_receipts WHERE acknowledged_at IS NULL LIMIT 1').get() !== undefined
  );
}

export function messageByTransmissionId(db: Db, transmissionId: string): MessageRow | undefined {
  return preparedOnce(db, 'SELECT * FROM digital_post_messages WHERE transmission_id = ?').get(transmissionId) as MessageRow | undefined;
}
