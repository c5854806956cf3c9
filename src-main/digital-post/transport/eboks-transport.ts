import { createHash } from 'node:crypto';
import type http from 'node:http';
import { connectionCheck, networkCheck, type ConnectionLanguage } from './connection-text';
import { httpRequest, type HttpResponse } from './http-request';
import { connectionAgent, hasClientCertificate, type TlsClientOptions } from './ngdp-credentials';
import { networkOutcome } from './ngdp-transport';
import type { ConnectionCheck, ContactStatus, DeliveryReceipt, DigitalPostTransport, SendOutcome } from './transport';
import { xmlText } from '../memo/xml-text';

export interface EboksOptions extends TlsClientOptions {
  /** e.g. https://eboks-proxy.example (KAS's EBOKS_HOST). */
  host: string;
  /** The dispatch system id (path segment of the PUT; padded to 6 digits in the message id). */
  systemId: string;
  /** The client id: part of every message id and the path of the status endpoint (KAS's EBOKS_CLIENT_ID). */
  clientId: string;
  contentTypeId: string;
  timeoutMs?: number;
  /** Letters sent this way whose outcome is not yet known (their messageUUIDs), for the status endpoint. */
  pendingMessageUuids?: () => string[];
}

/** One document of the letter as it goes to e-Boks. */
interface Dispatch {
  messageId: string;
  title: string;
  pdfBase64: string;
}

/**
 * The e-Boks REST v3 dispatch API as magenta-aps/KAS uses it (../shared/reference/eboks.md):
 * `PUT {host}/int/rest/srv.svc/3/dispatchsystem/{systemId}/dispatches/{messageId}` with a
 * `<Dispatch xmlns="urn:eboks:en:3.0.0">` per document, the client certificate as the
 * only credential, and `GET {host}/rest/messages/{clientId}/?message_id=…` for the
 * outcome. The reference has no attachment element, so every document of the letter
 * goes as its own dispatch (main document first), each under a message id derived
 * from the letter's messageUUID so a retry reuses it; 409 on our own id means the
 * earlier attempt got through. Not tested against a real e-Boks (none reachable here).
 */
export class EboksTransport implements DigitalPostTransport {
  readonly kind = 'eboks';
  private readonly agent: http.Agent;

  constructor(private readonly options: EboksOptions) {
    this.agent = connectionAgent(options.host, options, 8);
  }

  /** `{systemId padded to 6}{clientId}{32 hex}` (KAS `get_message_id`); document 0 uses the messageUUID itself. */
  messageId(uuid: string, document = 0): string {
    const hex = document === 0 ? uuid.replace(/-/g, '').toLowerCase() : createHash('sha256').update(`${uuid.toLowerCase()}:${document}`).digest('hex').slice(0, 32);
    return `${this.options.systemId.padStart(6, '0')}${this.options.clientId}${hex}`;
  }

  /** Every document (MainDocument and AdditionalDocuments) of the MeMo, in order. */
  dispatches(message: { messageUuid: string; memo: Buffer; subject: string }): Dispatch[] {
    const memo = message.memo.toString('utf8');
    const files = [...memo.matchAll(/<memo:File>[\s\S]*?<memo:filename>([^<]*)<\/memo:filename>[\s\S]*?<memo:content>([^<]*)<\/memo:content>[\s\S]*?<\/memo:File>/g)];
    return files.map((f, i) => ({
      messageId: this.messageId(message.messageUuid, i),
      title: i === 0 ? message.subject : `${message.subject} - bilag ${i}: ${unescapeXml(f[1] ?? '')}`.slice(0, 250),
      pdfBase64: (f[2] ?? '').replace(/\s+/g, ''),
    }));
  }

  async send(message: { messageUuid: string; memo: Buffer; recipientCpr: string; subject: string }): Promise<SendOutcome> {
    const dispatches = this.dispatches(message);
    if (dispatches.length === 0) return { kind: 'rejected', code: 'eboks.no_document', message: 'the letter has no document', fieldErrors: [] };
    const answers: unknown[] = [];
    for (const d of dispatches) {
      const body =
        `<?xml version='1.0' encoding='UTF-8'?>\n<Dispatch xmlns="urn:eboks:en:3.0.0">` +
        `<DispatchRecipient><Id>${xmlText(message.recipientCpr)}</Id><Type>P</Type><Nationality>DK</Nationality></DispatchRecipient>` +
        `<ContentTypeId>${xmlText(this.options.contentTypeId)}</ContentTypeId><Title>${xmlText(d.title)}</Title>` +
        `<Content><Data>${d.pdfBase64}</Data><FileExtension>pdf</FileExtension></Content></Dispatch>`;
      const url = new URL(`/int/rest/srv.svc/3/dispatchsystem/${encodeURIComponent(this.options.systemId)}/dispatches/${d.messageId}`, this.options.host);
      let res: HttpResponse;
      try {
        res = await httpRequest(this.agent, url, { method: 'PUT', headers: { 'content-type': 'application/xml' }, body: Buffer.from(body, 'utf8'), timeoutMs: this.options.timeoutMs ?? 30_000 });
      } catch (error) {
        return networkOutcome(error);
      }
      if (res.status === 409) {
        answers.push({ message_id: d.messageId, already: true });
        continue;
      }
      if (res.status >= 200 && res.status < 300) {
        answers.push(parseJson(res.body) ?? { message_id: d.messageId });
        continue;
      }
      if (res.status === 400) return { kind: 'rejected', code: 'eboks.invalid', message: res.body.toString('utf8').slice(0, 500), fieldErrors: [] };
      if (res.status === 401 || res.status === 403) return { kind: 'auth', reason: `e-Boks HTTP ${res.status}` };
      return { kind: 'retry', reason: `e-Boks HTTP ${res.status}` };
    }
    return {
      kind: 'accepted',
      receipt: {
        transmissionId: dispatches[0]?.messageId ?? '',
        messageUuid: message.messageUuid,
        receiptStatus: 'RECEIVED',
        timeStamp: new Date().toISOString(),
        raw: { dispatches: dispatches.map((d) => d.messageId), answers },
      },
    };
  }

