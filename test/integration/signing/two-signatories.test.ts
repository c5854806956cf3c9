import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from '../../../src-main/app/session';
import { EXAMPLE_LETTER, type MethodInput, type MethodName, type MethodResults } from '../../../src-main/contract';
import { createSignaturesSimulator, type RunningSignaturesSandbox } from '../../../src-main/sandbox/signatures/signatures-simulator';
import { TEST_CITIZENS } from '../../../src-main/sandbox/test-citizens';
import { createSigning } from '../../../src-main/signing/create-signing';
import { requestSignatureAction } from '../../../src-main/signing/request-signature-action';
import { signingRequest } from '../../../src-main/signing/signing-request-row';
import { count, createDemoRecord, demo, useTestApps, value, type TestApp } from '../helpers/test-app';
import { FakeDigitalPost, FakeDocuments, FakeNotifications } from './fakes';
import { SigningPageVisitor } from './fixtures';

// Two signatories on one "Request MitID signature" action, over real HTTP
// against the sandbox: the record's citizen signs first, the co-applicant
// (a second CPR field) after them (Idura's signingSequence); each is bound to
// their own CPR and gets their own link. The record moves only when both have
// signed and main's own check passed; the closed PDF is then checked by
// pdfsig and pyHanko as well.
const REPORT = resolve(process.cwd(), '../shared/tools/pyhanko/pdf-signature-report');
const [karen, soren] = [TEST_CITIZENS[0]!, TEST_CITIZENS[1]!];
let sandbox: RunningSignaturesSandbox;
let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'two-signatories-'));
  sandbox = await createSignaturesSimulator().start({ port: 0 });
  // The CA the validators trust, fetched as a validator would.
  writeFileSync(join(dir, 'ca.pem'), await (await fetch(new URL('/sandbox/ca.pem', sandbox.url))).text());
});
afterAll(async () => {
  await sandbox.close();
  rmSync(dir, { recursive: true, force: true });
});

const apps = useTestApps();
const call = async <M extends MethodName>(app: TestApp, method: M, input: MethodInput<M>, session: Session): Promise<MethodResults[M]> =>
  value(await app.dispatch(method, input, session)) as MethodResults[M];

async function setUp(app: TestApp, second: string | null) {
  const d = demo(app);
  const session = d.adminSession();
  const templateId = app.services.documents.templates.save({ name: 'Aftale', definition: EXAMPLE_LETTER }, d.admin.id);
  await call(app, 'saveSignaturesSettings', { endpoint: sandbox.url, clientId: 'sandbox-signatures', priceOre: 850, expiresInDays: 14, acrValue: 'urn:grn:authn:dk:mitid:substantial' }, session);
  await call(
    app,
    'saveField',
    { key: 'medansoger_cpr', label: 'Medansøgers CPR-nummer', type: 'cpr', required: false, options: [], role: null, showInList: false, sortOrder: 60 },
    session,
  );
  await call(
    app,
    'saveStatusAction',
    {
      statusId: d.status('Afventer underskrift').id,
      type: 'request_signature',
      name: 'Send aftale til underskrift',
      params: {
        templateId,
        cprFieldKey: null,
        secondCprFieldKey: 'medansoger_cpr',
        title: 'Fælles aftale',
        message: 'Underskriv aftalen',
        signedStatusId: d.status('Afsluttet').id,
        rejectedStatusId: d.status('Under behandling').id,
        expiredStatusId: null,
      },
      enabled: true,
      sortOrder: 5,
    },
    session,
  );
  const documents = new FakeDocuments();
  const digitalPost = new FakeDigitalPost();
  const notifications = new FakeNotifications();
  const s = app.services;
  const signing = createSigning({
    db: s.db, clock: s.clock, events: s.events, costs: s.costs, statusChanges: s.statusChanges, integrationSettings: s.integrationSettings,
    secrets: s.config.secrets, settings: s.config.settings, notifications, jobs: s.jobs, documents, digitalPost,
  });
  const record = await createDemoRecord(app, session, { cpr: karen.cpr, medansoger_cpr: second });
  for (const name of ['Under behandling', 'Afventer underskrift']) {
    const current = await call(app, 'getRecord', { id: record.id }, session);
    await call(app, 'changeStatus', { id: record.id, version: current.version, toStatusId: d.status(name).id, comment: '' }, session);
  }
  await app.services.jobs.runDue();
  return { d, session, signing, digitalPost, record };
}

