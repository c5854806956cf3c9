import type http from 'node:http';
import { connectionCheck, networkCheck, type ConnectionLanguage } from './connection-text';
import { NetworkError, httpRequest, type HttpResponse } from './http-request';
import { basicAuthorization, connectionAgent, hasClientCertificate, type TlsClientOptions } from './ngdp-credentials';
import type {
  AcceptReceipt,
  ConnectionCheck,
  ContactStatus,
  DeliveryReceipt,
  DigitalPostTransport,
  SendOutcome,
  ServerFieldError,
} from './transport';

export interface NgdpOptions extends TlsClientOptions {
  /** e.g. https://api.digitalpost.dk/apis/v1 (no trailing slash needed). */
  baseUrl: string;
  /**
   * The system's fixed API credential `uuidA:uuidB` (systemId:apiTokenValue), sent
   * as `Authorization: Basic base64(…)` unchanged on every call; the real
   * authentication is the mutual TLS with the system certificate.
   */
  basicCredential?: string;
  maxSockets?: number;
  timeoutMs?: number;
  kind?: string;
}

/**
 * The NgDP REST API (Next generation Digital Post), facts in
 * docs/shared reference: `POST memos/?memo-message-uuid=…` with one MeMo,
 * `receipts/` to poll and acknowledge, `contacts/?cprNumber=…` for exemption.
 * The sandbox speaks the same API over plain HTTP on 127.0.0.1.
 */
export class NgdpTransport implements DigitalPostTransport {
  readonly kind: string;
  private readonly agent: http.Agent;
  private readonly base: string;
  private readonly timeoutMs: number;
  private readonly authorization: string | null;

