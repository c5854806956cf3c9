import http from 'node:http';
import https from 'node:https';
import { httpRequest } from './http-request';
import { explainNetwork, networkOutcome } from './ngdp-transport';
import type { ConnectionCheck, ContactStatus, DeliveryReceipt, DigitalPostTransport, SendOutcome } from './transport';
import { xmlText } from '../memo/xml-text';

export interface EboksOptions {
  /** e.g. https://rest.e-boks.dk */
  host: string;
  systemId: string;
  contentTypeId: string;
  pfx?: Buffer;
  passphrase?: string;
  /** PEM alternative to pfx. */
  key?: string;
  cert?: string;
  timeoutMs?: number;
}

/**
 * The e-Boks REST v3 dispatch API (`PUT …/3/dispatchsystem/{systemId}/dispatches/{messageId}`),
 * for senders whose document supplier offers that route. It carries the
 * letter's main PDF, not MeMo. HTTP 409 means the id was used already: the
 * earlier attempt got through, so a retry is safe.
 * Not tested against a real e-Boks endpoint (none is reachable from here);
 * e-Boks gives no delivery receipts on this route, so messages stay "accepted".
 */
export class EboksTransport implements DigitalPostTransport {
  readonly kind = 'eboks';
  private readonly agent: http.Agent;

  constructor(private readonly options: EboksOptions) {
    this.agent = options.host.startsWith('https:')
      ? new https.Agent({ keepAlive: true, ...(options.pfx ? { pfx: options.pfx, passphrase: options.passphrase ?? '' } : {}), ...(options.key && options.cert ? { key: options.key, cert: options.cert } : {}) })
      : new http.Agent({ keepAlive: true });
  }

  /** System id padded to 6 digits + client id + the message UUID in hex. */
  messageId(uuid: string): string {
    return `${this.options.systemId.padStart(6, '0')}00${uuid.replace(/-/g, '')}`;
  }

  async send(message: { messageUuid: string; memo: Buffer; recipientCpr: string; subject: string }): Promise<SendOutcome> {
    const memo = message.memo.toString('utf8');
    const content = /<memo:content>([^<]*)<\/memo:content>/.exec(memo)?.[1] ?? '';
    const body =
      `<?xml version="1.0" encoding="utf-8"?><Dispatch xmlns="urn:eboks:en:3.0.0">` +
      `<DispatchRecipient><Id>${message.recipientCpr}</Id><Type>P</Type><Nationality>DK</Nationality></DispatchRecipient>` +
      `<ContentTypeId>${xmlText(this.options.contentTypeId)}</ContentTypeId><Title>${xmlText(message.subject)}</Title>` +
      `<Content><Data>${content}</Data><FileExtension>pdf</FileExtension></Content></Dispatch>`;
    const url = new URL(
      `/int/rest/srv.svc/3/dispatchsystem/${encodeURIComponent(this.options.systemId)}/dispatches/${this.messageId(message.messageUuid)}`,
      this.options.host,
    );
    try {
      const res = await httpRequest(this.agent, url, {
        method: 'PUT',
        headers: { 'content-type': 'application/xml; charset=utf-8' },
        body: Buffer.from(body, 'utf8'),
        timeoutMs: this.options.timeoutMs ?? 30_000,
      });
      if (res.status >= 200 && res.status < 300 || res.status === 409) {
        return { kind: 'accepted', receipt: { transmissionId: this.messageId(message.messageUuid), messageUuid: message.messageUuid, receiptStatus: res.status === 409 ? 'ALREADY_RECEIVED' : 'RECEIVED', timeStamp: new Date().toISOString(), raw: { status: res.status } } };
      }
      if (res.status === 400) return { kind: 'rejected', code: 'eboks.invalid', message: res.body.toString('utf8').slice(0, 500), fieldErrors: [] };
      if (res.status === 401 || res.status === 403) return { kind: 'auth', reason: `HTTP ${res.status}` };
      return { kind: 'retry', reason: `HTTP ${res.status}` };
    } catch (error) {
      return networkOutcome(error);
    }
  }

  pollReceipts(): Promise<DeliveryReceipt[]> {
    return Promise.resolve([]);
  }

  acknowledge(): Promise<void> {
    return Promise.resolve();
  }

  lookupContact(): Promise<ContactStatus> {
    return Promise.resolve('UNKNOWN');
  }

  async testConnection(): Promise<ConnectionCheck> {
    try {
      const res = await httpRequest(this.agent, new URL('/int/rest/srv.svc/3/', this.options.host), { method: 'GET', timeoutMs: 10_000 });
      if (res.status === 401 || res.status === 403) return { ok: false, problem: 'auth', detail: `e-Boks refused the certificate (HTTP ${res.status}).` };
      return { ok: true, detail: `e-Boks answered HTTP ${res.status}` };
    } catch (error) {
      return explainNetwork(error, this.options.host);
    }
  }

  close(): void {
    this.agent.destroy();
  }
}
