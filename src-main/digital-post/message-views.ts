import type { Language, MessageView } from '../contract';
import { maskCpr, redactCprs } from '../cpr/cpr';
import { isoAt } from '../shared/clock';
import type { Db } from '../store/database';
import type { MessageRow } from './outbox/outbox-repo';
import { postedByName } from './physical-post/print-list';

/** A message as the caseworker sees it: states, receipt, failure in plain words; never the full CPR. */
export function messageView(db: Db, row: MessageRow, lang: Language): MessageView {
  const events = db
    .prepare('SELECT at, kind, detail FROM digital_post_events WHERE message_id = ? ORDER BY id')
    .all(row.id) as { at: string; kind: string; detail: string }[];
  const files = (JSON.parse(row.files) as { fileName: string; bytes: number; role: 'main' | 'attachment' }[]).map((f) => ({
    fileName: f.fileName,
    bytes: f.bytes,
    role: f.role,
  }));
  return {
    id: row.id,
    recordId: row.record_id,
    messageUuid: row.message_uuid,
    subject: row.subject,
    notification: row.notification,
    state: row.state,
    recipientMasked: maskCpr(row.recipient_cpr),
    createdAt: row.created_at,
    acceptedAt: row.accepted_at,
    deliveredAt: row.delivered_at,
    readAt: row.read_at,
    finishedAt: row.finished_at,
    attempts: row.attempts,
    nextAttemptAt: row.state === 'queued' || row.state === 'awaiting_receipt' ? isoAt(row.next_attempt_at) : null,
    lastAttemptAt: row.last_attempt_at === null ? null : isoAt(row.last_attempt_at),
    waitingFor: row.state === 'awaiting_receipt' ? 'receipt' : row.state === 'accepted' ? 'delivery_receipt' : null,
    receiptOverdue: row.overdue_notified_at !== null && (row.state === 'awaiting_receipt' || row.state === 'accepted'),
    deliveryReceipt: row.delivery_receipt,
    transmissionId: row.transmission_id,
    errorText: errorText(row, lang),
    errorKind: errorKind(row),
    errorTechnical: redactCprs([row.error_code, row.error_text].filter(Boolean).join(': ')).slice(0, 500),
    fieldErrors: row.field_errors ? (JSON.parse(row.field_errors) as MessageView['fieldErrors']) : [],
    files,
    costOre: row.cost_ore,
    memoSha256: row.memo_sha256,
    readStatus: row.read_at ? 'read' : 'not_available',
    events: events.map((e) => ({ at: e.at, kind: e.kind, detail: e.detail })),
    posted: row.posted_on
      ? {
          on: row.posted_on,
          byName: postedByName(db, row) ?? '',
          recordedAt: row.posted_recorded_at ?? '',
        }
      : null,
  };
}

/** The failure or the last transient problem as a code, worded at display time. */
export function errorKind(row: Pick<MessageRow, 'state' | 'error_code' | 'error_text' | 'field_errors'>): MessageView['errorKind'] {
  if (row.state === 'physical_post') return 'physical_post';
  if (row.state === 'failed') {
    if (row.field_errors && row.field_errors !== '[]') return 'invalid';
    return row.error_code === 'gave_up' ? 'gave_up' : 'refused';
  }
  if (row.state === 'awaiting_receipt') return 'lost';
  if (row.state === 'queued' && row.error_text) return 'retrying';
  return null;
}

/** The failure or the last transient problem, in plain words. */
export function errorText(row: Pick<MessageRow, 'state' | 'error_code' | 'error_text' | 'field_errors'> & Partial<Pick<MessageRow, 'posted_on'>>, lang: Language): string {
  const da = lang === 'da';
  if (row.state === 'physical_post') {
    if (row.posted_on) return '';
    return da
      ? 'Borgeren er fritaget for Digital Post. Brevet skal sendes med fysisk post.'
      : 'The citizen is exempt from Digital Post. The letter must be sent by physical post.';
  }
  if (row.state === 'failed') {
    if (row.field_errors && row.field_errors !== '[]') {
      const fields = (JSON.parse(row.field_errors) as { field: string; code: string }[]).map((f) => `${f.field} (${f.code})`).join(', ');
      return da
        ? `Digital Post afviste brevet som ugyldigt: ${row.error_text}. Fejl i: ${fields}`
        : `Digital Post rejected the letter as invalid: ${row.error_text}. Problems in: ${fields}`;
    }
    if (row.error_code === 'gave_up') {
      return da
        ? `Brevet kunne ikke afleveres efter gentagne forsøg (${row.error_text}). Prøv igen senere.`
        : `The letter could not be handed over after repeated attempts (${row.error_text}). Try again later.`;
    }
    return da ? `Brevet kunne ikke sendes: ${row.error_text}` : `The letter could not be sent: ${row.error_text}`;
  }
  if (row.state === 'awaiting_receipt') {
    return da
      ? `Svaret fra Digital Post gik tabt${row.error_text ? ` (${row.error_text})` : ''}; brevet afventer kvittering.`
      : `The answer from Digital Post was lost${row.error_text ? ` (${row.error_text})` : ''}; the letter awaits its receipt.`;
  }
  if (row.state === 'queued' && row.error_text) {
    return da ? `Venter på nyt forsøg (${row.error_text})` : `Waiting to try again (${row.error_text})`;
  }
  return '';
}

/** Evidence that a letter was delivered: receipts and the SHA-256 of exactly the bytes sent. */
export function proofOfDelivery(row: MessageRow, recordNumber: string | null, generatedAt: string, postedByName: string | null = null) {
  return {
    kind: 'digital-post-proof-of-delivery',
    generatedAt,
    record: recordNumber,
    message: {
      messageUUID: row.message_uuid,
      subject: row.subject,
      recipient: maskCpr(row.recipient_cpr),
      state: row.state,
      createdAt: row.created_at,
      acceptedAt: row.accepted_at,
      deliveredAt: row.delivered_at,
      readAt: row.read_at,
      readStatus: row.read_at ? 'read' : 'not available from the channel',
      transport: row.transport,
    },
    sent: {
      format: 'MeMo 1.2 (application/xml, UTF-8)',
      bytes: row.memo_bytes,
      sha256: row.memo_sha256,
      files: JSON.parse(row.files) as unknown,
    },
    acceptReceipt: row.accept_receipt ? (JSON.parse(row.accept_receipt) as unknown) : null,
    deliveryReceipt: row.delivery_receipt ? (JSON.parse(row.delivery_receipt) as unknown) : null,
    physicalPost: row.state === 'physical_post' ? { postedOn: row.posted_on, postedBy: postedByName, recordedAt: row.posted_recorded_at } : null,
  };
}
