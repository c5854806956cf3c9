import http from 'node:http';
import https from 'node:https';
import { NetworkError, httpRequest, type HttpResponse } from './http-request';
import type {
  AcceptReceipt,
  ConnectionCheck,
  ContactStatus,
  DeliveryReceipt,
  DigitalPostTransport,
  SendOutcome,
  ServerFieldError,
} from './transport';

export interface NgdpOptions {
  /** e.g. https://api.digitalpost.dk/apis/v1 (no trailing slash needed). */
  baseUrl: string;
  /** PKCS#12 system certificate and its password, for mutual TLS; absent for the sandbox. */
  pfx?: Buffer;
  passphrase?: string;
  /** PEM alternative to pfx. */
  key?: string;
  cert?: string;
  /** `Authorization: Basic base64(systemUuid:uuid)` identifies the calling system. */
  systemUuid?: string;
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

  constructor(private readonly options: NgdpOptions) {
    this.kind = options.kind ?? 'ngdp';
    this.base = options.baseUrl.replace(/\/+$/, '') + '/';
    this.timeoutMs = options.timeoutMs ?? 30_000;
    const common = { keepAlive: true, maxSockets: options.maxSockets ?? 16 };
    this.agent = this.base.startsWith('https:')
      ? new https.Agent({ ...common, ...(options.pfx ? { pfx: options.pfx, passphrase: options.passphrase ?? '' } : {}), ...(options.key && options.cert ? { key: options.key, cert: options.cert } : {}) })
      : new http.Agent(common);
  }

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    const h: Record<string, string> = { accept: 'application/json', ...extra };
    if (this.options.systemUuid) {
      h.authorization = `Basic ${Buffer.from(`${this.options.systemUuid}:${crypto.randomUUID()}`).toString('base64')}`;
    }
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

  async testConnection(): Promise<ConnectionCheck> {
    try {
      const res = await this.call('GET', 'receipts/');
      if (res.status === 200) return { ok: true, detail: `${this.base} answered` };
      if (res.status === 401 || res.status === 403) {
        return { ok: false, problem: 'auth', detail: `The access point refused the system's credentials (HTTP ${res.status}). Check the system UUID and that the certificate is registered for this system.` };
      }
      return { ok: false, problem: 'server', detail: `The access point answered HTTP ${res.status}; it may be down or the address may be wrong.` };
    } catch (error) {
      return explainNetwork(error, this.base);
    }
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

/** A network failure of "test connection" in plain words. */
export function explainNetwork(error: unknown, base: string): ConnectionCheck {
  if (error instanceof NetworkError) {
    switch (error.failure) {
      case 'unreachable':
        return { ok: false, problem: 'network', detail: `Could not reach ${base} (${error.code}). Check the address and the network connection or firewall.` };
      case 'timeout':
        return { ok: false, problem: 'network', detail: `${base} did not answer in time. The network or the access point is slow or blocked.` };
      case 'tls':
        return { ok: false, problem: 'certificate', detail: `The secure connection failed (${error.code || 'TLS'}): the system certificate was refused or the server's certificate is not trusted.` };
      default:
        return { ok: false, problem: 'network', detail: `The connection to ${base} was closed unexpectedly (${error.code}).` };
    }
  }
  return { ok: false, problem: 'network', detail: (error as Error).message };
}
