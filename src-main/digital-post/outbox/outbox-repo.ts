import { isoAt } from '../../shared/clock';
import type { Db } from '../../store/database';
import { preparedOnce } from '../../store/statement-cache';

export const MESSAGE_STATES = ['queued', 'sending', 'accepted', 'delivered', 'read', 'failed', 'cancelled', 'physical_post'] as const;
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
}

export type ClaimedMessage = Pick<MessageRow, 'id' | 'message_uuid' | 'memo' | 'attempts' | 'record_id' | 'recipient_cpr' | 'subject' | 'memo_bytes'>;

/** Adds one line to a message's timeline. */
export function addEvent(db: Db, messageId: number, now: number, kind: string, detail = ''): void {
  preparedOnce(db, 'INSERT INTO digital_post_events (message_id, at, kind, detail) VALUES (?, ?, ?, ?)').run(messageId, isoAt(now), kind, detail);
}

/**
 * Takes up to `limit` due messages for sending. `sending` rows whose lease ran
 * out (a sender that died) are taken again; the fixed messageUUID makes that safe.
 */
export function claimDue(db: Db, now: number, limit: number, leaseMs: number): ClaimedMessage[] {
  return db
    .transaction(
      () =>
        preparedOnce(
          db,
          `UPDATE digital_post_messages SET state = 'sending', lease_until = ?
           WHERE id IN (SELECT id FROM digital_post_messages
                        WHERE state IN ('queued','sending') AND next_attempt_at <= ? AND (state = 'queued' OR lease_until < ?)
                        ORDER BY next_attempt_at, id LIMIT ?)
           RETURNING id, message_uuid, memo, attempts, record_id, recipient_cpr, subject, memo_bytes`,
        ).all(now + leaseMs, now, now, limit) as ClaimedMessage[],
    )
    .immediate();
}

/** After a crash every `sending` row goes back to the queue (a second POST of the same UUID is harmless). */
export function releaseInterrupted(db: Db, now: number): number {
  return db.prepare("UPDATE digital_post_messages SET state = 'queued', lease_until = NULL, next_attempt_at = min(next_attempt_at, ?) WHERE state = 'sending'").run(now).changes;
}

/** Puts claimed messages back without counting an attempt (sending paused). */
export function release(db: Db, ids: number[], at: number): void {
  const stmt = preparedOnce(db, "UPDATE digital_post_messages SET state = 'queued', lease_until = NULL, next_attempt_at = ? WHERE id = ? AND state = 'sending'");
  db.transaction(() => {
    for (const id of ids) stmt.run(at, id);
  }).immediate();
}

export function nextDueAt(db: Db): number | null {
  return (db.prepare("SELECT min(next_attempt_at) AS at FROM digital_post_messages WHERE state IN ('queued','sending')").get() as { at: number | null }).at;
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

export function hasAccepted(db: Db): boolean {
  return db.prepare("SELECT 1 FROM digital_post_messages WHERE state = 'accepted' LIMIT 1").get() !== undefined;
}
