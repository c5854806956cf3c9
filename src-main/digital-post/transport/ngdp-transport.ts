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
    if (res.status === 400) {
      const e = json as { code?: string; message?: string; fieldErrors?: ServerFieldError[] } | null;
      return { kind: 'rejected', code: e?.code ?? 'invalid', message: e?.message ?? 'the access point rejected the message', fieldErrors: e?.fieldErrors ?? [] };
    }
    if (res.status === 401 || res.status === 403) {
      const e = json as { message?: string } | null;
      return { kind: 'auth', reason: `${res.status}: ${e?.message ?? 'the access point refused our credentials'}` };
    }
    if (res.status === 429) return { kind: 'retry', reason: '429 too many requests', ...retryAfter(res) };
    if (res.status === 409) {
      // Already received under this UUID: the earlier attempt got through.
      return receiptOutcome(json, message.messageUuid);
    }
    return { kind: 'retry', reason: `HTTP ${res.status}`, ...retryAfter(res) };
  }

  async pollReceipts(): Promise<DeliveryReceipt[]> {
    const res = await this.call('GET', 'receipts/');
    if (res.status !== 200) throw new Error(`receipts: HTTP ${res.status}`);
    const list = parseJson(res.body);
    const items = (Array.isArray(list) ? list : ((list as { receipts?: unknown[] } | null)?.receipts ?? [])) as Record<string, unknown>[];
    const out: DeliveryReceipt[] = [];
    for (const r of items) {
      const status = deliveryStatus(String(r.receiptStatus ?? ''));
      if (!status) continue;
      out.push({
        receiptId: String(r.id ?? r.receiptId ?? r.transmissionId ?? ''),
        messageUuid: String(r.messageUUID ?? ''),
        status,
        timeStamp: String(r.timeStamp ?? ''),
        ...(r.errorCode ? { errorCode: String(r.errorCode) } : {}),
        ...(r.errorMessage ? { errorMessage: String(r.errorMessage) } : {}),
        raw: r,
      });
    }
    return out;
  }

  async acknowledge(receiptId: string): Promise<void> {
    const res = await this.call('DELETE', `receipts/${encodeURIComponent(receiptId)}`);
    if (res.status >= 300 && res.status !== 404) throw new Error(`acknowledge receipt: HTTP ${res.status}`);
  }

  async lookupContact(cpr: string): Promise<ContactStatus> {
    const res = await this.call('GET', `contacts/?cprNumber=${encodeURIComponent(cpr)}`);
    if (res.status === 404) return 'UNKNOWN';
    if (res.status !== 200) throw new Error(`contacts: HTTP ${res.status}`);
    const json = parseJson(res.body) as { publicRegistrationStatus?: string } | { publicRegistrationStatus?: string }[] | null;
    const first = Array.isArray(json) ? json[0] : json;
    const s = first?.publicRegistrationStatus;
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

function deliveryStatus(s: string): DeliveryReceipt['status'] | null {
  if (s === 'COMPLETED' || s === 'DELIVERED') return 'delivered';
  if (s === 'READ') return 'read';
  if (s === 'FAILED' || s === 'INVALID' || s === 'NOT_ALLOWED') return 'failed';
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
    return { kind: 'retry', reason: `${error.failure}: ${error.message}` };
  }
  return { kind: 'retry', reason: (error as Error).message };
}
