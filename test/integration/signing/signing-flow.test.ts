import type { Session } from '../../../src-main/app/session';
import { decodeSigningError } from '../../../src-main/signing/signing-error';
import { EXAMPLE_LETTER, type MethodInput, type MethodName, type MethodResults } from '../../../src-main/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSignaturesSimulator, type RunningSignaturesSandbox } from '../../../src-main/sandbox/signatures/signatures-simulator';
import { TEST_CITIZENS } from '../../../src-main/sandbox/test-citizens';
import { createSigning } from '../../../src-main/signing/create-signing';
import { signatureCompletedGuard } from '../../../src-main/signing/signature-completed-guard';
import { signingRequest } from '../../../src-main/signing/signing-request-row';
import { count, createDemoRecord, demo, useTestApps, value, type TestApp } from '../helpers/test-app';
import { FakeDigitalPost, FakeDocuments, FakeNotifications } from './fakes';
import { SigningPageVisitor } from './fixtures';

// The whole flow against the sandbox over real HTTP, through the official SDK:
// status change → job → request row → document → order → letter + notification
// → citizen signs/rejects on the signing page → poll → record moves.
let sandbox: RunningSignaturesSandbox;
beforeAll(async () => {
  sandbox = await createSignaturesSimulator().start({ port: 0 });
});
afterAll(async () => {
  await sandbox.close();
});

const apps = useTestApps();
const call = async <M extends MethodName>(app: TestApp, method: M, input: MethodInput<M>, session: Session): Promise<MethodResults[M]> =>
  value(await app.dispatch(method, input, session)) as MethodResults[M];
const karen = TEST_CITIZENS[0]!;
const soren = TEST_CITIZENS[1]!;

async function setUp(app: TestApp) {
  const d = demo(app);
  const session = d.adminSession();
  // The action must name a template that exists; the fake documents service generates from it.
  const templateId = app.services.documents.templates.save({ name: 'Aftale', definition: EXAMPLE_LETTER }, d.admin.id);
  value(
    await app.dispatch(
      'saveSignaturesSettings',
      { endpoint: sandbox.url, clientId: 'sandbox-signatures', priceOre: 850, expiresInDays: 14, acrValue: 'urn:grn:authn:dk:mitid:substantial' },
      session,
    ),
  );
  value(
    await app.dispatch(
      'saveStatusAction',
      {
        statusId: d.status('Afventer underskrift').id,
        type: 'request_signature',
        name: 'Send aftale til underskrift',
        params: {
          templateId,
          cprFieldKey: null,
          title: 'Aftale om tilskud',
          message: 'Underskriv aftalen',
          signedStatusId: d.status('Afsluttet').id,
          rejectedStatusId: d.status('Under behandling').id,
          expiredStatusId: d.status('Under behandling').id,
        },
        enabled: true,
        sortOrder: 5,
      },
      session,
    ),
  );
  const documents = new FakeDocuments();
  const digitalPost = new FakeDigitalPost();
  const notifications = new FakeNotifications();
  const s = app.services;
  const signing = createSigning({
    db: s.db, clock: s.clock, events: s.events, costs: s.costs, statusChanges: s.statusChanges, integrationSettings: s.integrationSettings,
    secrets: s.config.secrets, settings: s.config.settings, notifications, jobs: s.jobs, documents, digitalPost,
  });
  const record = await createDemoRecord(app, session, { cpr: karen.cpr });
  const toStatus = async (name: string) => {
    const current = (await call(app, 'getRecord', { id: record.id }, session));
    return (await call(app, 'changeStatus', { id: record.id, version: current.version, toStatusId: d.status(name).id, comment: '' }, session));
  };
  return { d, session, signing, documents, digitalPost, notifications, record, toStatus, templateId };
}

async function requestSignature(app: TestApp) {
  const ctx = await setUp(app);
  await ctx.toStatus('Under behandling');
  await ctx.toStatus('Afventer underskrift');
  await app.services.jobs.runDue();
  const id = app.services.db.prepare('SELECT id FROM signing_requests WHERE record_id = ?').pluck().get(ctx.record.id) as number;
  expect(id).toBeGreaterThan(0);
  await ctx.signing.worker.runDue();
  return { ...ctx, requestId: id };
}

