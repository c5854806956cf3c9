import { z } from 'zod';

// Contract of the Digital Post feature: inputs (untrusted: strict, bounded),
// results and view types. Spread into the hubs by one line each.

const id = z.int().min(1).max(Number.MAX_SAFE_INTEGER);
/** A PDF sent from the renderer as base64; 30 MB of base64 ≈ 22 MB of PDF. */
const upload = z.strictObject({ fileName: z.string().min(1).max(255), contentBase64: z.string().min(1).max(30_000_000) });

const compose = z.strictObject({
  recordId: id,
  subject: z.string().min(1).max(250),
  notification: z.string().max(150),
  body: z.string().max(20_000),
  attachments: z.array(upload).max(10),
});

import { MESSAGE_STATE_NAMES, type MessageStateName } from './digital-post-names';

export { MESSAGE_STATE_NAMES, type MessageStateName };

export const digitalPostInputs = {
  listRecordMessages: z.strictObject({ recordId: id }),
  previewDigitalPost: compose,
  /**
   * `requestId` is minted when the compose dialog opens and sent with every
   * attempt to send from it: a repeated request (double click, a retry after a
   * lost answer) returns the letter already queued instead of a second letter.
   */
  sendDigitalPost: compose.extend({ requestId: z.uuid() }),
  checkDigitalPostExemption: z.strictObject({ recordId: id }),
  getMessageProof: z.strictObject({ id }),
  getOutbox: z.strictObject({ state: z.enum(MESSAGE_STATE_NAMES).optional(), limit: z.int().min(1).max(500).optional() }),
  retryMessage: z.strictObject({ id }),
  cancelMessage: z.strictObject({ id }),
  getDigitalPostSettings: z.strictObject({}),
  saveDigitalPostSettings: z.strictObject({
    transport: z.enum(['sandbox', 'ngdp', 'eboks']),
    endpoint: z.string().max(500),
    certificatePath: z.string().max(1000),
    certificatePassword: z.string().max(500).optional(),
    /** NgDP `Authorization: Basic` credential `uuidA:uuidB` (a secret; empty/absent keeps the stored one). */
    apiCredential: z.string().max(200).optional(),
    eboksHost: z.string().max(500),
    eboksSystemId: z.string().max(20),
    eboksClientId: z.string().max(20),
    eboksContentTypeId: z.string().max(20),
    senderCvr: z.string().max(8),
    senderLabel: z.string().min(1).max(250),
    perMessageOre: z.int().min(0).max(100_000),
    perMbOre: z.int().min(0).max(100_000),
    capOre: z.int().min(0).max(1_000_000),
    /** Transient failures (5xx, 429, timeouts) are retried this many times before the letter fails. */
    maxAttempts: z.int().min(1).max(100),
    /** Hours a letter may wait for its receipt before the responsible caseworker is told (it is still not failed). */
    awaitReceiptHours: z.number().min(0.001).max(1440).optional(),
  }),
  testDigitalPostConnection: z.strictObject({}),
  getCostOverview: z.strictObject({ fromMonth: z.string().max(7).optional(), toMonth: z.string().max(7).optional() }),
};

export interface MessageEventView {
  at: string;
  kind: string;
  detail: string;
}

