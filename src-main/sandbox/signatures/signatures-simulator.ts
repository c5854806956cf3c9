import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { introspectionFromSchema } from 'graphql';
import type { RunningSimulator, Simulator } from '../simulator';
import { TEST_CITIZENS, type TestCitizen } from '../test-citizens';
import { executeGraphql } from './graphql-api';
import { signaturesSchema } from './schema';
import { createSandboxCertificate, createTlsCertificate, type SandboxCertificate } from './sandbox-certificate';
import type { DocumentSigner, SignatorySeal } from './document-signer';
import { PadesSigner } from './pades-signer';
import { loadOrCreateSandboxPki } from './pki/sandbox-pki';
import { sealAppearance } from './seal-appearance';
import { parseLoginHint } from './order-input';
import { batchDonePage, batchPage, downloadPage, endedPage, loginPage, reviewPage } from './signing-page';
import { WebhookDispatcher } from './webhooks';
import { SandboxApiError, SignaturesStore } from './signatures-store';

/** The credentials the app's default settings carry for the sandbox. Not secret: the sandbox is local. */
export const SANDBOX_SIGNATURES_CREDENTIALS = { clientId: 'sandbox-signatures', clientSecret: 'sandbox-secret' } as const;

export interface SignaturesSimulatorOptions {
  credentials?: { clientId: string; clientSecret: string }[];
  now?: () => Date;
  /**
   * Also serve everything over https on this port (0 = any) and hand out https
   * signing links, as Idura does: Digital Post refuses http action links.
   */
  httpsPort?: number;
  /** The PDF signer (default: the sandbox's own); tests may pass another. */
  signer?: (certificate: SandboxCertificate) => DocumentSigner;
  /** Waits between webhook attempts (default: Idura's 5 s, 30 s, 60 s, … 48 h). */
  webhookRetryDelaysMs?: number[];
  /**
   * Where the sandbox CA, signing and TSA certificates are kept (made on first
   * start). Without it they are made afresh in memory at each start.
   */
  pkiDir?: string | null;
}

export interface RunningSignaturesSandbox extends RunningSimulator {
  store: SignaturesStore;
  /** The sandbox CA certificate (PEM) every signature and timestamp chains to. */
  caPem: string;
  /** With `httpsPort`: the https base of the signing links and the PEM to trust it by. */
  https: { url: string; certificatePem: string } | null;
}

