import { get } from 'node:https';
import { CriiptoSignatures } from '@criipto/signatures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSignaturesSimulator, SANDBOX_SIGNATURES_CREDENTIALS, type RunningSignaturesSandbox } from '../../../src-main/sandbox/signatures/signatures-simulator';
import { TEST_CITIZENS } from '../../../src-main/sandbox/test-citizens';
import { SigningPageVisitor, smallPdf } from './fixtures';

// The official SDK, unchanged, against the sandbox: if the sandbox's schema or
// shapes drift from Idura's, the SDK's own documents fail validation here.
let sandbox: RunningSignaturesSandbox;
let sdk: CriiptoSignatures;
const karen = TEST_CITIZENS[0]!;
const soren = TEST_CITIZENS[1]!;

async function createOrder(cpr = karen.cpr) {
  return sdk.createSignatureOrder({
    title: 'Aftale om hjemmehjælp',
    expiresInDays: 30,
    ui: { language: 'DA_DK' },
    evidenceProviders: [{ criiptoVerify: { acrValues: ['urn:grn:authn:dk:mitid:substantial'], message: 'Underskriv aftalen' } }],
    documents: [{ pdf: { title: 'Aftale', blob: Buffer.from(await smallPdf()), storageMode: 'Temporary', reference: 'req-1' } }],
    signatories: [{ reference: 'req-1-citizen', evidenceValidation: [{ key: 'cprNumberIdentifier', value: cpr }] }],
  });
}

beforeAll(async () => {
  sandbox = await createSignaturesSimulator().start({ port: 0 });
  sdk = new CriiptoSignatures(SANDBOX_SIGNATURES_CREDENTIALS.clientId, SANDBOX_SIGNATURES_CREDENTIALS.clientSecret, { endpoint: sandbox.url });
});
afterAll(async () => {
  await sandbox.close();
});

