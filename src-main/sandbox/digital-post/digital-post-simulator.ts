import { createHash } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type net from 'node:net';
import type { AddressInfo } from 'node:net';
import type { RunningSimulator, Simulator } from '../simulator';
import { testCitizenByCpr } from '../test-citizens';
import { faultsSchema, NO_FAULTS, type Faults } from './faults';
import { letterPage, mailboxIndex, mailboxOf } from './mailbox-page';
import { validateMemo } from './memo-validator';
import { SandboxState } from './sandbox-state';
import { checkCaller, dualProtocolServer } from './sandbox-auth';
import { ensureSandboxPki, type SandboxPki } from './sandbox-pki';

export const DIGITAL_POST_SANDBOX_PORT = 4030;
const MAX_BODY = 120 * 1024 * 1024;

export interface RunningDigitalPostSandbox extends RunningSimulator {
  /** The NgDP base the app's transport points to: `<url>/apis/v1`. */
  apiUrl: string;
  state: SandboxState;
  setFaults(f: Partial<Faults>): void;
  /** Strict mode: the sandbox CA and the app's client certificate and Basic credential. */
  pki: SandboxPki | null;
}

export interface DigitalPostSandboxOptions {
  port: number;
  random?: () => number;
  journalFile?: string;
  /**
   * Strict mode, as the real access point: the NgDP API over HTTPS only, with a
   * client certificate from the sandbox CA and the configured Basic value (the
   * CA and the app's PKCS#12 are made in `pkiDir` on first start). The mailbox
   * page and /sandbox/* stay plain HTTP on the same port.
   */
  strict?: { pkiDir: string };
  /** Hold every NgDP answer this long (a network round trip away), ms. */
  latencyMs?: number;
}

/**
 * The sandbox Digital Post access point: NgDP-shaped (`/apis/v1/memos/`,
 * `receipts/`, `contacts/`), strict MeMo validation with the real error shape,
 * one letter per messageUUID, delivery receipts after a short delay, exempt
 * test citizens, a citizen mailbox page (`/mailbox`) and fault injection
 * (`/sandbox/faults`). Listens on 127.0.0.1 only.
 */
