/**
 * One way of handing MeMo messages to Digital Post (NgDP REST, e-Boks v3, or
 * the local sandbox, which speaks NgDP). The outbox only sees this interface;
 * Settings → Integrations → Digital Post chooses the implementation.
 */
export interface DigitalPostTransport {
  readonly kind: string;
  send(message: { messageUuid: string; memo: Buffer; recipientCpr: string; subject: string }): Promise<SendOutcome>;
  /**
   * Asynchronous statuses not yet acknowledged (delivered, failed, read where
   * the channel knows it). Fetching must not consume them: the outbox stores
   * and applies each one in a transaction and only then calls `acknowledge`.
   */
  pollReceipts(): Promise<DeliveryReceipt[]>;
  acknowledge(receiptId: string): Promise<void>;
  /** Is this citizen on Digital Post? Exempt citizens need physical post. */
  lookupContact(cpr: string): Promise<ContactStatus>;
  /** Asks the service for a proper answer; the cause of a failure is named in `lang`. */
  testConnection(lang?: 'da' | 'en'): Promise<ConnectionCheck>;
  close(): void;
}

export type ContactStatus = 'REGISTERED' | 'EXEMPT' | 'CLOSED' | 'UNKNOWN';

/** The access point's synchronous receipt (NgDP: 201 with receipt JSON). */
export interface AcceptReceipt {
  transmissionId: string;
  messageUuid: string;
  receiptStatus: string;
  timeStamp: string;
  raw: unknown;
}

export interface ServerFieldError {
  resource: string;
  field: string;
  code: string;
}

export type SendOutcome =
  /** Taken by the access point; `alreadyReceived` when it answered that this messageUUID came before (an earlier attempt got through). */
  | { kind: 'accepted'; receipt: AcceptReceipt; alreadyReceived?: boolean }
  /** Invalid message: retrying cannot help, the message fails at once with the server's field errors. */
  | { kind: 'rejected'; code: string; message: string; fieldErrors: ServerFieldError[] }
  /** The access point will not deliver digitally (e.g. the citizen is exempt). */
  | { kind: 'not_allowed'; code: string; message: string; exempt: boolean }
  /** Transient and certainly not taken (503, 429): retry later with the same messageUUID. */
  | { kind: 'retry'; reason: string; retryAfterMs?: number }
  /**
   * The answer was lost (timeout, reset, a gateway's 502/504): the access point
   * may have the letter. Never a failure: the letter awaits its receipt and is
   * sent again under the same messageUUID.
   */
  | { kind: 'lost'; reason: string }
  /** The access point cannot be reached at all: pause sending and probe again later. */
  | { kind: 'offline'; reason: string }
  /** Certificate or credentials refused: pause sending until an administrator fixes the settings. */
  | { kind: 'auth'; reason: string };

export interface DeliveryReceipt {
  receiptId: string;
  messageUuid: string;
  /** received: the access point has the letter (NgDP RECEIVED); delivered: in the mailbox (COMPLETED). */
  status: 'received' | 'delivered' | 'read' | 'failed';
  transmissionId?: string;
  timeStamp: string;
  errorCode?: string;
  errorMessage?: string;
  raw: unknown;
}

export type ConnectionProblem = 'certificate' | 'auth' | 'network' | 'server' | 'settings';

/** Why "test connection" failed, precisely enough to tell the administrator what to fix. */
export type ConnectionCause =
  | 'ok'
  | 'no_client_certificate'
  | 'certificate_refused'
  | 'server_not_trusted'
  | 'tls_failed'
  | 'no_credential'
  | 'wrong_credential'
  | 'http_status'
  | 'not_found'
  | 'improper_answer'
  | 'unreachable'
  | 'timeout'
  | 'reset';

/** `params` are the cause's parameters (address, HTTP status, error code, the server's own words), for wording it at display time. */
export type ConnectionCheck =
  | { ok: true; detail: string; cause?: ConnectionCause; params?: ConnectionCauseParams }
  | { ok: false; problem: ConnectionProblem; detail: string; cause?: ConnectionCause; params?: ConnectionCauseParams };

export interface ConnectionCauseParams {
  base?: string;
  status?: number;
  code?: string;
  server?: string;
}