export interface MessageView {
  id: number;
  recordId: number | null;
  messageUuid: string;
  subject: string;
  notification: string;
  state: MessageStateName;
  /** DDMMYY-****: the full CPR never leaves main in a view. */
  recipientMasked: string;
  createdAt: string;
  acceptedAt: string | null;
  deliveredAt: string | null;
  readAt: string | null;
  finishedAt: string | null;
  attempts: number;
  nextAttemptAt: string | null;
  /** When the app last handed the letter to the access point. */
  lastAttemptAt: string | null;
  /** What the app waits for: the receipt of a letter whose answer was lost, or the delivery receipt of an accepted one. */
  waitingFor: 'receipt' | 'delivery_receipt' | null;
  /** No receipt came within the configured time; the responsible caseworker was told. */
  receiptOverdue: boolean;
  /** The access point's delivery receipt (JSON text), the proof of delivery. */
  deliveryReceipt: string | null;
  transmissionId: string | null;
  /** The failure in plain words, in main's language (the CLI's); the renderer words `errorKind` itself. */
  errorText: string;
  /** What went wrong as a code the renderer words in the reader's language; null when nothing did. */
  errorKind: 'physical_post' | 'invalid' | 'gave_up' | 'refused' | 'lost' | 'retrying' | null;
  /** The access point's own words and codes, for the technical details only (no CPR: letters carry it masked). */
  errorTechnical: string;
  fieldErrors: { resource: string; field: string; code: string }[];
  files: { fileName: string; bytes: number; role: 'main' | 'attachment' }[];
  costOre: number | null;
  memoSha256: string;
  /** NgDP gives no read receipts: "not_available" is the honest answer. */
  readStatus: 'read' | 'not_available';
  events: MessageEventView[];
  /** Physical post: the day the letter was posted (YYYY-MM-DD) and by whom; null until a caseworker marks it. */
  posted: { on: string; byName: string; recordedAt: string } | null;
}

export interface DigitalPostPreview {
  subject: string;
  notification: string;
  senderLabel: string;
  senderCvr: string;
  recipientMasked: string;
  /** The PDFs exactly as the citizen receives them. */
  files: { fileName: string; bytes: number; role: 'main' | 'attachment'; contentBase64: string }[];
  memoBytes: number;
  costOre: number;
}

export interface ExemptionView {
  status: 'REGISTERED' | 'EXEMPT' | 'CLOSED' | 'UNKNOWN' | 'unreachable' | 'no_cpr';
  /** What will happen, in plain words. */
  text: string;
}

export interface OutboxView {
  counts: Record<MessageStateName, number>;
  paused: boolean;
  pauseReason: string;
  resumesAt: string | null;
  messages: MessageView[];
  /** Letters waiting in "Til print" (physical post not yet marked as posted). */
  toPrint: number;
}

export interface DigitalPostSettingsView {
  transport: 'sandbox' | 'ngdp' | 'eboks';
  endpoint: string;
  certificatePath: string;
  certificatePasswordSet: boolean;
  apiCredentialSet: boolean;
  eboksHost: string;
  eboksSystemId: string;
  eboksClientId: string;
  eboksContentTypeId: string;
  senderCvr: string;
  senderLabel: string;
  perMessageOre: number;
  perMbOre: number;
  capOre: number;
  maxAttempts: number;
  awaitReceiptHours: number;
  /** Where the sandbox's citizen mailbox is, when it runs in this app. */
  sandboxMailboxUrl: string | null;
  /** The PKCS#12 the strict sandbox made for this app, when it runs here. */
  sandboxCertificatePath: string | null;
}

export interface ConnectionCheckView {
  ok: boolean;
  problem: 'certificate' | 'auth' | 'network' | 'server' | 'settings' | null;
  /** Main's wording, in its own language: the CLI's; the renderer words `cause` and `params` itself. */
  detail: string;
  /** The cause as a code (connection-causes.ts), null for a settings problem found before asking. */
  cause: string | null;
  /** The cause's parameters; `server` is the access point's own words, for the technical details only. */
  params: { base?: string; status?: number; code?: string; server?: string; service?: 'mitid' | 'signatures'; clientId?: string };
}

export interface CostLineView {
  month: string;
  kind: 'digital_post' | 'mitid_login' | 'signature';
  workflowId: number | null;
  workflowName: string;
  count: number;
  amountOre: number;
}

export interface DigitalPostMethodResults {
  listRecordMessages: MessageView[];
  previewDigitalPost: DigitalPostPreview;
  sendDigitalPost: MessageView;
  checkDigitalPostExemption: ExemptionView;
  getMessageProof: { fileName: string; json: string };
  getOutbox: OutboxView;
  retryMessage: MessageView;
  cancelMessage: MessageView;
  getDigitalPostSettings: DigitalPostSettingsView;
  saveDigitalPostSettings: DigitalPostSettingsView;
  testDigitalPostConnection: ConnectionCheckView;
  getCostOverview: CostLineView[];
}