export async function startDigitalPostSandbox(options: DigitalPostSandboxOptions): Promise<RunningDigitalPostSandbox> {
  const state = new SandboxState(options.journalFile ?? null);
  let faults: Faults = { ...NO_FAULTS, ...(options.latencyMs ? { latencyMs: options.latencyMs } : {}) };
  const pki = options.strict ? ensureSandboxPki(options.strict.pkiDir) : null;
  const random = options.random ?? Math.random;
  const held = new Set<http.ServerResponse>();

  const json = (res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
    res.end(JSON.stringify(body));
  };
  const html = (res: http.ServerResponse, status: number, body: string) => {
    res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(body);
  };

  const handlePost = async (uuidParam: string | null, body: Buffer, res: http.ServerResponse, req: http.IncomingMessage) => {
    state.totalPosts += 1;
    const roll = random();
    let edge = faults.error5xxRate;
    // 503 answers a Receipt (NgDP 1.68.0), with no null values.
    if (roll < edge) return json(res, 503, { ...(uuidParam && UUID.test(uuidParam) ? { messageUUID: uuidParam.toLowerCase() } : {}), errorCode: 'service.unavailable', errorMessage: 'Service unavailable (sandbox fault)' });
    edge += faults.rate429;
    if (roll < edge) return json(res, 429, { code: 'too.many.requests', message: 'Too many requests (sandbox fault)', fieldErrors: [] }, { 'retry-after': String(faults.retryAfterSeconds) });
    const timeout = roll < (edge += faults.timeoutRate);
    const reset = !timeout && roll < (edge += faults.resetRate);
    // A lost answer does not mean a lost message: a share of the faulty requests (half by default) are received first.
    const receiveFirst = (timeout || reset) && random() < faults.lostReceivedShare;
    if ((timeout || reset) && !receiveFirst) return drop(req, res, timeout);

    const contentType = String(req.headers['content-type'] ?? '');
    if (!/^application\/xml/.test(contentType)) return json(res, 400, { code: 'unsupported.media.type', message: 'Content-Type must be application/xml', fieldErrors: [] });
    const result = await validateMemo(body);
    if (!result.ok) return json(res, 400, { code: 'memo.invalid', message: result.message, fieldErrors: result.fieldErrors });
    if (!uuidParam || uuidParam.toLowerCase() !== result.memo.messageUuid) {
      return json(res, 400, { code: 'memo.invalid', message: 'memo-message-uuid must equal the messageUUID of the message', fieldErrors: [{ resource: 'memo', field: 'memo-message-uuid', code: 'mismatch' }] });
    }
    const earlier = state.letters.get(result.memo.messageUuid);
    if (earlier && faults.duplicateAnswer === 'bad_request') {
      // One reading of a repeated messageUUID (the reference does not say): refused as a duplicate.
      earlier.posts += 1;
      if (timeout || reset) return drop(req, res, timeout);
      return json(res, 400, {
        code: 'memo.duplicate',
        message: 'A memo with this messageUUID has already been received',
        fieldErrors: [{ resource: 'memo', field: 'messageUUID', code: 'duplicate' }],
      });
    }
    const exempt = result.memo.recipientIdType === 'CPR' && testCitizenByCpr(result.memo.recipientId)?.exemptFromDigitalPost === true;
    const letter = state.accept(result.memo, Date.now(), exempt ? 'NOT_ALLOWED' : 'RECEIVED', faults.deliveryDelayMs, exempt ? 'recipient.exempt' : '');
    if (timeout || reset) return drop(req, res, timeout);
    return json(res, 201, letter.receipt);
  };

  const drop = (req: http.IncomingMessage, res: http.ServerResponse, timeout: boolean) => {
    if (!timeout) {
      req.socket.destroy();
      return;
    }
    held.add(res);
    setTimeout(() => {
      held.delete(res);
      req.socket.destroy();
    }, faults.timeoutHoldMs).unref();
  };

  const handler = (req: http.IncomingMessage, res: http.ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) req.destroy();
      else chunks.push(c);
    });
    req.on('end', () => {
      const answer = () => {
        try {
          route(req, res, url, Buffer.concat(chunks));
        } catch (error) {
          json(res, 500, { code: 'internal', message: (error as Error).message, fieldErrors: [] });
        }
      };
      if (faults.latencyMs > 0 && url.pathname.startsWith('/apis/v1')) setTimeout(answer, faults.latencyMs);
      else answer();
    });
  };
  const plain = http.createServer(handler);
  const secure = pki ? https.createServer({ key: pki.serverKeyPem, cert: pki.serverCertPem, ca: pki.caCertPem, requestCert: true, rejectUnauthorized: false }, handler) : null;
  const server: net.Server = secure ? dualProtocolServer(plain, secure) : plain;

  const route = (req: http.IncomingMessage, res: http.ServerResponse, url: URL, body: Buffer) => {
    const path = url.pathname.replace(/\/+$/, '') || '/';
    const method = req.method ?? 'GET';
    if (path.startsWith('/apis/v1')) {
      const refused = pki ? checkCaller(req, pki.basicCredential) : null;
      if (refused) return json(res, refused.status, refused.body);
      if (faults.refuseAuth) return json(res, 401, { code: 'unauthorized', message: 'The client certificate was not accepted (sandbox fault)', fieldErrors: [] });
      const api = path.slice('/apis/v1'.length);
      if (api === '/memos' && method === 'POST') {
        // The XSD validator runs off this thread; its failure is the sandbox's own (503, as NgDP's "Service unavailable").
        handlePost(url.searchParams.get('memo-message-uuid'), body, res, req).catch((error: Error) =>
          json(res, 503, { ...(url.searchParams.get('memo-message-uuid') ? { messageUUID: url.searchParams.get('memo-message-uuid') } : {}), errorCode: 'service.unavailable', errorMessage: error.message }),
        );
        return;
      }
      if ((api === '/receipts' || api === '/receipts-bulk') && method === 'GET') {
        // ReceiptSearchCommand as query parameters (?page=&size=); the first page is faults.receiptPageBase.
        const base = faults.receiptPageBase;
        const page = intParam(url, 'page', base);
        const size = intParam(url, 'size', 20);
        if (page === null || size === null || page < base || size < 1 || size > 1000) {
          return json(res, 400, { code: 'invalid.paging', message: `page must be an integer >= ${base}, size 1..1000`, fieldErrors: [{ resource: 'receiptSearchCommand', field: page === null || page < base ? 'page' : 'size', code: 'invalid' }] });
        }
        const due = state.dueReceipts(Date.now());
        const slice = due.slice((page - base) * size, (page - base + 1) * size);
        const totalPages = Math.ceil(due.length / size);
        if (api === '/receipts') {
          // PagingResultUUID: the ids only; each receipt is fetched by id.
          return json(res, 200, { content: slice.map((r) => r.id), number: page, size, totalElements: due.length, totalPages });
        }
        // ReceiptSearchResult of BulkReceipt (each with its id); not consumed.
        return json(res, 200, { currentPage: page, totalPages, elementsOnPage: slice.length, totalElements: due.length, receipts: slice.map((r) => ({ ...r.body, id: r.id })) });
      }
      const receipt = /^\/receipts\/([\w-]+)$/.exec(api);
      if (receipt) {
        const id = receipt[1] as string;
        const r = state.receipts.get(id);
        const gone = () => json(res, 404, { code: 'not.found', message: 'The resource was not found', fieldErrors: [] });
        if (method === 'GET') {
          if (!r || r.dueAt > Date.now()) return gone();
          // `delete=true` consumes it with the GET; our client always asks delete=false.
          if (url.searchParams.get('delete') === 'true') state.acknowledge(id);
          return json(res, 200, r.body);
        }
        if (method === 'DELETE') {
          if (!state.acknowledge(id)) return gone();
          res.writeHead(204).end();
          return;
        }
      }
      if (api === '/contacts' && method === 'GET') return json(res, 200, contactSearch(url.searchParams.getAll('cprNumber')));
      return json(res, 404, { code: 'not.found', message: `no endpoint ${method} ${api}`, fieldErrors: [] });
    }
    if (path === '/sandbox/faults') {
      if (method === 'PUT' || method === 'POST') {
        const parsed = faultsSchema.partial().safeParse(JSON.parse(body.toString('utf8') || '{}'));
        if (!parsed.success) return json(res, 400, { code: 'invalid', message: parsed.error.message, fieldErrors: [] });
        faults = { ...faults, ...(parsed.data as Partial<Faults>) };
        state.receiptIdReading = faults.receiptIdReading;
      }
      return json(res, 200, faults);
    }
    if (path === '/sandbox/state' && method === 'GET') {
      return json(res, 200, {
        totalPosts: state.totalPosts,
        letters: [...state.letters.values()].map((l) => ({ messageUuid: l.memo.messageUuid, posts: l.posts, physical: l.physical, label: l.memo.label, files: l.memo.files.map((f) => f.filename) })),
        pendingReceipts: state.receipts.size,
        issuedReceipts: state.issuedReceipts.size,
        deleteCalls: Object.fromEntries(state.deleteCalls),
      });
    }
    if (path === '/sandbox/reset' && method === 'POST') {
      state.reset();
      faults = { ...NO_FAULTS };
      return json(res, 200, { ok: true });
    }
    if (path === '/' || path === '/mailbox') return html(res, 200, mailboxIndex(state));
    if (path === '/mailbox/open') {
      const cpr = (url.searchParams.get('cpr') ?? '').replace('-', '');
      res.writeHead(302, { location: /^\d{10}$/.test(cpr) ? `/mailbox/${cpr}` : '/mailbox' }).end();
      return;
    }
    const box = /^\/mailbox\/(\d{10})(?:\/([0-9a-f-]{36})(?:\/files\/(\d+))?)?$/.exec(path);
    if (box) {
      const [, cpr, uuid, file] = box as unknown as [string, string, string | undefined, string | undefined];
      if (!uuid) return html(res, 200, mailboxOf(state, cpr));
      if (file === undefined) {
        const pageHtml = letterPage(state, cpr, uuid);
        return pageHtml ? html(res, 200, pageHtml) : html(res, 404, 'Brevet findes ikke');
      }
      const letter = state.letters.get(uuid);
      const f = letter?.memo.recipientId === cpr ? letter.memo.files[Number(file)] : undefined;
      if (!f) return html(res, 404, 'Filen findes ikke');
      res.writeHead(200, { 'content-type': f.encodingFormat, 'content-disposition': `inline; filename*=UTF-8''${encodeURIComponent(f.filename)}` });
      res.end(Buffer.from(f.content, 'base64'));
      return;
    }
    html(res, 404, 'Ikke fundet');
  };

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  for (const s of [plain, secure]) if (s) s.keepAliveTimeout = 30_000;
  const port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;
  return {
    name: 'digital-post',
    url,
    apiUrl: `${pki ? `https://127.0.0.1:${port}` : url}/apis/v1`,
    pki,
    state,
    setFaults: (f) => {
      faults = { ...faults, ...f };
      state.receiptIdReading = faults.receiptIdReading;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const r of held) r.socket?.destroy();
        plain.closeAllConnections();
        secure?.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An integer query parameter, the fallback when absent, null when not an integer. */
function intParam(url: URL, name: string, fallback: number): number | null {
  const v = url.searchParams.get(name);
  if (v === null || v === '') return fallback;
  return /^-?\d{1,9}$/.test(v) ? Number(v) : null;
}

/**
 * `GET contacts/?cprNumber=` as NgDP answers it: a ContactSearchResult whose
 * contacts carry `mailboxSubscription.publicRegistrationStatus`; absent values
 * are omitted, as in the real answer (ngdp/README.md §3.7). Every 10-digit CPR
 * is a registered citizen except the exempt test citizens; other values match nobody.
 */
function contactSearch(cprs: string[]) {
  const contacts = cprs
    .flatMap((v) => v.split(','))
    .filter((cpr) => /^\d{10}$/.test(cpr))
    .map((cpr) => {
      const exempt = testCitizenByCpr(cpr)?.exemptFromDigitalPost === true;
      const id = stableUuid(`contact:${cpr}`);
      return {
        id,
        version: 1,
        type: 'CITIZEN',
        cprNumber: cpr,
        eligibleForVoluntaryRegistration: false,
        mailboxSubscription: {
          id: stableUuid(`mailbox:${cpr}`),
          version: 1,
          registrationStatus: exempt ? 'EXEMPT_OTHER_REASON' : 'AUTOMATIC_REGISTRATION',
          publicRegistrationStatus: exempt ? 'EXEMPT' : 'REGISTERED',
          ...(exempt ? { exemptionStart: '2024-01-02' } : {}),
          startTime: '2014-11-01T00:00:00.000Z',
        },
        lastUpdated: '2025-03-01T08:00:00.000Z',
        createdDate: '2013-11-21T00:08:06.770Z',
      };
    });
  return { currentPage: 0, totalPages: contacts.length ? 1 : 0, elementsOnPage: contacts.length, totalElements: contacts.length, contacts };
}

/** A uuid derived from a text, so a contact keeps its id between calls. */
function stableUuid(text: string): string {
  const h = createHash('sha256').update(text).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${((parseInt(h.slice(16, 17), 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export const digitalPostSimulator: Simulator = {
  name: 'digital-post',
  defaultPort: DIGITAL_POST_SANDBOX_PORT,
  start: (options) => startDigitalPostSandbox(options),
};
