import { SIGNING_STATE_NAMES, type SigningStateName } from '../contract/signing';
import type { Db } from '../store/database';

/** Where a signing request is in its life (the contract names them); the last five are final. */
export const SIGNING_STATES = SIGNING_STATE_NAMES;
export type SigningState = SigningStateName;
export const FINAL_STATES: readonly SigningState[] = ['completed', 'rejected', 'expired', 'cancelled', 'failed'];
export const isFinal = (s: SigningState): boolean => FINAL_STATES.includes(s);

export interface SigningRequestRow {
  id: number;
  record_id: number;
  job_id: number | null;
  idempotency_key: string;
  reference: string;
  state: SigningState;
  template_id: number;
  signer_cpr: string;
  /** The second signatory (signs after the first); null when one person signs. */
  second_signer_cpr: string | null;
  second_signatory_id: string | null;
  second_signing_href: string | null;
  second_letter_message_id: number | null;
  title: string;
  message: string;
  signed_status_id: number | null;
  rejected_status_id: number | null;
  expired_status_id: number | null;
  caseworker_user_id: number | null;
  document_title: string | null;
  document_file_name: string | null;
  document_pdf: Buffer | null;
  order_id: string | null;
  signatory_id: string | null;
  signing_href: string | null;
  order_expires_at: string | null;
  letter_message_id: number | null;
  link_sent_at: number | null;
  signed_pdf: Buffer | null;
  signed_at: string | null;
  outcome_note: string;
  cost_ore: number | null;
  cancel_requested_by: number | null;
  cancel_requested_at: string | null;
  attempts: number;
  last_error: string;
  next_attempt_at: number;
  last_polled_at: number | null;
  created_at: string;
  updated_at: string;
  finished_at: string | null;
}

export function signingRequest(db: Db, id: number): SigningRequestRow | undefined {
  return db.prepare('SELECT * FROM signing_requests WHERE id = ?').get(id) as SigningRequestRow | undefined;
}

export interface NewSigningRequest {
  recordId: number;
  jobId: number | null;
  idempotencyKey: string;
  templateId: number;
  signerCpr: string;
  /** A second person who signs after the first; null or absent when one person signs. */
  secondSignerCpr?: string | null;
  title: string;
  message: string;
  signedStatusId: number | null;
  rejectedStatusId: number | null;
  expiredStatusId: number | null;
  caseworkerUserId: number | null;
  now: number;
}

/**
 * Records that a signature is wanted; the worker does the rest. Runs in the
 * caller's transaction (the status-action job's), and a retried job with the
 * same key inserts nothing new. Returns the request's id.
 */
export function insertSigningRequest(db: Db, r: NewSigningRequest): number {
  const at = new Date(r.now).toISOString();
  db.prepare(
    `INSERT INTO signing_requests (record_id, job_id, idempotency_key, reference, state, template_id, signer_cpr, second_signer_cpr, title, message,
       signed_status_id, rejected_status_id, expired_status_id, caseworker_user_id, next_attempt_at, created_at, updated_at)
     VALUES (?, ?, ?, 'sr-' || lower(hex(randomblob(12))), 'requested', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (idempotency_key) DO NOTHING`,
  ).run(
    r.recordId,
    r.jobId,
    r.idempotencyKey,
    r.templateId,
    r.signerCpr,
    r.secondSignerCpr ?? null,
    r.title,
    r.message,
    r.signedStatusId,
    r.rejectedStatusId,
    r.expiredStatusId,
    r.caseworkerUserId,
    0, // due at once, whatever the worker's clock says
    at,
    at,
  );
  return db.prepare('SELECT id FROM signing_requests WHERE idempotency_key = ?').pluck().get(r.idempotencyKey) as number;
}

/** Requests whose next step is due, oldest first. */
export function dueSigningRequests(db: Db, now: number, limit = 20): number[] {
  return db
    .prepare(
      `SELECT id FROM signing_requests
       WHERE state NOT IN ('completed', 'rejected', 'expired', 'cancelled', 'failed') AND next_attempt_at <= ?
       ORDER BY next_attempt_at LIMIT ?`,
    )
    .pluck()
    .all(now, limit) as number[];
}

export function nextSigningWakeAt(db: Db): number | null {
  return (
    (db
      .prepare(`SELECT min(next_attempt_at) FROM signing_requests WHERE state NOT IN ('completed', 'rejected', 'expired', 'cancelled', 'failed')`)
      .pluck()
      .get() as number | null) ?? null
  );
}