function pdfsig(bytes: Buffer, name: string): string {
  const file = join(dir, name);
  writeFileSync(file, bytes);
  return spawnSync('/usr/bin/pdfsig', [file], { encoding: 'utf8' }).stdout;
}

interface Report {
  has_dss: boolean;
  doc_timestamps: number;
  signatures: { kind: string; intact: boolean; valid: boolean; trusted: boolean; has_signing_certificate_v2: boolean; has_cms_signing_time: boolean; signature_timestamp: boolean }[];
}
function pyhanko(bytes: Buffer, name: string): { exit: number; report: Report } {
  const file = join(dir, name);
  writeFileSync(file, bytes);
  const r = spawnSync(REPORT, ['--json', '--trust', join(dir, 'ca.pem'), file], { encoding: 'utf8', timeout: 120_000 });
  return { exit: r.status ?? -1, report: JSON.parse(r.stdout) as Report };
}

describe('two signatories on one order', () => {
  it('the first signs, then the second (not before); the record moves only after both and the check; the PDF has two intact trusted PAdES signatures', async () => {
    const app = apps.open();
    const { d, session, signing, digitalPost, record } = await setUp(app, soren.cpr);
    const db = app.services.db;
    const requestId = db.prepare('SELECT id FROM signing_requests WHERE record_id = ?').pluck().get(record.id) as number;
    await signing.worker.runDue();
    let row = signingRequest(db, requestId)!;
    expect(row.state).toBe('awaiting_signature');
    expect(row.second_signer_cpr).toBe(soren.cpr);

    // One order with two signatories in sequence, each bound to their own CPR.
    const order = sandbox.store.get(null, row.order_id!)!;
    expect(order.signatories.map((s) => [s.signingSequence, s.evidenceValidation])).toEqual([
      [1, [{ key: 'cprNumberIdentifier', value: karen.cpr, boolean: null }]],
      [2, [{ key: 'cprNumberIdentifier', value: soren.cpr, boolean: null }]],
    ]);
    expect(row.signatory_id).toBe(order.signatories[0]!.id);
    expect(row.second_signatory_id).toBe(order.signatories[1]!.id);
    expect(row.second_signing_href).not.toBe(row.signing_href);

    // Each gets their own letter with their own link.
    expect(digitalPost.letters.map((l) => [l.recipientCpr, l.actions?.[0]?.url])).toEqual([
      [karen.cpr, row.signing_href],
      [soren.cpr, row.second_signing_href],
    ]);
    expect([row.letter_message_id, row.second_letter_message_id]).toEqual(digitalPost.letters.map((l) => l.messageId));
    const view = (await call(app, 'listSigningRequests', { recordId: record.id }, session))[0]!;
    expect(view.secondSignerCprMasked).toBe('150265-****');
    expect(JSON.stringify(view)).not.toContain(soren.cpr);

    // The co-applicant cannot sign before the citizen.
    const early = await new SigningPageVisitor(row.second_signing_href!).loginAndSign(soren.uuid);
    expect(early.status).toBe(409);
    expect(early.html).toContain('Andre skal underskrive før dig');
    expect(sandbox.store.get(null, row.order_id!)!.signatories[1]!.status).toBe('OPEN');

    // The citizen signs: half signed, so the order stays open and the record stays.
    expect((await new SigningPageVisitor(row.signing_href!).loginAndSign(karen.uuid)).status).toBe(200);
    await call(app, 'refreshSigningRequests', { recordId: record.id }, session);
    await signing.worker.runDue();
    row = signingRequest(db, requestId)!;
    expect(row.state).toBe('awaiting_signature');
    expect(row.signed_pdf).toBeNull();
    expect(sandbox.store.get(null, row.order_id!)!.status).toBe('OPEN');
    expect((await call(app, 'getRecord', { id: record.id }, session)).statusId).toBe(d.status('Afventer underskrift').id);

    // The co-applicant signs: closed, checked, stored, moved.
    expect((await new SigningPageVisitor(row.second_signing_href!).loginAndSign(soren.uuid)).status).toBe(200);
    await call(app, 'refreshSigningRequests', { recordId: record.id }, session);
    await signing.worker.runDue();
    row = signingRequest(db, requestId)!;
    expect(row.state).toBe('completed');
    expect(sandbox.store.get(null, row.order_id!)!.status).toBe('CLOSED');
    expect((await call(app, 'getRecord', { id: record.id }, session)).statusId).toBe(d.status('Afsluttet').id);
    expect(app.services.costs.forRecord(record.id)).toEqual([expect.objectContaining({ kind: 'signature', amountOre: 850 })]);
    const audit = db.prepare("SELECT details FROM audit_log WHERE action = 'signing.order_created' AND record_id = ?").pluck().get(record.id) as string;
    expect(audit).toContain('150265-****');
    expect(audit).not.toContain(soren.cpr);

    const signed = row.signed_pdf!;
    const report = pdfsig(signed, 'signed.pdf');
    expect(report.match(/Signature Validation: Signature is Valid\./g)).toHaveLength(2);
    const { exit, report: hanko } = pyhanko(signed, 'signed.pdf');
    expect(exit).toBe(0);
    const signatures = hanko.signatures.filter((s) => s.kind === 'signature');
    expect(signatures).toHaveLength(2);
    for (const s of signatures) {
      expect(s).toMatchObject({ intact: true, valid: true, trusted: true, has_signing_certificate_v2: true, has_cms_signing_time: false, signature_timestamp: true });
    }
    expect(hanko.doc_timestamps).toBe(1);

    // One changed byte (page width 595 → 594 in the first revision): both tools call it broken.
    const tampered = Buffer.from(signed);
    const at = tampered.indexOf('/MediaBox [ 0 0 595');
    expect(at).toBeGreaterThan(0);
    tampered[at + '/MediaBox [ 0 0 59'.length]! ^= 0x01;
    expect(pdfsig(tampered, 'tampered.pdf')).not.toContain('Signature is Valid.');
    const broken = pyhanko(tampered, 'tampered.pdf');
    expect(broken.exit).not.toBe(0);
    expect(broken.report.signatures.filter((s) => s.kind === 'signature').every((s) => !s.intact)).toBe(true);
  }, 180_000);

  it('the co-applicant rejects after the citizen signed: rejected, the order cancelled, nothing stored', async () => {
    const app = apps.open();
    const { d, session, signing, record } = await setUp(app, soren.cpr);
    const db = app.services.db;
    await signing.worker.runDue();
    const row = db.prepare('SELECT * FROM signing_requests WHERE record_id = ?').get(record.id) as { id: number; signing_href: string; second_signing_href: string; order_id: string };
    await new SigningPageVisitor(row.signing_href).loginAndSign(karen.uuid);
    const second = new SigningPageVisitor(row.second_signing_href);
    expect((await second.post('/login', { uuid: soren.uuid })).status).toBe(303);
    await second.post('/reject', { reason: 'Ikke enig' });
    await call(app, 'refreshSigningRequests', { recordId: record.id }, session);
    await signing.worker.runDue();
    const after = signingRequest(db, row.id)!;
    expect(after.state).toBe('rejected');
    expect(after.outcome_note).toContain('Ikke enig');
    expect(after.signed_pdf).toBeNull();
    expect(sandbox.store.get(null, row.order_id)!.status).toBe('CANCELLED');
    expect((await call(app, 'getRecord', { id: record.id }, session)).statusId).toBe(d.status('Under behandling').id);
  });

  it("both signed but main's own check fails (sandbox fault switch): not stored, the record stays, the request waits for the caseworker", async () => {
    const app = apps.open();
    const { d, session, signing, record } = await setUp(app, soren.cpr);
    const db = app.services.db;
    await signing.worker.runDue();
    const row = db.prepare('SELECT * FROM signing_requests WHERE record_id = ?').get(record.id) as { id: number; signing_href: string; second_signing_href: string };
    await fetch(new URL('/sandbox/faults', sandbox.url), { method: 'POST', body: JSON.stringify({ brokenSignature: true }) });
    try {
      expect((await new SigningPageVisitor(row.signing_href).loginAndSign(karen.uuid)).status).toBe(200);
      expect((await new SigningPageVisitor(row.second_signing_href).loginAndSign(soren.uuid)).status).toBe(200);
      await call(app, 'refreshSigningRequests', { recordId: record.id }, session);
      await signing.worker.runDue();
    } finally {
      await fetch(new URL('/sandbox/faults', sandbox.url), { method: 'POST', body: JSON.stringify({ brokenSignature: false }) });
    }
    const after = signingRequest(db, row.id)!;
    expect(after.state).toBe('signature_invalid');
    expect(after.signed_pdf).toBeNull();
    expect(after.last_error).toMatch(/the document was changed after it was signed|dokumentet er ændret efter underskriften/); // the test app's language
    expect((await call(app, 'getRecord', { id: record.id }, session)).statusId).toBe(d.status('Afventer underskrift').id);
    expect(app.services.costs.forRecord(record.id)).toEqual([]);
  });

  it('an empty second CPR field fails the job with a Danish message and creates no request and no order', async () => {
    const app = apps.open();
    const orders = () => (sandbox.store as unknown as { orders: Map<string, unknown> }).orders.size;
    const ordersBefore = orders();
    const { record } = await setUp(app, null);
    expect(count(app.services.db, 'signing_requests', 'record_id = ?', record.id)).toBe(0);
    const job = app.services.db.prepare("SELECT status, last_error FROM jobs WHERE record_id = ? AND type = 'request_signature'").get(record.id) as { status: string; last_error: string };
    expect(job.status).toBe('failed');
    expect(job.last_error).toContain('Sagen har intet CPR-nummer i "Medansøgers CPR-nummer", så den anden underskriver kan ikke bedes om at underskrive');
    expect(orders()).toBe(ordersBefore);
  });
});

