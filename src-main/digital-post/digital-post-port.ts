/**
 * How other features hand a letter to Digital Post (the signing request sends
 * its link this way, mailings queue their letters this way). Implemented by
 * the Digital Post outbox; `queue` runs inside the caller's transaction, so the
 * letter is queued exactly when the caller's change commits.
 */
export interface OutgoingLetter {
  /** The record the letter belongs to (its timeline shows it); null for none. */
  recordId: number | null;
  /** 10 digits, no dash. Never logged. */
  recipientCpr: string;
  /** MeMo label: what the citizen sees as the title in their inbox. */
  subject: string;
  /** Short notification text (MeMo `notification`), optional. */
  notification?: string;
  mainDocument: LetterFile;
  attachments?: LetterFile[];
  /** MeMo actions, e.g. `UNDERSKRIV` with the signing link. https only. */
  actions?: LetterAction[];
  /**
   * Makes queueing idempotent: queueing again with the same key returns the
   * letter already queued (a retried job or a restarted app never sends twice).
   */
  idempotencyKey: string;
  /** The mailing this letter belongs to (its view counts delivered/awaiting/failed by it). */
  mailingId?: number | null;
}

export interface LetterFile {
  /** Shown to the citizen; checked against Digital Post's forbidden characters. */
  fileName: string;
  /** PDF bytes. */
  content: Uint8Array;
  mimeType?: 'application/pdf';
}

export interface LetterAction {
  label: string;
  /** MeMo action codes; `UNDERSKRIV` (sign) and `INFORMATION` are the ones we use. */
  action: 'UNDERSKRIV' | 'INFORMATION' | 'BETALING' | 'SELVBETJENING' | 'AFTALE' | 'BEKRAEFT' | 'FORBEREDELSE' | 'TILMELDING';
  url: string;
}

export interface QueuedLetter {
  messageId: number;
  /** Fixed at queueing, reused on every retry: the access point accepts it once. */
  messageUuid: string;
}

export interface DigitalPostPort {
  queue(letter: OutgoingLetter): QueuedLetter;
}