describe('official @criipto/signatures SDK against the sandbox', () => {
  it('creates an order with one CPR-bound signatory and a signing link', async () => {
    const order = await createOrder();
    expect(order.status).toBe('OPEN');
    expect(order.title).toBe('Aftale om hjemmehjælp');
    expect(order.signatories).toHaveLength(1);
    expect(order.signatories[0]!.status).toBe('OPEN');
    expect(order.signatories[0]!.reference).toBe('req-1-citizen');
    expect(order.signatories[0]!.href).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/sign\/[\w-]+$/);
    expect(order.documents[0]!.title).toBe('Aftale');
    expect(new Date(order.expiresAt).getTime() - Date.now()).toBeGreaterThan(29 * 24 * 3600_000);
  });

  it('queries order and signatory status, signs on the signing page, closes with the signed PDF', async () => {
    const order = await createOrder();
    const signatory = order.signatories[0]!;
    const visitor = new SigningPageVisitor(signatory.href);
    expect((await visitor.open()).html).toContain('Log på med MitID');
    expect((await visitor.loginAndSign(karen.uuid)).html).toContain('Dokumentet er underskrevet');

    const queried = await sdk.querySignatureOrder(order.id);
    expect(queried?.status).toBe('OPEN');
    expect(queried?.signatories[0]!.status).toBe('SIGNED');
    const viaSignatory = await sdk.querySignatory(signatory.id);
    expect(viaSignatory?.status).toBe('SIGNED');
    expect(viaSignatory?.signatureOrder.id).toBe(order.id);

    const closed = await sdk.closeSignatureOrder(order.id, { retainDocumentsForDays: 1 });
    expect(closed.status).toBe('CLOSED');
    expect(closed.closedAt).toBeTruthy();
    const doc = closed.documents[0]!;
    // The SDK decodes `blob` into a Buffer.
    const blob = (doc as unknown as { blob: Buffer }).blob;
    expect(Buffer.isBuffer(blob)).toBe(true);
    expect(blob.subarray(0, 5).toString()).toBe('%PDF-');
    expect(blob.toString('latin1')).toContain('/SubFilter /ETSI.CAdES.detached');
    const signatures = (doc as unknown as { signatures: { __typename: string; claims: { name: string; value: string }[] }[] }).signatures;
    expect(signatures[0]!.__typename).toBe('JWTSignature');
    expect(signatures[0]!.claims.find((c) => c.name === 'cprNumberIdentifier')?.value).toBe(karen.cpr);

    // Retained for a day: fetchable again with documents (the app's crash recovery relies on this).
    const again = await sdk.querySignatureOrder(order.id, true);
    expect(((again as unknown as { documents: { blob: Buffer }[] }).documents[0]!.blob).equals(blob)).toBe(true);
    await expect(sdk.closeSignatureOrder(order.id)).rejects.toThrow(/closed, not open/);
  });

  it('refuses another citizen on the signing page and lets the right one reject', async () => {
    const order = await createOrder();
    const visitor = new SigningPageVisitor(order.signatories[0]!.href);
    const wrong = await visitor.post('/login', { uuid: soren.uuid });
    expect(wrong.status).toBe(403);
    expect(wrong.html).toContain('Dit MitID passer ikke til den person, dokumentet er sendt til');
    expect((await visitor.post('/sign', {})).status).toBe(401);
    expect((await sdk.querySignatureOrder(order.id))?.signatories[0]!.status).toBe('OPEN');

    expect((await visitor.post('/login', { uuid: karen.uuid })).status).toBe(303);
    expect((await visitor.open()).html).toContain(`Logget på som <strong>${karen.name}</strong>`);
    await visitor.post('/reject', { reason: 'Jeg er ikke enig' });
    const queried = await sdk.querySignatureOrder(order.id);
    expect(queried?.signatories[0]!.status).toBe('REJECTED');
    expect(queried?.signatories[0]!.statusReason).toBe('Jeg er ikke enig');
  });

  it('cancels an open order; a cancelled order cannot be closed or signed', async () => {
    const order = await createOrder();
    const cancelled = await sdk.cancelSignatureOrder(order.id);
    expect(cancelled.status).toBe('CANCELLED');
    await expect(sdk.closeSignatureOrder(order.id)).rejects.toThrow(/cancelled, not open/);
    const page = await new SigningPageVisitor(order.signatories[0]!.href).open();
    expect(page.html).toContain('annulleret');
  });

  it('expires an order through the tester switch and lists orders by status', async () => {
    const order = await createOrder();
    const res = await fetch(`${sandbox.url.replace('/v1/graphql', '')}/sandbox/orders/${encodeURIComponent(order.id)}/expire`, { method: 'POST' });
    expect(res.status).toBe(200);
    expect((await sdk.querySignatureOrder(order.id))?.status).toBe('EXPIRED');
    const expired = await sdk.querySignatureOrders({ first: 50, status: 'EXPIRED' });
    expect(expired.map((o) => o.id)).toContain(order.id);
    const open = await sdk.querySignatureOrders({ first: 50, status: 'OPEN' });
    expect(open.map((o) => o.id)).not.toContain(order.id);
  });

  it('refuses wrong credentials and non-PDF documents', async () => {
    const bad = new CriiptoSignatures('sandbox-signatures', 'wrong', { endpoint: sandbox.url });
    await expect(bad.querySignatureOrder('x')).rejects.toThrow(/401|Unauthorized/);
    await expect(
      sdk.createSignatureOrder({ documents: [{ pdf: { title: 'x', blob: Buffer.from('hello'), storageMode: 'Temporary' } }] }),
    ).rejects.toThrow(/not a PDF/);
    expect(await sdk.querySignatureOrder('nope')).toBeNull();
  });

  it('with https enabled hands out https signing links (Digital Post accepts only https), served with a certificate for 127.0.0.1', async () => {
    const secure = await createSignaturesSimulator({ httpsPort: 0 }).start({ port: 0 });
    try {
      const client = new CriiptoSignatures(SANDBOX_SIGNATURES_CREDENTIALS.clientId, SANDBOX_SIGNATURES_CREDENTIALS.clientSecret, { endpoint: secure.url });
      const order = await client.createSignatureOrder({
        documents: [{ pdf: { title: 'Aftale', blob: Buffer.from(await smallPdf()), storageMode: 'Temporary' } }],
        signatories: [{ evidenceValidation: [{ key: 'cprNumberIdentifier', value: karen.cpr }] }],
      });
      const href = order.signatories[0]!.href;
      expect(href.startsWith(`${secure.https!.url}/sign/`)).toBe(true);
      // Verified TLS (trusting the sandbox's own certificate), not verification switched off.
      const page = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        get(href, { ca: secure.https!.certificatePem }, (res) => {
          let body = '';
          res.on('data', (c: Buffer) => (body += c.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        }).on('error', reject);
      });
      expect(page.status).toBe(200);
      expect(page.body).toContain('Log in with MitID');
    } finally {
      await secure.close();
    }
  });
});