  constructor(private readonly options: NgdpOptions) {
    this.kind = options.kind ?? 'ngdp';
    this.base = options.baseUrl.replace(/\/+$/, '') + '/';
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.agent = connectionAgent(this.base, options, options.maxSockets ?? 16);
    this.authorization = options.basicCredential ? basicAuthorization(options.basicCredential) : null;
  }

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    const h: Record<string, string> = { accept: 'application/json', ...extra };
    if (this.authorization) h.authorization = this.authorization;
    return h;
  }

  private call(method: string, path: string, body?: Buffer, extraHeaders?: Record<string, string>): Promise<HttpResponse> {
    return httpRequest(this.agent, new URL(path, this.base), {
      method,
      headers: this.headers(extraHeaders),
      timeoutMs: this.timeoutMs,
      ...(body ? { body } : {}),
    });
  }

  async send(message: { messageUuid: string; memo: Buffer }): Promise<SendOutcome> {
    let res: HttpResponse;
    try {
      res = await this.call('POST', `memos/?memo-message-uuid=${encodeURIComponent(message.messageUuid)}`, message.memo, {
        'content-type': 'application/xml; charset=utf-8',
      });
    } catch (error) {
      return networkOutcome(error);
    }
    const json = parseJson(res.body);
    if (res.status === 201 || res.status === 200) return receiptOutcome(json, message.messageUuid);
    if (res.status === 400 || res.status === 409) {
      const e = (json ?? {}) as { code?: string; message?: string; fieldErrors?: ServerFieldError[] };
      // The answer to a repeated messageUUID is not established (docs/digital-post.md):
      // a 201 with the receipt is read above; an error that says the UUID is
      // already known means an earlier attempt got through, not a rejection.
      if (res.status === 409 || isDuplicateAnswer(e)) return alreadyReceived(message.messageUuid, json);
      return { kind: 'rejected', code: e.code ?? 'invalid', message: e.message ?? 'the access point rejected the message', fieldErrors: e.fieldErrors ?? [] };
    }
    if (res.status === 401 || res.status === 403) {
      const e = json as { message?: string } | null;
      return { kind: 'auth', reason: `${res.status}: ${e?.message ?? 'the access point refused our credentials'}` };
    }
    if (res.status === 429) return { kind: 'retry', reason: '429 too many requests', ...retryAfter(res) };
    // 503 is NgDP's own "service unavailable" (with a Receipt): not taken. Any
    // other 5xx may come from a gateway that forwarded the letter: unknown.
    if (res.status === 503) return { kind: 'retry', reason: `HTTP 503${receiptText(json)}`, ...retryAfter(res) };
    if (res.status >= 500) return { kind: 'lost', reason: `HTTP ${res.status}` };
    return { kind: 'retry', reason: `HTTP ${res.status}`, ...retryAfter(res) };
  }

  /**
   * Receipts as NgDP 1.68.0 gives them: `GET receipts/?page=&size=` lists ids
   * (PagingResultUUID), each receipt is fetched with `GET receipts/{id}?delete=false`
   * so that fetching never consumes it; the outbox acknowledges with
   * `DELETE receipts/{id}` after it has stored the receipt. Whether paging is
   * zero-based is not established: the first page is asked as 0, and as 1 when
   * the server refuses 0 or answers it empty while reporting receipts.
   */
  async pollReceipts(): Promise<DeliveryReceipt[]> {
    const size = RECEIPT_PAGE_SIZE;
    let page = await this.listReceipts(this.firstPage, size);
    if ((page.status === 400 || (page.ids.length === 0 && page.totalElements > 0)) && this.firstPage === 0) {
      const one = await this.listReceipts(1, size);
      if (one.status === 200 && (page.status === 400 || one.ids.length > 0)) {
        // Page 0 refused, or empty while page 1 holds receipts: this server counts from 1.
        this.firstPage = 1;
        page = one;
      }
    }
    if (page.status !== 200) throw new Error(`receipts: HTTP ${page.status}`);
    const out: DeliveryReceipt[] = [];
    let next = 0;
    const worker = async () => {
      while (next < page.ids.length) {
        const id = page.ids[next++] as string;
        const r = await this.fetchReceipt(id);
        if (r) out.push(r);
      }
    };
    await Promise.all(Array.from({ length: Math.min(4, page.ids.length) }, worker));
    return out;
  }

  private firstPage: 0 | 1 = 0;

  private async listReceipts(page: number, size: number): Promise<{ status: number; ids: string[]; totalElements: number }> {
    const res = await this.call('GET', `receipts/?page=${page}&size=${size}`);
    if (res.status !== 200) return { status: res.status, ids: [], totalElements: 0 };
    const json = (parseJson(res.body) ?? {}) as { content?: unknown; totalElements?: unknown };
    const ids = Array.isArray(json.content) ? json.content.filter((v): v is string => typeof v === 'string' && v.length > 0) : [];
    return { status: 200, ids, totalElements: typeof json.totalElements === 'number' ? json.totalElements : ids.length };
  }

  /** One receipt, not consumed; null when it is gone (404: acknowledged already). */
  private async fetchReceipt(id: string): Promise<DeliveryReceipt | null> {
    const res = await this.call('GET', `receipts/${encodeURIComponent(id)}?delete=false`);
    if (res.status === 404) return null;
    if (res.status !== 200 && res.status !== 201) throw new Error(`receipt: HTTP ${res.status}`);
    const r = (parseJson(res.body) ?? {}) as Record<string, unknown>;
    const status = deliveryStatus(String(r.receiptStatus ?? ''));
    return {
      receiptId: id,
      messageUuid: typeof r.messageUUID === 'string' ? r.messageUUID : '',
      ...(typeof r.transmissionId === 'string' ? { transmissionId: r.transmissionId } : {}),
      status: status ?? 'received',
      timeStamp: typeof r.timeStamp === 'string' ? r.timeStamp : '',
      ...(typeof r.errorCode === 'string' && r.errorCode ? { errorCode: r.errorCode } : {}),
      ...(typeof r.errorMessage === 'string' && r.errorMessage ? { errorMessage: r.errorMessage } : {}),
      raw: r,
    };
  }

  async acknowledge(receiptId: string): Promise<void> {
    const res = await this.call('DELETE', `receipts/${encodeURIComponent(receiptId)}`);
    if (res.status >= 300 && res.status !== 404) throw new Error(`acknowledge receipt: HTTP ${res.status}`);
  }

  /**
   * `GET contacts/?cprNumber=` answers a ContactSearchResult; the status is at
   * `contacts[].mailboxSubscription.publicRegistrationStatus` (REGISTERED,
   * EXEMPT, CLOSED; no contact or no subscription is UNKNOWN).
   */
  async lookupContact(cpr: string): Promise<ContactStatus> {
    // Contact.cprNumber is 10 digits without separators; anything else matches nobody, so it is not sent.
    if (!/^\d{10}$/.test(cpr)) return 'UNKNOWN';
    const res = await this.call('GET', `contacts/?cprNumber=${encodeURIComponent(cpr)}`);
    if (res.status === 404) return 'UNKNOWN';
    if (res.status !== 200) throw new Error(`contacts: HTTP ${res.status}`);
    const json = (parseJson(res.body) ?? {}) as { contacts?: { cprNumber?: string; mailboxSubscription?: { publicRegistrationStatus?: string } }[] };
    const contacts = Array.isArray(json.contacts) ? json.contacts : [];
    const contact = contacts.find((c) => c.cprNumber === cpr) ?? (contacts.length === 1 ? contacts[0] : undefined);
    const s = contact?.mailboxSubscription?.publicRegistrationStatus;
    return s === 'REGISTERED' || s === 'EXEMPT' || s === 'CLOSED' ? s : 'UNKNOWN';
  }

  /**
   * A proper answer is 200 with JSON to `GET receipts/?page=0&size=1` (a page of
   * receipt ids); anything else fails, with its cause: no or refused client
   * certificate, missing or refused Basic value, 404, another status, no JSON,
   * or the network.
   */
  async testConnection(lang: ConnectionLanguage = 'da'): Promise<ConnectionCheck> {
    const base = this.base;
    const hadCertificate = hasClientCertificate(this.options);
    let res: HttpResponse;
    try {
      // ReceiptSearchCommand is required on receipts/ (NgDP 1.68.0): ask for the smallest page.
      res = await this.call('GET', 'receipts/?page=0&size=1');
    } catch (error) {
      return networkCheck(error, base, hadCertificate, lang);
    }
    const json = parseJson(res.body);
    const server = typeof (json as { message?: unknown } | null)?.message === 'string' ? (json as { message: string }).message : undefined;
    const p = { base, status: res.status, ...(server ? { server } : {}) };
    if (res.status === 200) {
      const jsonType = /^application\/([\w.+-]+\+)?json/i.test(String(res.headers['content-type'] ?? ''));
      return jsonType && json !== null && typeof json === 'object' ? connectionCheck('ok', { base }, lang) : connectionCheck('improper_answer', { base }, lang);
    }
    if ((res.status === 401 || res.status === 403) && !hadCertificate && base.startsWith('https:')) return connectionCheck('no_client_certificate', p, lang);
    if (res.status === 403) return connectionCheck('certificate_refused', p, lang);
    if (res.status === 401) return connectionCheck(this.authorization ? 'wrong_credential' : 'no_credential', p, lang);
    if (res.status === 404) return connectionCheck('not_found', p, lang);
    return connectionCheck('http_status', p, lang);
  }

  close(): void {
    this.agent.destroy();
  }
}

