import { createHmac, randomBytes } from 'node:crypto';
import { CriiptoSignatures } from '@criipto/signatures';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createSignaturesSimulator, SANDBOX_SIGNATURES_CREDENTIALS, type RunningSignaturesSandbox } from '../../../src-main/sandbox/signatures/signatures-simulator';
import { TEST_CITIZENS } from '../../../src-main/sandbox/test-citizens';
import { SigningPageVisitor, smallPdf } from '../signing/fixtures';
import { startReceiver, unreachableUrl, type Receiver } from './helpers';

let sandbox: RunningSignaturesSandbox;
let sdk: CriiptoSignatures;
let receiver: Receiver;
const karen = TEST_CITIZENS[0]!;
const soren = TEST_CITIZENS[1]!;

beforeAll(async () => {
  // Short waits between attempts so a retry shows up in the test; the defaults are Idura's (5 s, 30 s, …).
  sandbox = await createSignaturesSimulator({ webhookRetryDelaysMs: [20, 20] }).start({ port: 0 });
  sdk = new CriiptoSignatures(SANDBOX_SIGNATURES_CREDENTIALS.clientId, SANDBOX_SIGNATURES_CREDENTIALS.clientSecret, { endpoint: sandbox.url });
});
afterAll(async () => {
  await sandbox.close();
});
afterEach(async () => {
  await receiver?.close();
});

/** Verifies the way Idura's docs tell integrators to: HMAC-SHA256 over the raw body with the secret's bytes, base64. */
const validSignature = (secret: Buffer, r: { body: string; headers: Record<string, unknown> }) =>
  createHmac('sha256', secret).update(r.body).digest('base64') === r.headers['x-criipto-signature'];

async function order(webhook: { url: string; secret?: Buffer; validateConnectivity?: boolean }, cpr = karen.cpr) {
  return sdk.createSignatureOrder({
    title: 'Webhook',
    documents: [{ pdf: { title: 'Aftale', blob: Buffer.from(await smallPdf()), storageMode: 'Temporary' } }],
    signatories: [{ evidenceValidation: [{ key: 'cprNumberIdentifier', value: cpr }] }],
    webhook,
  });
}

const events = () => receiver.requests.map((r) => JSON.parse(r.body) as Record<string, unknown>);