const MAX_BODY = 30 * 1024 * 1024;

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new Error('body too large'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

const safeEqual = (a: string, b: string): boolean => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/**
 * Sandbox Idura Signatures: the GraphQL API at `/v1/graphql` (HTTP Basic with
 * client id and secret), the signing pages at each signatory's `href`, and a
 * tester's switch `POST /sandbox/orders/<id>/expire`. Orders live in memory.
 */
let hostPkiDir: string | null = null;

/**
 * The host's data folder for the sandbox CA, signing and TSA certificates
 * (`<data>/sandbox-signatures-pki`), set before the host starts the sandbox:
 * made there on first start, reused afterwards, so documents signed in an
 * earlier session still chain to the same sandbox root.
 */
export function keepSandboxPkiIn(dir: string): void {
  hostPkiDir = dir;
}

export interface SignaturesSimulator extends Simulator {
  start(options: { port: number }): Promise<RunningSignaturesSandbox>;
}

export function createSignaturesSimulator(options: SignaturesSimulatorOptions = {}): SignaturesSimulator {
  const credentials = options.credentials ?? [SANDBOX_SIGNATURES_CREDENTIALS];
  return {
    name: 'signatures',
    defaultPort: 4020,
    async start({ port }) {
      let baseUrl = '';
      const certificate = createSandboxCertificate();
      const webhooks = new WebhookDispatcher(options.webhookRetryDelaysMs, options.now);
      const pki = await loadOrCreateSandboxPki(options.pkiDir !== undefined ? options.pkiDir : hostPkiDir);
      // Real PAdES: one incremental signature per signatory with its visible seal, a DSS and a document timestamp at close.
      const signer = new PadesSigner<SignatorySeal>(pki, options.now, sealAppearance);
      const store = new SignaturesStore(certificate, () => baseUrl, options.signer ? options.signer(certificate) : signer, webhooks, options.now);
      // Expiry happens by the clock too, so SIGNATURE_ORDER_EXPIRED goes out without anyone asking.
      // (It stops itself if the servers never started or were closed.)
      const sweep = setInterval(() => {
        if (servers[0]?.listening) store.sweepExpired();
        else {
          clearInterval(sweep);
          webhooks.close();
        }
      }, 1000);
      sweep.unref();
      // Signing-page sessions: which test citizen logged in for which link.
      const sessions = new Map<string, { token: string; citizen: TestCitizen }>();

      const authenticate = (req: IncomingMessage): string | null => {
        const header = req.headers.authorization ?? '';
        if (!header.startsWith('Basic ')) return null;
        const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
        const colon = decoded.indexOf(':');
        if (colon < 0) return null;
        const id = decoded.slice(0, colon);
        const secret = decoded.slice(colon + 1);
        return credentials.some((c) => safeEqual(c.clientId, id) && safeEqual(c.clientSecret, secret)) ? id : null;
      };

      const send = (res: ServerResponse, status: number, type: string, body: string | Buffer, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff', ...headers });
        res.end(body);
      };
      const html = (res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}) =>
        send(res, status, 'text/html; charset=utf-8', body, headers);

      const sessionFor = (req: IncomingMessage, token: string): TestCitizen | null => {
        const match = /(?:^|;\s*)sandbox_sign=([A-Za-z0-9_-]+)/.exec(req.headers.cookie ?? '');
        const s = match ? sessions.get(match[1]!) : undefined;
        return s && s.token === token ? s.citizen : null;
      };

      const handleSigning = async (req: IncomingMessage, res: ServerResponse, token: string, rest: string) => {
        const found = store.byToken(token);
        const open = found && found.order.status === 'OPEN' && found.signatory.status === 'OPEN';
        if (!found || !open) return html(res, found ? 200 : 404, endedPage({ order: found?.order ?? null, signatory: found?.signatory ?? null }));
        const { order, signatory } = found;
        const ctx = { order, signatory };
        const form = req.method === 'POST' ? new URLSearchParams((await readBody(req)).toString('utf8')) : null;
        const verify = store.verifyProvider(order, signatory);
        const enabled = store.enabledProviders(order, signatory);
        const singles = store.singleProviders(order, signatory);
        const allOf = store.allOf(order, signatory);
        const drawable = singles.find((p) => p.kind === 'drawable');
        const options = (citizen: TestCitizen | null) => ({
          block: store.block(order, signatory, citizen ? store.claimsFor(order, signatory, citizen) : null),
          canMitId: verify !== null,
          noop: enabled.some((p) => p.kind === 'noop'),
          drawable: drawable && drawable.kind === 'drawable' ? { requireName: drawable.requireName } : null,
          allOf: allOf !== null,
        });
        const parsedHint = verify?.loginHint ? parseLoginHint(verify.loginHint) : null;
        const mitidMessage = verify ? { message: verify.message ?? parsedHint?.message ?? null, sub: parsedHint?.sub ?? null } : null;
        // After signing or rejecting, Idura sends the signatory on to ui.signatoryRedirectUri.
        const done = (outcome: 'cancelledByYou' | null = null) => {
          const target = signatory.ui.signatoryRedirectUri;
          if (target) {
            res.writeHead(303, { Location: target, 'Cache-Control': 'no-store' });
            return res.end();
          }
          return html(res, 200, endedPage(ctx, outcome));
        };
        if (rest === '' && req.method === 'GET') {
          store.opened(order, signatory);
          const citizen = sessionFor(req, token);
          if (verify && !citizen) return html(res, 200, loginPage(ctx, `/sign/${token}`, null, mitidMessage));
          store.viewed(order, signatory);
          return html(res, 200, reviewPage(ctx, token, citizen, options(citizen)));
        }
        if (rest === '/login' && form && verify) {
          const citizen = TEST_CITIZENS.find((c) => c.uuid === form.get('uuid'));
          if (!citizen) return html(res, 400, loginPage(ctx, `/sign/${token}`, null, mitidMessage));
          // Idura checks the e-ID identity against the evidence validation (and uniqueness) before showing anything to sign.
          const block = store.block(order, signatory, store.claimsFor(order, signatory, citizen));
          if (block === 'mismatch' || block === 'unique') {
            store.signError(order, signatory, block === 'mismatch' ? 'Evidence validation failed' : 'Evidence is not unique');
            return html(res, 403, loginPage(ctx, `/sign/${token}`, block, mitidMessage));
          }
          const id = randomBytes(18).toString('base64url');
          sessions.set(id, { token, citizen });
          res.writeHead(303, { Location: `/sign/${token}`, 'Set-Cookie': `sandbox_sign=${id}; Path=/sign/${token}; HttpOnly; SameSite=Lax` });
          return res.end();
        }
        const citizen = sessionFor(req, token);
        if (verify && !citizen && !((rest === '/sign-noop' || rest === '/sign-drawn') && !allOf) && rest !== '/cancel') {
          return html(res, 401, loginPage(ctx, `/sign/${token}`, null, mitidMessage));
        }
        const doc = /^\/documents\/(\d+)$/.exec(rest);
        if (doc && req.method === 'GET') {
          const d = order.documents[Number(doc[1])];
          if (!d || !signatory.documents.some((x) => x.documentId === d.id)) return send(res, 404, 'text/plain', 'not found');
          return send(res, 200, 'application/pdf', d.current, { 'Content-Disposition': 'inline; filename="document.pdf"' });
        }
        if (!form) return send(res, 404, 'text/plain', 'not found');
        if (options(citizen).block === 'sequence' && rest !== '/cancel') return html(res, 409, reviewPage(ctx, token, citizen, options(citizen)));
        if (rest === '/sign' && citizen) await store.signWithMitId(token, citizen);
        else if (rest === '/sign-noop' && options(null).noop) await store.signWithNoop(token);
        else if (rest === '/sign-drawn' && drawable && !allOf) await store.signWithDrawing(token, form.get('name') || null);
        else if (rest === '/sign-all' && allOf) await store.signWithAll(token, citizen, form.get('name') || null);
        else if (rest === '/approve') await store.approve(token, citizen);
        else if (rest === '/reject') store.reject(token, form.get('reason') ?? '');
        else if (rest === '/cancel' && signatory.ui.enableCancel) return done('cancelledByYou');
        else return send(res, 404, 'text/plain', 'not found');
        return done();
      };

      const handleBatch = async (req: IncomingMessage, res: ServerResponse, token: string, rest: string) => {
        const batch = store.batchByLink(token);
        if (!batch) return html(res, 404, endedPage({ order: null, signatory: null }));
        const ctx = { order: null, signatory: null, ui: batch.ui };
        const base = `/batch/${token}`;
        const form = req.method === 'POST' ? new URLSearchParams((await readBody(req)).toString('utf8')) : null;
        const citizen = sessionFor(req, `batch:${token}`);
        const items = () => batch.items.map((i) => ({ ...i, open: i.order.status === 'OPEN' && i.signatory.status === 'OPEN' }));
        if (rest === '/login' && form) {
          const who = TEST_CITIZENS.find((c) => c.uuid === form.get('uuid'));
          if (!who) return html(res, 400, loginPage(ctx, base, null, null));
          const blocked = batch.items.map((i) => store.block(i.order, i.signatory, store.claimsFor(i.order, i.signatory, who))).find((b) => b === 'mismatch' || b === 'unique');
          if (blocked === 'mismatch' || blocked === 'unique') return html(res, 403, loginPage(ctx, base, blocked, null));
          const id = randomBytes(18).toString('base64url');
          sessions.set(id, { token: `batch:${token}`, citizen: who });
          res.writeHead(303, { Location: base, 'Set-Cookie': `sandbox_sign=${id}; Path=${base}; HttpOnly; SameSite=Lax` });
          return res.end();
        }
        if (!citizen) return html(res, rest === '' ? 200 : 401, loginPage(ctx, base, null, null));
        if (rest === '' && req.method === 'GET') return html(res, 200, batchPage(ctx, base, citizen, items()));
        const doc = /^\/documents\/(\d+)\/(\d+)$/.exec(rest);
        if (doc && req.method === 'GET') {
          const item = batch.items[Number(doc[1])];
          const d = item?.order.documents[Number(doc[2])];
          if (!item || !d || !item.signatory.documents.some((x) => x.documentId === d.id)) return send(res, 404, 'text/plain', 'not found');
          return send(res, 200, 'application/pdf', d.current, { 'Content-Disposition': 'inline; filename="document.pdf"' });
        }
        if (rest === '/sign' && form) {
          await store.signBatch(batch, citizen);
          if (batch.ui.signatoryRedirectUri) {
            res.writeHead(303, { Location: batch.ui.signatoryRedirectUri, 'Cache-Control': 'no-store' });
            return res.end();
          }
          return html(res, 200, batchDonePage(ctx));
        }
        return send(res, 404, 'text/plain', 'not found');
      };

      const handleDownload = async (req: IncomingMessage, res: ServerResponse, token: string, rest: string) => {
        const found = store.byToken(token);
        if (!found || !store.downloadHref(found.order, found.signatory)) return html(res, 404, endedPage({ order: found?.order ?? null, signatory: found?.signatory ?? null }));
        const { order, signatory } = found;
        const ctx = { order, signatory };
        const base = `/download/${token}`;
        const form = req.method === 'POST' ? new URLSearchParams((await readBody(req)).toString('utf8')) : null;
        if (rest === '/login' && form) {
          const who = TEST_CITIZENS.find((c) => c.uuid === form.get('uuid'));
          if (!who) return html(res, 400, loginPage(ctx, base, null, null, 'downloadIntro'));
          if (!store.mayDownload(signatory, store.claimsFor(order, signatory, who))) return html(res, 403, loginPage(ctx, base, 'mismatch', null, 'downloadIntro'));
          const id = randomBytes(18).toString('base64url');
          sessions.set(id, { token: `download:${token}`, citizen: who });
          res.writeHead(303, { Location: base, 'Set-Cookie': `sandbox_sign=${id}; Path=${base}; HttpOnly; SameSite=Lax` });
          return res.end();
        }
        const citizen = sessionFor(req, `download:${token}`);
        if (rest === '' && req.method === 'GET') {
          store.downloadOpened(order, signatory);
          return html(res, 200, citizen ? downloadPage(ctx, base, citizen) : loginPage(ctx, base, null, null, 'downloadIntro'));
        }
        const doc = /^\/documents\/(\d+)$/.exec(rest);
        const d = doc ? order.documents[Number(doc[1])] : undefined;
        if (!citizen) return html(res, 401, loginPage(ctx, base, null, null, 'downloadIntro'));
        if (d && d.signed && req.method === 'GET' && signatory.documents.some((x) => x.documentId === d.id)) {
          return send(res, 200, 'application/pdf', d.signed, { 'Content-Disposition': 'attachment; filename="signed.pdf"' });
        }
        return send(res, 404, 'text/plain', 'not found');
      };

      const handle = (req: IncomingMessage, res: ServerResponse) => {
        const url = new URL(req.url ?? '/', 'http://localhost');
        const path = url.pathname;
        void (async () => {
          if (path === '/v1/graphql') {
            // Idura: "A GET on the same URL returns the schema" (here as the introspection result).
            if (req.method === 'GET') return send(res, 200, 'application/json', JSON.stringify({ data: introspectionFromSchema(signaturesSchema()) }));
            if (req.method !== 'POST') return send(res, 405, 'text/plain', 'GET or POST');
            const applicationId = authenticate(req);
            if (!applicationId) return send(res, 401, 'application/json', JSON.stringify({ errors: [{ message: 'Unauthorized' }] }));
            let body: Record<string, unknown>;
            try {
              body = JSON.parse((await readBody(req)).toString('utf8')) as Record<string, unknown>;
            } catch {
              return send(res, 400, 'application/json', JSON.stringify({ errors: [{ message: 'Invalid JSON body' }] }));
            }
            const result = await executeGraphql(body, { applicationId, store });
            return send(res, 200, 'application/json', JSON.stringify(result));
          }
          const signing = /^\/sign\/([A-Za-z0-9_-]+)(\/.*)?$/.exec(path);
          if (signing) return handleSigning(req, res, signing[1]!, signing[2] ?? '');
          const downloadLink = /^\/download\/([A-Za-z0-9_-]+)(\/.*)?$/.exec(path);
          if (downloadLink) return handleDownload(req, res, downloadLink[1]!, downloadLink[2] ?? '');
          const batchLink = /^\/batch\/([A-Za-z0-9_-]+)(\/.*)?$/.exec(path);
          if (batchLink) return handleBatch(req, res, batchLink[1]!, batchLink[2] ?? '');
          const expire = /^\/sandbox\/orders\/([^/]+)\/expire$/.exec(path);
          if (expire && req.method === 'POST') {
            const order = store.expire(decodeURIComponent(expire[1]!));
            return order
              ? send(res, 200, 'application/json', JSON.stringify({ id: order.id, status: order.status }))
              : send(res, 404, 'application/json', JSON.stringify({ error: 'not found' }));
          }
          // The sandbox CA, for validators (pdf-signature-report --trust, the app's own check of signed PDFs).
          if (path === '/sandbox/ca.pem' && req.method === 'GET') return send(res, 200, 'application/x-pem-file', pki.caPem);
          // The sandbox timestamp authority, RFC 3161 over HTTP (the signatures get their timestamps from it in process).
          if (path === '/tsa' && req.method === 'POST') {
            return send(res, 200, 'application/timestamp-reply', await signer.tsa.respond(await readBody(req)));
          }
          // Fault switch: `{"brokenSignature": true}` makes the next closed orders return a PDF with broken signatures.
          if (path === '/sandbox/faults' && req.method === 'POST') {
            const body = JSON.parse((await readBody(req)).toString('utf8') || '{}') as { brokenSignature?: unknown };
            if (typeof body.brokenSignature === 'boolean') signer.brokenSignatures = body.brokenSignature;
            return send(res, 200, 'application/json', JSON.stringify({ brokenSignature: signer.brokenSignatures }));
          }
          if (path === '/') return send(res, 200, 'text/plain; charset=utf-8', 'Sandbox Signatures: POST /v1/graphql');
          return send(res, 404, 'text/plain', 'not found');
        })().catch((error: unknown) => {
          const message = error instanceof SandboxApiError ? error.message : 'Internal error';
          if (!(error instanceof SandboxApiError)) console.error('signatures sandbox:', (error as Error).message);
          if (!res.headersSent) send(res, error instanceof SandboxApiError ? 409 : 500, 'text/plain; charset=utf-8', message);
          else res.end();
        });
      };
      const listen = (server: Server, onPort: number) =>
        new Promise<number>((resolve, reject) => {
          server.once('error', reject);
          server.listen(onPort, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
        });
      const servers: Server[] = [createServer(handle)];
      const httpUrl = `http://127.0.0.1:${await listen(servers[0]!, port)}`;
      let https: RunningSignaturesSandbox['https'] = null;
      if (options.httpsPort !== undefined) {
        const tls = createTlsCertificate();
        const secure = createHttpsServer({ key: tls.keyPem, cert: tls.certPem }, handle);
        // Ephemeral API port (tests, a port moved off its default) → ephemeral https port too.
        try {
          https = { url: `https://127.0.0.1:${await listen(secure, port === 0 ? 0 : options.httpsPort)}`, certificatePem: tls.certPem };
        } catch (error) {
          // The https port is taken: release the API port too, so the caller can move both.
          await new Promise<void>((resolve) => servers[0]!.close(() => resolve()));
          throw error;
        }
        servers.push(secure);
      }
      baseUrl = https?.url ?? httpUrl;
      return {
        name: 'signatures',
        url: `${httpUrl}/v1/graphql`,
        store,
        caPem: pki.caPem,
        https,
        close: async () => {
          clearInterval(sweep);
          webhooks.close();
          await Promise.all(
            servers.map(
              (server) =>
                new Promise<void>((resolve) => {
                  server.closeAllConnections();
                  server.close(() => resolve());
                }),
            ),
          );
        },
      };
    },
  };
}

/** The app's sandbox: API on 4020, signing links over https on 4021 (Digital Post needs https links). */
export const signaturesSimulator = createSignaturesSimulator({ httpsPort: 4021 });