describe('signing requests against the sandbox', () => {
  it('status change → document → order → letter with UNDERSKRIV link → signed → signed PDF, cost, status moved', async () => {
    const app = apps.open();
    const { signing, documents, digitalPost, notifications, record, requestId, session, d, templateId } = await requestSignature(app);
    const db = app.services.db;
    let row = signingRequest(db, requestId)!;
    expect(row.state).toBe('awaiting_signature');
    expect(documents.calls).toEqual([{ templateId, recordId: record.id }]);
    expect(row.document_pdf!.subarray(0, 5).toString()).toBe('%PDF-');

    // Exactly one order at the sandbox, bound to Karen's CPR.
    const order = sandbox.store.get(null, row.order_id!)!;
    expect(order.status).toBe('OPEN');
    expect(order.signatories[0]!.evidenceValidation).toEqual([{ key: 'cprNumberIdentifier', value: karen.cpr, boolean: null }]);
    expect(order.signatories[0]!.reference).toBe(row.reference);
    expect(order.ui.language).toBe('DA_DK'); // the citizen signs in Danish even when the caseworker's app is in English

    // One letter, to Karen, carrying the document and the signing link as an UNDERSKRIV action.
    expect(digitalPost.letters).toHaveLength(1);
    const letter = digitalPost.letters[0]!;
    expect(letter.recipientCpr).toBe(karen.cpr);
    expect(letter.recordId).toBe(record.id);
    expect(letter.actions).toEqual([{ label: 'Underskriv med MitID', action: 'UNDERSKRIV', url: row.signing_href }]);
    expect(Buffer.from(letter.mainDocument.content).equals(row.document_pdf!)).toBe(true);
    expect(row.letter_message_id).toBe(letter.messageId);
    expect(notifications.published.map((n) => n.kind)).toEqual(['signature_requested']);
    expect(JSON.stringify(notifications.published)).not.toContain(karen.cpr);

    // Nothing signed yet: a poll keeps it waiting and schedules the next one.
    db.prepare('UPDATE signing_requests SET next_attempt_at = 0 WHERE id = ?').run(requestId);
    await signing.worker.runDue();
    row = signingRequest(db, requestId)!;
    expect(row.state).toBe('awaiting_signature');
    expect(row.next_attempt_at).toBeGreaterThan(Date.now());

    // The guard refuses while unsigned.
    expect(signatureCompletedGuard.check(record.id, { db, lang: 'da' })?.reason).toContain('ikke gennemført');

    expect((await new SigningPageVisitor(row.signing_href!).loginAndSign(karen.uuid)).html).toContain('Dokumentet er underskrevet');
    (await call(app, 'refreshSigningRequests', { recordId: record.id }, session));
    await signing.worker.runDue();

    row = signingRequest(db, requestId)!;
    expect(row.state).toBe('completed');
    expect(row.signed_pdf!.toString('latin1')).toContain('/ETSI.CAdES.detached');
    expect(row.cost_ore).toBe(850);
    expect(sandbox.store.get(null, row.order_id!)!.status).toBe('CLOSED');
    expect(app.services.costs.forRecord(record.id)).toEqual([expect.objectContaining({ kind: 'signature', amountOre: 850 })]);
    const moved = (await call(app, 'getRecord', { id: record.id }, session));
    expect(moved.statusId).toBe(d.status('Afsluttet').id);
    expect(notifications.published.map((n) => n.kind)).toEqual(['signature_requested', 'signature_completed']);
    expect(signatureCompletedGuard.check(record.id, { db, lang: 'da' })).toBeNull();

    // The caseworker's view: masked signer, both PDFs downloadable.
    const [listed] = (await call(app, 'listSigningRequests', { recordId: record.id }, session));
    expect(listed).toMatchObject({ state: 'completed', signerCprMasked: '010180-****', hasSignedPdf: true, costOre: 850, canCancel: false });
    const signed = (await call(app, 'getSigningDocument', { id: requestId, which: 'signed' }, session));
    expect(Buffer.from(signed.base64, 'base64').equals(row.signed_pdf!)).toBe(true);
    expect(signed.fileName).toMatch(/underskrevet\.pdf$/);

    // Polling stops for a finished request; the audit trail never holds the full CPR.
    db.prepare('UPDATE signing_requests SET next_attempt_at = 0 WHERE id = ?').run(requestId);
    expect(await signing.worker.runDue()).toBe(0);
    expect(count(db, 'audit_log', "details LIKE ?", `%${karen.cpr}%`)).toBe(0);
    expect(count(db, 'audit_log', "action LIKE 'signing.%' AND record_id = ?", record.id)).toBeGreaterThanOrEqual(4);
  });

  it('a rejection moves the record to the rejected status and notifies; another citizen is refused', async () => {
    const app = apps.open();
    const { signing, notifications, record, requestId, session, d } = await requestSignature(app);
    const db = app.services.db;
    const href = signingRequest(db, requestId)!.signing_href!;
    const visitor = new SigningPageVisitor(href);
    expect((await visitor.post('/login', { uuid: soren.uuid })).status).toBe(403);
    expect((await visitor.post('/login', { uuid: karen.uuid })).status).toBe(303);
    await visitor.post('/reject', { reason: 'Forkert beløb' });
    (await call(app, 'refreshSigningRequests', { recordId: record.id }, session));
    await signing.worker.runDue();
    const row = signingRequest(db, requestId)!;
    expect(row.state).toBe('rejected');
    expect(row.outcome_note).toContain('Forkert beløb');
    expect(row.signed_pdf).toBeNull();
    expect((await call(app, 'getRecord', { id: record.id }, session)).statusId).toBe(d.status('Under behandling').id);
    expect(notifications.published.map((n) => n.kind)).toContain('signature_rejected');
    expect(sandbox.store.get(null, row.order_id!)!.status).toBe('CANCELLED');
    expect(app.services.costs.forRecord(record.id)).toEqual([]);
  });

  it('an expired order moves the record to the expired status', async () => {
    const app = apps.open();
    const { signing, notifications, record, requestId, session, d } = await requestSignature(app);
    const orderId = signingRequest(app.services.db, requestId)!.order_id!;
    const res = await fetch(`${sandbox.url.replace('/v1/graphql', '')}/sandbox/orders/${encodeURIComponent(orderId)}/expire`, { method: 'POST' });
    expect(res.status).toBe(200);
    (await call(app, 'refreshSigningRequests', { recordId: record.id }, session));
    await signing.worker.runDue();
    expect(signingRequest(app.services.db, requestId)!.state).toBe('expired');
    expect((await call(app, 'getRecord', { id: record.id }, session)).statusId).toBe(d.status('Under behandling').id);
    expect(notifications.published.map((n) => n.kind)).toContain('signature_expired');
  });

  it('a caseworker cancels an open request: the order is cancelled and the link stops working', async () => {
    const app = apps.open();
    const { signing, record, requestId, session } = await requestSignature(app);
    const cancelled = (await call(app, 'cancelSigningRequest', { id: requestId }, session));
    expect(cancelled.cancelRequested).toBe(true);
    await signing.worker.runDue();
    const row = signingRequest(app.services.db, requestId)!;
    expect(row.state).toBe('cancelled');
    expect(sandbox.store.get(null, row.order_id!)!.status).toBe('CANCELLED');
    expect((await new SigningPageVisitor(row.signing_href!).open()).html).toContain('annulleret');
    const again = await app.dispatch('cancelSigningRequest', { id: requestId }, session);
    expect(again.ok).toBe(false);
    expect((await call(app, 'listSigningRequests', { recordId: record.id }, session))[0]!.state).toBe('cancelled');
  });

  it('a record without a CPR number fails the job with a clear message and creates no request', async () => {
    const app = apps.open();
    const ctx = await setUp(app);
    const d = ctx.d;
    const bare = await createDemoRecord(app, ctx.session, { cpr: null });
    let current = (await call(app, 'getRecord', { id: bare.id }, ctx.session));
    current = (await call(app, 'changeStatus', { id: bare.id, version: current.version, toStatusId: d.status('Under behandling').id, comment: '' }, ctx.session));
    (await call(app, 'changeStatus', { id: bare.id, version: current.version, toStatusId: d.status('Afventer underskrift').id, comment: '' }, ctx.session));
    await app.services.jobs.runDue();
    expect(count(app.services.db, 'signing_requests', 'record_id = ?', bare.id)).toBe(0);
    const failed = app.services.db.prepare("SELECT last_error FROM jobs WHERE record_id = ? AND type = 'request_signature'").pluck().get(bare.id) as string;
    expect(failed).toContain('no CPR number');
  });

  it('wrong credentials fail the request after retries are exhausted, with the reason stored (no CPR)', async () => {
    const app = apps.open();
    const ctx = await setUp(app);
    app.services.integrationSettings.write('signatures', (await import('../../../src-main/signing/signing-settings')).signaturesSettingsSchema, {
      endpoint: sandbox.url,
      clientId: 'someone-else',
    });
    await ctx.toStatus('Under behandling');
    await ctx.toStatus('Afventer underskrift');
    await app.services.jobs.runDue();
    await ctx.signing.worker.runDue();
    const row = app.services.db.prepare('SELECT state, last_error FROM signing_requests WHERE record_id = ?').get(ctx.record.id) as { state: string; last_error: string };
    expect(row.state).toBe('failed');
    expect(row.last_error).toContain('client secret');
    // Stored as a code the renderer words, the provider's text kept only as technical detail.
    expect(decodeSigningError(row.last_error)?.code).toBe('credentials_missing');
    expect(ctx.notifications.published.map((n) => n.kind)).toEqual(['status_action_failed']);
  });

  it('an order Idura no longer knows (the sandbox restarted) fails the request with a clear reason instead of polling forever', async () => {
    const app = apps.open();
    const { signing, notifications, record, requestId, session } = await requestSignature(app);
    const fresh = await createSignaturesSimulator().start({ port: 0 });
    try {
      await call(app, 'saveSignaturesSettings', { endpoint: fresh.url, clientId: 'sandbox-signatures', priceOre: 800, expiresInDays: 30, acrValue: 'urn:grn:authn:dk:mitid:substantial' }, session);
      await call(app, 'refreshSigningRequests', { recordId: record.id }, session);
      await signing.worker.runDue();
      const row = signingRequest(app.services.db, requestId)!;
      expect(row.state).toBe('failed');
      expect(row.last_error).toContain('no longer knows the order');
      expect(decodeSigningError(row.last_error)).toMatchObject({ code: 'order_gone', params: {} });
      expect(notifications.published.map((n) => n.kind)).toEqual(['signature_requested', 'status_action_failed']);
    } finally {
      await fresh.close();
    }
  });

  it('refuses a plain-http endpoint on another host, so credentials never travel unencrypted', async () => {
    const app = apps.open();
    const session = demo(app).adminSession();
    const result = await app.dispatch(
      'saveSignaturesSettings',
      { endpoint: 'http://signatures.example.org/v1/graphql', clientId: 'x', priceOre: 800, expiresInDays: 30, acrValue: 'urn:grn:authn:dk:mitid:substantial' },
      session,
    );
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toContain('https');
    const nonAdmin = { userId: demo(app).user('Jens Nielsen').id };
    const refused = await app.dispatch('saveSignaturesSettings', { endpoint: 'https://signatures.idura.app/v1/graphql', clientId: 'x', priceOre: 800, expiresInDays: 30, acrValue: 'urn:grn:authn:dk:mitid:substantial' }, nonAdmin);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.code).toBe('not_allowed');
  });
});
