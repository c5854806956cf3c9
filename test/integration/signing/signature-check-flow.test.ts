import type { Session } from '../../../src-main/app/session';
import { decodeSigningError } from '../../../src-main/signing/signing-error';
import { EXAMPLE_LETTER, type MethodInput, type MethodName, type MethodResults } from '../../../src-main/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSignaturesSimulator, type RunningSignaturesSandbox } from '../../../src-main/sandbox/signatures/signatures-simulator';
import { TEST_CITIZENS } from '../../../src-main/sandbox/test-citizens';
import { createSigning } from '../../../src-main/signing/create-signing';
import { signingRequest } from '../../../src-main/signing/signing-request-row';
import { count, createDemoRecord, demo, useTestApps, value, type TestApp } from '../helpers/test-app';
import { FakeDigitalPost, FakeDocuments, FakeNotifications } from './fakes';
import { SigningPageVisitor } from './fixtures';

// Issue 12: main checks the signed PDF it receives before it stores it and
// moves the record. The sandbox's fault switch returns a PDF whose signatures
// are broken; the app must refuse it, say why in Danish, leave the record
// where it is and keep the request open for the caseworker's decision.
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
const faults = (brokenSignature: boolean) =>
  fetch(new URL('/sandbox/faults', sandbox.url), { method: 'POST', body: JSON.stringify({ brokenSignature }) });

async function signedByKaren(app: TestApp) {
  const d = demo(app);
  const session = d.adminSession();
  app.services.config.settings.update({ language: 'da' });
  // The action must name a template that exists; the fake documents service generates from it.
  const templateId = app.services.documents.templates.save({ name: 'Aftale', definition: EXAMPLE_LETTER }, d.admin.id);
  await call(app, 'saveSignaturesSettings', { endpoint: sandbox.url, clientId: 'sandbox-signatures', priceOre: 800, expiresInDays: 14, acrValue: 'urn:grn:authn:dk:mitid:substantial' }, session);
  await call(
    app,
    'saveStatusAction',
    {
      statusId: d.status('Afventer underskrift').id,
      type: 'request_signature',
      name: 'Send aftale til underskrift',
      params: { templateId, cprFieldKey: null, title: 'Aftale om tilskud', message: '', signedStatusId: d.status('Afsluttet').id, rejectedStatusId: null, expiredStatusId: null },
      enabled: true,
      sortOrder: 5,
    },
    session,
  );
  const notifications = new FakeNotifications();
  const s = app.services;
  const signing = createSigning({
    db: s.db, clock: s.clock, events: s.events, costs: s.costs, statusChanges: s.statusChanges, integrationSettings: s.integrationSettings,
    secrets: s.config.secrets, settings: s.config.settings, notifications, jobs: s.jobs, documents: new FakeDocuments(), digitalPost: new FakeDigitalPost(),
  });
  const record = await createDemoRecord(app, session, { cpr: karen.cpr });
  for (const name of ['Under behandling', 'Afventer underskrift']) {
    const current = await call(app, 'getRecord', { id: record.id }, session);
    await call(app, 'changeStatus', { id: record.id, version: current.version, toStatusId: d.status(name).id, comment: '' }, session);
  }
  await s.jobs.runDue();
  await signing.worker.runDue();
  const requestId = s.db.prepare('SELECT id FROM signing_requests WHERE record_id = ?').pluck().get(record.id) as number;
  const href = signingRequest(s.db, requestId)!.signing_href!;
  expect((await new SigningPageVisitor(href).loginAndSign(karen.uuid)).status).toBe(200);
  await call(app, 'refreshSigningRequests', { recordId: record.id }, session);
  await signing.worker.runDue();
  return { d, session, signing, notifications, record, requestId };
}

describe("main's own check of the signed document", () => {
  it('a PDF whose signatures are broken is not stored, the record does not move, the caseworker is told why in Danish, and can cancel', async () => {
    expect((await faults(true)).status).toBe(200);
    const app = apps.open();
    try {
      const { d, session, signing, notifications, record, requestId } = await signedByKaren(app);
      const db = app.services.db;
      let row = signingRequest(db, requestId)!;
      expect(sandbox.store.get(null, row.order_id!)!.status).toBe('CLOSED');
      expect(row.state).toBe('signature_invalid');
      expect(row.signed_pdf).toBeNull();
      expect(row.finished_at).toBeNull();
      expect(row.last_error).toContain('dokumentet er ændret efter underskriften');
      expect(decodeSigningError(row.last_error)).toMatchObject({ code: 'signature_refused', params: { problems: expect.arrayContaining(['digest_mismatch']) } });
      expect((await call(app, 'getRecord', { id: record.id }, session)).statusId).toBe(d.status('Afventer underskrift').id);
      expect(app.services.costs.forRecord(record.id)).toEqual([]);
      const told = notifications.published.find((n) => n.kind === 'status_action_failed');
      expect(told?.message).toMatch(/^Det underskrevne dokument "Aftale om tilskud" blev ikke godkendt og er ikke gemt .*dokumentet er ændret efter underskriften/);
      expect(JSON.stringify(notifications.published)).not.toContain(karen.cpr);
      expect(count(db, 'audit_log', "action = 'signing.signature_refused' AND record_id = ?", record.id)).toBe(1);

      // It waits for a decision: polling does not pick it up again.
      expect(await signing.worker.runDue()).toBe(0);
      const [listed] = await call(app, 'listSigningRequests', { recordId: record.id }, session);
      expect(listed).toMatchObject({ state: 'signature_invalid', hasSignedPdf: false, canCancel: true });

      // The caseworker cancels it: the request ends, the record stays.
      await call(app, 'cancelSigningRequest', { id: requestId }, session);
      await signing.worker.runDue();
      row = signingRequest(db, requestId)!;
      expect(row.state).toBe('cancelled');
      expect(row.signed_pdf).toBeNull();
      expect((await call(app, 'getRecord', { id: record.id }, session)).statusId).toBe(d.status('Afventer underskrift').id);
    } finally {
      await faults(false);
    }
  });

  it('the same flow without the fault: the check passes, and only then is the PDF stored and the record moved', async () => {
    const app = apps.open();
    const { d, session, record, requestId } = await signedByKaren(app);
    const row = signingRequest(app.services.db, requestId)!;
    expect(row.state).toBe('completed');
    expect(row.signed_pdf!.toString('latin1')).toContain('/ETSI.RFC3161');
    expect((await call(app, 'getRecord', { id: record.id }, session)).statusId).toBe(d.status('Afsluttet').id);
  });
});