it('checks the second CPR field and carries it through export/import by field key', () => {
  const app = apps.open();
  const d = demo(app);
  const templateId = app.services.documents.templates.save({ name: 'Aftale', definition: EXAMPLE_LETTER }, d.admin.id);
  app.services.workspace.saveField({ key: 'medansoger_cpr', label: 'Medansøgers CPR-nummer', type: 'cpr', required: false, options: [], role: null, showInList: false, sortOrder: 60 });
  const ws = app.services.workspace.snapshot();
  const dir = app.services.directory;
  const own = d.status('Afventer underskrift').id;
  const params = requestSignatureAction.params.parse({ templateId, title: 'Fælles aftale', secondCprFieldKey: 'medansoger_cpr' });
  expect(requestSignatureAction.params.parse({ templateId, title: 'x' }).secondCprFieldKey).toBeNull();
  expect(requestSignatureAction.check(params, ws, dir, own)).toBeNull();
  expect(requestSignatureAction.check({ ...params, secondCprFieldKey: 'navn' }, ws, dir, own)).toBe('"navn" is not a CPR field');
  expect(requestSignatureAction.check({ ...params, secondCprFieldKey: 'findes_ikke' }, ws, dir, own)).toBe('unknown field "findes_ikke"');
  expect(requestSignatureAction.check({ ...params, secondCprFieldKey: 'cpr' }, ws, dir, own)).toBe('the second signatory needs another CPR field than the first');
  expect(requestSignatureAction.describe(params, ws, dir, 'da')).toBe('Borgeren og derefter "Medansøgers CPR-nummer" bedes underskrive "Fælles aftale" med MitID');
  const portable = requestSignatureAction.toPortable(params, dir, ws);
  expect(portable).toMatchObject({ secondCprFieldKey: 'medansoger_cpr' });
  expect(requestSignatureAction.fromPortable(portable, dir, ws, own)).toEqual(params);
  // A file from before the second signatory (no key) imports as one signatory.
  const { secondCprFieldKey: _dropped, ...older } = portable as Record<string, unknown>;
  expect(requestSignatureAction.fromPortable(older, dir, ws, own).secondCprFieldKey).toBeNull();
});