describe('webhooks as Idura sends them', () => {
  it('validates connectivity, then posts the documented events with a valid X-Criipto-Signature', async () => {
    receiver = await startReceiver();
    const secret = randomBytes(32);
    const created = await order({ url: receiver.url, secret, validateConnectivity: true });
    expect(events()).toEqual([{ event: 'WEBHOOK_VALIDATION' }]);
    const signatoryId = created.signatories[0]!.id;

    const visitor = new SigningPageVisitor(created.signatories[0]!.href);
    await visitor.open();
    expect((await visitor.post('/login', { uuid: soren.uuid })).status).toBe(403); // the wrong person
    expect((await visitor.post('/login', { uuid: karen.uuid })).status).toBe(303);
    expect((await visitor.open()).html).toContain('Sign with MitID'); // the documents are now OPENED
    expect((await visitor.post('/sign', {})).html).toContain('The document is signed');
    await receiver.waitFor(5);
    await sandbox.store.webhooks.idle();

    const base = { signatureOrderId: created.id, signatoryId };
    expect(events()).toEqual(
      expect.arrayContaining([
        { event: 'SIGNATORY_SIGN_LINK_OPENED', ...base },
        { event: 'SIGNATORY_SIGN_ERROR', error: 'Evidence validation failed', ...base },
        { event: 'SIGNATORY_DOCUMENT_STATUS_CHANGED', ...base, documentId: created.documents[0]!.id, status: 'OPENED' },
        { event: 'SIGNATORY_SIGNED', ...base },
      ]),
    );
    for (const r of receiver.requests) {
      expect(r.headers['content-type']).toBe('application/json');
      expect(validSignature(secret, r)).toBe(true);
      expect(validSignature(randomBytes(32), r)).toBe(false);
    }
    // The one an app would act on is queryable as the docs suggest.
    expect((await sdk.querySignatory(signatoryId))?.status).toBe('SIGNED');
    // After a close with retention, opening the downloadHref is an event too.
    await sdk.closeSignatureOrder(created.id, { retainDocumentsForDays: 1 });
    const before = receiver.requests.length;
    await fetch((await sdk.querySignatory(signatoryId))!.downloadHref!);
    await receiver.waitFor(before + 1);
    expect(events().at(-1)).toEqual({ event: 'SIGNATORY_DOWNLOAD_LINK_OPENED', ...base });
    expect(validSignature(secret, receiver.requests.at(-1)!)).toBe(true);
  });

  it('sends SIGNATORY_REJECTED with the reason and SIGNATURE_ORDER_EXPIRED; no signature header without a secret', async () => {
    receiver = await startReceiver();
    const rejected = await order({ url: receiver.url });
    const visitor = new SigningPageVisitor(rejected.signatories[0]!.href);
    await visitor.post('/login', { uuid: karen.uuid });
    await visitor.post('/reject', { reason: 'Forkert beløb' });
    const expiring = await order({ url: receiver.url });
    await fetch(`${new URL(sandbox.url).origin}/sandbox/orders/${encodeURIComponent(expiring.id)}/expire`, { method: 'POST' });
    await receiver.waitFor(2);
    await sandbox.store.webhooks.idle();
    expect(events()).toEqual(
      expect.arrayContaining([
        { event: 'SIGNATORY_REJECTED', signatureOrderId: rejected.id, signatoryId: rejected.signatories[0]!.id, reason: 'Forkert beløb' },
        { event: 'SIGNATURE_ORDER_EXPIRED', signatureOrderId: expiring.id },
      ]),
    );
    expect(receiver.requests.every((r) => r.headers['x-criipto-signature'] === undefined)).toBe(true);
  });

  it('retries a delivery that did not get a 200, and logs both attempts on the order', async () => {
    receiver = await startReceiver();
    let failed = false;
    receiver.statusFor = (_i, body) => {
      if (failed || JSON.parse(body).event !== 'SIGNATORY_SIGNED') return 200;
      failed = true;
      return 503;
    };
    const created = await order({ url: receiver.url });
    const visitor = new SigningPageVisitor(created.signatories[0]!.href);
    await visitor.loginAndSign(karen.uuid);
    await receiver.waitFor(3);
    await sandbox.store.webhooks.idle();
    // SIGNATORY_SIGNED got a 503 and came again, unchanged.
    const signed = receiver.requests.map((r) => r.body).filter((b) => JSON.parse(b).event === 'SIGNATORY_SIGNED');
    expect(signed).toHaveLength(2);
    expect(signed[1]).toBe(signed[0]);
    const logs = sandbox.store.webhooks.invocations(created.id, '2000-01-01T00:00:00Z', '2100-01-01T00:00:00Z', null);
    expect(logs.map((l) => l.__typename).sort()).toEqual(['WebhookHttpErrorInvocation', 'WebhookSuccessfulInvocation', 'WebhookSuccessfulInvocation']);
    expect(logs.find((l) => l.__typename === 'WebhookHttpErrorInvocation')).toMatchObject({ responseStatusCode: 503, url: receiver.url });
    expect(logs.find((l) => l.__typename === 'WebhookHttpErrorInvocation')!.retryingAt).toBeTruthy();
    expect(sandbox.store.webhooks.invocations(created.id, '2000-01-01T00:00:00Z', '2100-01-01T00:00:00Z', false)).toHaveLength(1);
  });

  it('sends SIGNATURE_ORDER_EXPIRED by itself when the clock passes expiresAt (nobody asks)', async () => {
    let now = Date.now();
    const clocked = await createSignaturesSimulator({ now: () => new Date(now) }).start({ port: 0 });
    try {
      receiver = await startReceiver();
      const client = new CriiptoSignatures(SANDBOX_SIGNATURES_CREDENTIALS.clientId, SANDBOX_SIGNATURES_CREDENTIALS.clientSecret, { endpoint: clocked.url });
      const created = await client.createSignatureOrder({
        documents: [{ pdf: { title: 'Aftale', blob: Buffer.from(await smallPdf()), storageMode: 'Temporary' } }],
        expiresInDays: 1,
        webhook: { url: receiver.url },
      });
      now += 2 * 86400_000;
      await receiver.waitFor(1);
      expect(events()).toEqual([{ event: 'SIGNATURE_ORDER_EXPIRED', signatureOrderId: created.id }]);
    } finally {
      await clocked.close();
    }
  });

  it('refuses an order whose webhook cannot be reached when validateConnectivity is set', async () => {
    const url = await unreachableUrl();
    await expect(order({ url, validateConnectivity: true })).rejects.toThrow(`Webhook validation failed for ${url}`);
    expect(sandbox.store.list(SANDBOX_SIGNATURES_CREDENTIALS.clientId, null).some((o) => o.webhook?.url === url)).toBe(false);
    // …and one that answers anything but 200.
    receiver = await startReceiver();
    receiver.statusFor = () => 500;
    await expect(order({ url: receiver.url, validateConnectivity: true })).rejects.toThrow('HTTP 500');
  });
});