  /**
   * Asks the status endpoint about the letters still awaiting their outcome (their
   * main dispatch, 50 ids a call as KAS does). `pending` post-processing is no
   * answer yet; `""` (an e-Boks recipient) and a remote print are delivered;
   * `address not found` and a `dead` recipient fail.
   */
  async pollReceipts(): Promise<DeliveryReceipt[]> {
    const uuids = (this.options.pendingMessageUuids?.() ?? []).slice(0, 50);
    if (uuids.length === 0) return [];
    const byId = new Map(uuids.map((u) => [this.messageId(u), u]));
    const url = new URL(`/rest/messages/${encodeURIComponent(this.options.clientId)}/`, this.options.host);
    for (const id of byId.keys()) url.searchParams.append('message_id', id);
    const res = await httpRequest(this.agent, url, { method: 'GET', headers: { 'content-type': 'application/xml' }, timeoutMs: this.options.timeoutMs ?? 30_000 });
    if (res.status !== 200) throw new Error(`e-Boks status: HTTP ${res.status}`);
    const list = parseJson(res.body);
    if (!Array.isArray(list)) throw new Error('e-Boks status: the answer is not a JSON array');
    const out: DeliveryReceipt[] = [];
    for (const item of list as Record<string, unknown>[]) {
      const uuid = byId.get(String(item.message_id ?? ''));
      const r = (Array.isArray(item.recipients) ? item.recipients[0] : undefined) as Record<string, unknown> | undefined;
      if (!uuid || !r) continue;
      const status = String(r.status ?? '');
      const post = String(r.post_processing_status ?? '');
      if (post === 'pending') continue;
      const failed = status === 'dead' || post === 'address not found' || (status !== '' && post === '');
      out.push({
        receiptId: String(item.message_id),
        messageUuid: uuid,
        status: failed ? 'failed' : 'delivered',
        timeStamp: String(item.modified_at ?? new Date().toISOString()),
        ...(failed ? { errorCode: `eboks.${status || 'post_processing'}`, errorMessage: `e-Boks: ${status || '-'} / ${post || '-'} ${String(r.reject_reason ?? '')}`.trim() } : {}),
        raw: item,
      });
    }
    return out;
  }

  /** e-Boks has nothing to acknowledge: a letter leaves the pending list when its outcome is stored. */
  acknowledge(): Promise<void> {
    return Promise.resolve();
  }

  lookupContact(): Promise<ContactStatus> {
    return Promise.resolve('UNKNOWN');
  }

  /** A proper answer is 200 with JSON from `GET {host}/rest/client/{clientId}/` (KAS `get_client_info`). */
  async testConnection(lang: ConnectionLanguage = 'da'): Promise<ConnectionCheck> {
    const base = this.options.host;
    const hadCertificate = hasClientCertificate(this.options);
    let res: HttpResponse;
    try {
      res = await httpRequest(this.agent, new URL(`/rest/client/${encodeURIComponent(this.options.clientId)}/`, base), { method: 'GET', headers: { 'content-type': 'application/xml' }, timeoutMs: 10_000 });
    } catch (error) {
      return networkCheck(error, base, hadCertificate, lang);
    }
    if (res.status === 200) return parseJson(res.body) !== null ? connectionCheck('ok', { base }, lang) : connectionCheck('improper_answer', { base }, lang);
    if (res.status === 401 || res.status === 403) return connectionCheck(hadCertificate ? 'certificate_refused' : 'no_client_certificate', { base, status: res.status }, lang);
    if (res.status === 404) return connectionCheck('not_found', { base, status: 404 }, lang);
    return connectionCheck('http_status', { base, status: res.status }, lang);
  }

  close(): void {
    this.agent.destroy();
  }
}

function parseJson(body: Buffer): unknown {
  try {
    return body.length ? JSON.parse(body.toString('utf8')) : null;
  } catch {
    return null;
  }
}

const unescapeXml = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