const RECEIPT_PAGE_SIZE = 100;

function receiptOutcome(json: unknown, uuid: string): SendOutcome {
  const r = (json ?? {}) as Record<string, unknown>;
  const status = String(r.receiptStatus ?? 'RECEIVED');
  if (status === 'INVALID') {
    return { kind: 'rejected', code: String(r.errorCode ?? 'memo.invalid'), message: String(r.errorMessage ?? 'invalid message'), fieldErrors: [] };
  }
  if (status === 'NOT_ALLOWED') {
    const code = String(r.errorCode ?? 'not_allowed');
    return { kind: 'not_allowed', code, message: String(r.errorMessage ?? 'not allowed'), exempt: /exempt|fritag/i.test(code) };
  }
  const receipt: AcceptReceipt = {
    transmissionId: String(r.transmissionId ?? ''),
    messageUuid: String(r.messageUUID ?? uuid),
    receiptStatus: status,
    timeStamp: String(r.timeStamp ?? ''),
    raw: r,
  };
  return { kind: 'accepted', receipt };
}

/** An ErrorMessage saying that this messageUUID was received before. */
function isDuplicateAnswer(e: { code?: string; message?: string; fieldErrors?: ServerFieldError[] }): boolean {
  const texts = [e.code, e.message, ...(e.fieldErrors ?? []).map((f) => f.code)].filter((t): t is string => typeof t === 'string');
  return texts.some((t) => /duplicate|already (been )?(received|exists|sent)|allerede modtaget/i.test(t));
}

function alreadyReceived(uuid: string, raw: unknown): SendOutcome {
  return { kind: 'accepted', alreadyReceived: true, receipt: { transmissionId: '', messageUuid: uuid, receiptStatus: 'RECEIVED', timeStamp: '', raw } };
}

function receiptText(json: unknown): string {
  const r = (json ?? {}) as { errorMessage?: unknown };
  return typeof r.errorMessage === 'string' && r.errorMessage ? `: ${r.errorMessage}` : '';
}

/** ReceiptStatus of NgDP 1.68.0: NOT_ALLOWED, INVALID, RECEIVED, COMPLETED (their meaning is not documented; our reading is in docs/digital-post.md). */
function deliveryStatus(s: string): DeliveryReceipt['status'] | null {
  if (s === 'COMPLETED') return 'delivered';
  if (s === 'RECEIVED') return 'received';
  if (s === 'INVALID' || s === 'NOT_ALLOWED') return 'failed';
  return null;
}

function retryAfter(res: HttpResponse): { retryAfterMs?: number } {
  const v = Number(res.headers['retry-after']);
  return Number.isFinite(v) && v >= 0 ? { retryAfterMs: v * 1000 } : {};
}

function parseJson(body: Buffer): unknown {
  try {
    return body.length ? JSON.parse(body.toString('utf8')) : null;
  } catch {
    return null;
  }
}

export function networkOutcome(error: unknown): SendOutcome {
  if (error instanceof NetworkError) {
    if (error.failure === 'unreachable') return { kind: 'offline', reason: error.message };
    if (error.failure === 'tls') return { kind: 'auth', reason: `TLS: ${error.message}` };
    // A timeout or a reset after the request went out: the access point may have the letter.
    return { kind: 'lost', reason: `${error.failure}: ${error.message}` };
  }
  return { kind: 'lost', reason: (error as Error).message };
}
