import { z } from 'zod';

// Contract of MitID signatures (issue 5): inputs, results and views.

const id = z.int().min(1).max(Number.MAX_SAFE_INTEGER);

export const SIGNING_STATE_NAMES = [
  'requested',
  'document_ready',
  'creating_order',
  'order_created',
  'awaiting_signature',
  /** The closed order's document failed the app's own check: not stored as signed, waiting for the caseworker's decision. */
  'signature_invalid',
  'completed',
  'rejected',
  'expired',
  'cancelled',
  'failed',
] as const;
export type SigningStateName = (typeof SIGNING_STATE_NAMES)[number];

export const ACR_VALUES = ['urn:grn:authn:dk:mitid:low', 'urn:grn:authn:dk:mitid:substantial', 'urn:grn:authn:dk:mitid:high'] as const;

/** Why a signing request failed, as a code and parameters the renderer words in the reader's language (see docs/words.md). */
export const SIGNING_ERROR_CODES = [
  'credentials_missing',
  'credentials_refused',
  'provider_refused',
  'http_status',
  'unreachable',
  'order_gone',
  'incomplete_answer',
  'signed_document_missing',
  'signature_refused',
  'rule',
  'sandbox_not_running',
  'unknown',
] as const;
export type SigningErrorCode = (typeof SIGNING_ERROR_CODES)[number];

export interface SigningErrorView {
  code: SigningErrorCode;
  /** e.g. `{ status: 502 }`, `{ problems: ['digest_mismatch'] }`, `{ rule: 'invalid_input' }`. */
  params: Record<string, string | number | string[]>;
  /**
   * What the provider or our own check said, for the "technical details" disclosure
   * only; CPR numbers are redacted before it is stored.
   */
  technical: string;
}

export interface SigningRequestView {
  id: number;
  recordId: number;
  state: SigningStateName;
  title: string;
  /** `DDMMYY-****`: the signer is shown masked, like every CPR in lists. */
  signerCprMasked: string;
  /** The second signatory (signs after the first), masked; null when one person signs. */
  secondSignerCprMasked: string | null;
  documentFileName: string | null;
  hasDocument: boolean;
  hasSignedPdf: boolean;
  orderId: string | null;
  /** The citizen's signing link (only the citizen's MitID can sign through it). */
  signingHref: string | null;
  /** The second signatory's own link; it opens for signing once the first has signed. */
  secondSigningHref: string | null;
  letterMessageId: number | null;
  secondLetterMessageId: number | null;
  createdAt: string;
  linkSentAt: string | null;
  signedAt: string | null;
  finishedAt: string | null;
  orderExpiresAt: string | null;
  lastPolledAt: string | null;
  costOre: number | null;
  /** Rejection reason, or why the record could not be moved. */
  outcomeNote: string;
  lastError: SigningErrorView | null;
  cancelRequested: boolean;
  canCancel: boolean;
}

export interface SignaturesSettingsView {
  endpoint: string;
  clientId: string;
  priceOre: number;
  expiresInDays: number;
  acrValue: (typeof ACR_VALUES)[number];
  /** A client secret is stored in the OS keychain (never shown). */
  hasSecret: boolean;
  /** The app points at the local sandbox. */
  usingSandbox: boolean;
}

export const signingMethodInputs = {
  listSigningRequests: z.strictObject({ recordId: id }),
  cancelSigningRequest: z.strictObject({ id }),
  refreshSigningRequests: z.strictObject({ recordId: id }),
  getSigningDocument: z.strictObject({ id, which: z.enum(['original', 'signed']) }),
  getSignaturesSettings: z.strictObject({}),
  saveSignaturesSettings: z.strictObject({
    /** Checked as a URL by the service (https, or http on this computer only). */
    endpoint: z.string().trim().min(1).max(500),
    clientId: z.string().trim().min(1).max(200),
    priceOre: z.int().min(0).max(100_000),
    expiresInDays: z.int().min(1).max(90),
    acrValue: z.enum(ACR_VALUES),
    /** Omitted: keep the stored secret; empty string: remove it. */
    clientSecret: z.string().max(500).optional(),
  }),
} as const;

export interface SigningMethodResults {
  listSigningRequests: SigningRequestView[];
  cancelSigningRequest: SigningRequestView;
  refreshSigningRequests: null;
  getSigningDocument: { fileName: string; base64: string };
  getSignaturesSettings: SignaturesSettingsView;
  saveSignaturesSettings: SignaturesSettingsView;
}
