import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CriiptoSignatures } from '@criipto/signatures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSignaturesSimulator, SANDBOX_SIGNATURES_CREDENTIALS, type RunningSignaturesSandbox } from '../../../src-main/sandbox/signatures/signatures-simulator';
import { TEST_CITIZENS } from '../../../src-main/sandbox/test-citizens';
import { SigningPageVisitor, smallPdf } from '../signing/fixtures';
import { graphqlCall } from './helpers';

// Idura's order rules, through the official SDK and the signing page, over real HTTP.
let sandbox: RunningSignaturesSandbox;
let sdk: CriiptoSignatures;
let tmp: string;
const [karen, soren] = [TEST_CITIZENS[0]!, TEST_CITIZENS[1]!];
type CreateInput = Parameters<CriiptoSignatures['createSignatureOrder']>[0];

beforeAll(async () => {
  sandbox = await createSignaturesSimulator().start({ port: 0 });
  sdk = new CriiptoSignatures(SANDBOX_SIGNATURES_CREDENTIALS.clientId, SANDBOX_SIGNATURES_CREDENTIALS.clientSecret, { endpoint: sandbox.url });
  tmp = mkdtempSync(join(tmpdir(), 'sig-rules-'));
});
afterAll(async () => {
  await sandbox.close();
  rmSync(tmp, { recursive: true, force: true });
});

async function create(extra: Partial<CreateInput> = {}) {
  return sdk.createSignatureOrder({
    title: 'Regler',
    documents: [{ pdf: { title: 'Aftale', blob: Buffer.from(await smallPdf()), storageMode: 'Temporary' } }],
    ...extra,
  } as CreateInput);
}

const signAs = async (href: string, uuid: string) => new SigningPageVisitor(href).loginAndSign(uuid);

function pdfText(pdf: Buffer): string {
  const file = join(tmp, `${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' });
}

describe('signatories', () => {
  it('adds one and several, changes one, deletes one (its link dies, it reads DELETED)', async () => {
    const order = await create();
    const a = await sdk.addSignatory(order.id, { reference: 'a' });
    const [b, c] = await sdk.addSignatories(order.id, { signatories: [{ reference: 'b' }, { reference: 'c', signingAs: 'Formand' }] });
    expect([a.reference, b!.reference, c!.signingAs]).toEqual(['a', 'b', 'Formand']);
    const changed = await sdk.changeSignatory(b!.id, { reference: 'b2', evidenceValidation: [{ key: 'cprNumberIdentifier', value: karen.cpr }] });
    expect(changed.reference).toBe('b2');
    expect((await signAs(changed.href, soren.uuid)).status).toBe(403); // the change binds b to Karen
    await sdk.deleteSignatory(order.id, c!.id);
    expect((await sdk.querySignatureOrder(order.id))!.signatories.map((s) => s.reference)).toEqual(['a', 'b2']);
    expect((await sdk.querySignatory(c!.id))!.status).toBe('DELETED');
    expect((await fetch(c!.href)).status).toBe(404);
  });

  it('enforces maxSignatories, which cannot change after the first signer', async () => {
    const order = await create({ maxSignatories: 1, signatories: [{}] });
    await expect(sdk.addSignatory(order.id)).rejects.toThrow('at most 1 signatories (maxSignatories)');
    await expect(create({ maxSignatories: 1, signatories: [{}, {}] })).rejects.toThrow('maxSignatories');
    const more = await sdk.changeSignatureOrder({ signatureOrderId: order.id, maxSignatories: 2 });
    expect(more.maxSignatories).toBe(2);
    await signAs(order.signatories[0]!.href, karen.uuid);
    await expect(sdk.changeSignatureOrder({ signatureOrderId: order.id, maxSignatories: 3 })).rejects.toThrow('cannot be changed after the first signer');
  });

  it('uniqueEvidenceKey: one person cannot sign two slots (without it, they can)', async () => {
    const strict = await create({ evidenceProviders: [{ criiptoVerify: { uniqueEvidenceKey: 'sub' } }], signatories: [{}, {}] });
    expect((await signAs(strict.signatories[0]!.href, karen.uuid)).html).toContain('The document is signed');
    const again = await new SigningPageVisitor(strict.signatories[1]!.href).post('/login', { uuid: karen.uuid });
    expect(again.status).toBe(403);
    expect(again.html).toContain('The same person cannot sign twice');
    expect((await signAs(strict.signatories[1]!.href, soren.uuid)).html).toContain('The document is signed');

    const lax = await create({ signatories: [{}, {}] });
    await signAs(lax.signatories[0]!.href, karen.uuid);
    expect((await signAs(lax.signatories[1]!.href, karen.uuid)).html).toContain('The document is signed');
  });

  it('signing sequence: the lower number signs first', async () => {
    const order = await create({ signatories: [{ reference: 'second', signingSequence: 20 }, { reference: 'first', signingSequence: 10 }] });
    const [second, first] = order.signatories;
    expect([second!.signingSequence.initialNumber, first!.signingSequence.initialNumber]).toEqual([20, 10]);
    const waiting = new SigningPageVisitor(second!.href);
    await waiting.post('/login', { uuid: soren.uuid });
    expect((await waiting.open()).html).toContain('Others must sign before you');
    expect((await waiting.post('/sign', {})).status).toBe(409);
    await signAs(first!.href, karen.uuid);
    expect((await waiting.post('/sign', {})).html).toContain('The document is signed');
    const closed = await sdk.closeSignatureOrder(order.id);
    expect(closed.documents[0]!.signatures).toHaveLength(2);
  });

  it('roles: an approver must approve before close and does not sign; a viewer only views', async () => {
    const order = await create({ signatories: [{ signatoryRole: 'APPROVER' }, { signatoryRole: 'SIGNER' }, { signatoryRole: 'VIEWER' }] });
    const [approver, signer, viewer] = order.signatories;
    await signAs(signer!.href, karen.uuid);
    await expect(sdk.closeSignatureOrder(order.id)).rejects.toThrow('before every approver has approved');
    const approving = new SigningPageVisitor(approver!.href);
    await approving.post('/login', { uuid: soren.uuid });
    expect((await approving.open()).html).toContain('choose whether to approve');
    expect((await approving.post('/sign', {})).status).toBe(409); // approvers have no sign action
    expect((await approving.post('/approve', {})).html).toContain('You have approved the document');
    expect((await sdk.querySignatory(approver!.id))!.status).toBe('APPROVED');
    const viewing = new SigningPageVisitor(viewer!.href);
    await viewing.post('/login', { uuid: soren.uuid });
    const page = (await viewing.open()).html;
    expect(page).toContain('You are not asked to sign it');
    expect(page).not.toContain('action="/sign/');
    const closed = await sdk.closeSignatureOrder(order.id);
    expect(closed.documents[0]!.signatures!.map((s) => s.signatory?.id)).toEqual([signer!.id]);
    const another = await create();
    await expect(sdk.addSignatory(another.id, { signatoryRole: 'APPROVER', documents: [{ id: another.documents[0]!.id, preapproved: true }] })).rejects.toThrow(
      'Documents cannot be preapproved for an approver',
    );
  });

  it('signActingAs signs a preapproved signatory with noop evidence', async () => {
    const order = await create({ evidenceProviders: [{ noop: { name: 'test' } }] });
    const noop = order.evidenceProviders.find((p) => p.__typename === 'NoopSignatureEvidenceProvider')!;
    const notPreapproved = await sdk.addSignatory(order.id);
    await expect(sdk.signActingAs(notPreapproved.id, { evidence: { id: noop.id, noop: true } })).rejects.toThrow('preapproved');
    const s = await sdk.addSignatory(order.id, { documents: [{ id: order.documents[0]!.id, preapproved: true }] });
    const signed = await sdk.signActingAs(s.id, { evidence: { id: noop.id, noop: true } });
    expect(signed.status).toBe('SIGNED');
    const closed = await sdk.closeSignatureOrder(order.id);
    expect(closed.documents[0]!.signatures!.map((x) => x.__typename)).toEqual(['EmptySignature']);
  });

  it('allOf: MitID and a drawing make one CompositeSignature', async () => {
    const order = await create({
      disableVerifyEvidenceProvider: true,
      evidenceProviders: [{ allOf: { providers: [{ criiptoVerify: {} }, { drawable: { requireName: true } }] } }],
      signatories: [{}],
    });
    expect(order.evidenceProviders.map((p) => p.__typename)).toEqual(['AllOfSignatureEvidenceProvider']);
    const v = new SigningPageVisitor(order.signatories[0]!.href);
    expect((await v.post('/sign', {})).status).toBe(401); // MitID first
    await v.post('/login', { uuid: karen.uuid });
    expect((await v.post('/sign', {})).status).toBe(409); // the drawing is missing
    expect((await v.post('/sign-all', { name: 'Karen H.' })).html).toContain('The document is signed');
    const closed = await sdk.closeSignatureOrder(order.id);
    const sig = closed.documents[0]!.signatures![0] as unknown as { __typename: string; signatures: { jwt?: string; name?: string; image?: Buffer }[] };
    expect(sig.__typename).toBe('CompositeSignature');
    // The SDK selects no __typename inside a composite: the JWT part has jwt, the drawing name and image.
    expect(sig.signatures[0]!.jwt?.split('.')).toHaveLength(3);
    expect(sig.signatures[1]).toMatchObject({ name: 'Karen H.' });
    expect(sig.signatures[1]!.image).toBeTruthy();
  });

  it('a batch signatory signs two orders with one login', async () => {
    const [a, b] = [await create({ signatories: [{}] }), await create({ signatories: [{}] })];
    const batch = await sdk.createBatchSignatory({ items: [a, b].map((o) => ({ signatoryId: o.signatories[0]!.id, signatureOrderId: o.id })) });
    expect(batch.href).toMatch(/\/batch\/[\w-]+$/);
    const visitor = new SigningPageVisitor(batch.href);
    expect((await visitor.post('/login', { uuid: karen.uuid })).status).toBe(303);
    expect((await visitor.post('/sign', {})).html).toContain('The document is signed');
    for (const o of [a, b]) expect((await sdk.querySignatureOrder(o.id))!.signatories[0]!.status).toBe('SIGNED');
  });
});

describe('evidence providers', () => {
  it("refuses e-IDs this MitID-only tenant lacks, with Idura's error, and signs at the level asked for", async () => {
    await expect(create({ evidenceProviders: [{ criiptoVerify: { acrValues: ['urn:grn:authn:se:bankid:same-device'] } }] })).rejects.toThrow(
      'Invalid acrValues: urn:grn:authn:se:bankid:same-device is not enabled for this tenant',
    );
    const high = await create({ evidenceProviders: [{ criiptoVerify: { acrValues: ['urn:grn:authn:dk:mitid:high'] } }], signatories: [{}] });
    await signAs(high.signatories[0]!.href, karen.uuid);
    const closed = await sdk.closeSignatureOrder(high.id);
    const claims = (closed.documents[0]!.signatures![0] as unknown as { claims: { name: string; value: string }[] }).claims;
    expect(claims.find((c) => c.name === 'authenticationtype')?.value).toBe('urn:grn:authn:dk:mitid:high');
  });

  it('shows the MitID message (message or loginHint message:) and refuses login hints it cannot honour', async () => {
    const withMessage = await create({ evidenceProviders: [{ criiptoVerify: { loginHint: `message:${Buffer.from('Underskriv aftalen').toString('base64')}` } }], signatories: [{}] });
    expect((await new SigningPageVisitor(withMessage.signatories[0]!.href).open()).html).toContain('<q>Underskriv aftalen</q>');
    await expect(create({ evidenceProviders: [{ criiptoVerify: { loginHint: 'appswitch:ios' } }] })).rejects.toThrow('not supported by the Sandbox: loginHint "appswitch"');
    // sub:<CPR> prefills the person: the sandbox offers that citizen first.
    const prefilled = await create({ evidenceProviders: [{ criiptoVerify: { loginHint: `sub:${soren.cpr}` } }], signatories: [{}] });
    const page = (await new SigningPageVisitor(prefilled.signatories[0]!.href).open()).html;
    expect(page.indexOf(`data-citizen="${soren.name}" data-prefilled="true"`)).toBeGreaterThan(-1);
    expect(page.indexOf(soren.name)).toBeLessThan(page.indexOf(karen.name));
  });

  it("scope without ssn gives no CPR claim, so CPR evidence validation cannot match (Idura's dynamic scope)", async () => {
    const order = await create({ evidenceProviders: [{ criiptoVerify: { scope: 'openid' } }], signatories: [{ evidenceValidation: [{ key: 'cprNumberIdentifier', value: karen.cpr }] }] });
    expect((await new SigningPageVisitor(order.signatories[0]!.href).post('/login', { uuid: karen.uuid })).status).toBe(403);
    const ssn = await create({ evidenceProviders: [{ criiptoVerify: { scope: 'openid ssn' } }], signatories: [{ evidenceValidation: [{ key: 'cprNumberIdentifier', value: karen.cpr }] }] });
    expect((await new SigningPageVisitor(ssn.signatories[0]!.href).post('/login', { uuid: karen.uuid })).status).toBe(303);
    await expect(create({ evidenceProviders: [{ criiptoVerify: { scope: 'openid address' } }] })).rejects.toThrow('not supported by the Sandbox: scope address');
  });
});

describe('the signing page follows ui', () => {
  it('speaks every Language value: Danish, English, and Swedish/Norwegian in English with a visible note', async () => {
    const pages: Record<string, string> = {};
    for (const language of ['DA_DK', 'EN_US', 'SV_SE', 'NB_NO'] as const) {
      const order = await create({ ui: { language }, signatories: [{}] });
      pages[language] = (await new SigningPageVisitor(order.signatories[0]!.href).open()).html;
    }
    expect(pages.DA_DK).toContain('<html lang="da">');
    expect(pages.DA_DK).toContain('Log på med MitID for at læse');
    expect(pages.EN_US).toContain('Log in with MitID to read');
    expect(pages.EN_US).not.toContain('language-fallback');
    expect(pages.SV_SE).toContain('Swedish (SV_SE) is not translated in the Sandbox: shown in English.');
    expect(pages.NB_NO).toContain('Norwegian (NB_NO) is not translated in the Sandbox: shown in English.');
    expect(pages.NB_NO).toContain('Log in with MitID to read');
  });

  it('shows the logo and stylesheet, offers cancel, hides rejection, and redirects after signing, rejecting or cancelling', async () => {
    const ui = {
      language: 'DA_DK' as const,
      logo: { src: 'https://example.org/logo.svg', href: 'https://example.org' },
      stylesheet: 'https://example.org/custom.css',
      signatoryRedirectUri: 'https://example.org/done',
      enableCancel: true,
    };
    const order = await create({ ui, signatories: [{}, {}, { ui: { ...ui, disableRejection: true } }] });
    const [signer, rejecter, noReject] = order.signatories;
    const v = new SigningPageVisitor(signer!.href);
    const login = (await v.open()).html;
    expect(login).toContain('<a href="https://example.org"><img src="https://example.org/logo.svg"');
    expect(login).toContain('<link rel="stylesheet" href="https://example.org/custom.css"');
    await v.post('/login', { uuid: karen.uuid });
    expect((await v.open()).html).toContain('data-testid="cancel"');
    const cancelled = await fetch(`${signer!.href}/cancel`, { method: 'POST', redirect: 'manual', body: '' });
    expect([cancelled.status, cancelled.headers.get('location')]).toEqual([303, 'https://example.org/done']);
    const signed = await fetch(`${signer!.href}/sign`, { method: 'POST', redirect: 'manual', headers: { cookie: (v as unknown as { cookie: string }).cookie } });
    expect([signed.status, signed.headers.get('location')]).toEqual([303, 'https://example.org/done']);
    const r = new SigningPageVisitor(rejecter!.href);
    await r.post('/login', { uuid: soren.uuid });
    const rejected = await r.post('/reject', { reason: 'nej' });
    expect(rejected.status).toBe(303);
    const n = new SigningPageVisitor(noReject!.href);
    await n.post('/login', { uuid: TEST_CITIZENS[2]!.uuid });
    expect((await n.open()).html).not.toContain('/reject');
    await expect(create({ ui: { logo: { src: 'http://example.org/logo.svg' } } })).rejects.toThrow('ui.logo.src must be an absolute HTTPS URL');
    await expect(create({ ui: { stylesheet: '/local.css' } })).rejects.toThrow('ui.stylesheet must be an absolute HTTPS URL');
  });
});

describe('documents', () => {
  it('signatureAppearance and displayDocumentID change the signed PDF', async () => {
    const order = await sdk.createSignatureOrder({
      title: 'Udseende',
      documents: [{ pdf: { title: 'Aftale', blob: Buffer.from(await smallPdf()), storageMode: 'Temporary', displayDocumentID: 'TOP' } }],
      signatureAppearance: {
        identifierFromEvidence: ['cprNumberIdentifier'],
        displayName: [{ template: '{{name}} for {{company}}', replacements: [{ placeholder: 'name', fromEvidence: ['name'] }, { placeholder: 'company', fromEvidence: ['2.5.4.10'] }] }, { template: 'Underskriver {{name}}', replacements: [{ placeholder: 'name', fromEvidence: ['name'] }] }],
        headerLeft: [{ template: 'Dato {{$timestamp.YYYY}}-{{$timestamp.MM}}-{{$timestamp.DD}}', replacements: [] }],
        footer: [{ template: 'Dokument {{$document.id}}', replacements: [] }],
      },
      signatories: [{}],
    });
    await signAs(order.signatories[0]!.href, karen.uuid);
    const closed = await sdk.closeSignatureOrder(order.id);
    const doc = closed.documents[0]! as unknown as { blob: Buffer; documentID: string };
    const text = pdfText(doc.blob);
    expect(text).toContain(`Document ID: ${doc.documentID}`);
    expect(text).toContain('Underskriver Karen Holm'); // the company template has no 2.5.4.10 claim: the fallback wins
    expect(text).toContain(`Dato ${new Date().toISOString().slice(0, 10)}`);
    expect(text).toContain(`Dokument ${doc.documentID}`);
    expect(text).toContain(karen.cpr);
  });

  it('validateDocument tells a PDF from something else', async () => {
    expect(await sdk.validateDocument({ pdf: Buffer.from(await smallPdf()) })).toMatchObject({ valid: true, errors: [] });
    expect(await sdk.validateDocument({ pdf: Buffer.from('not a pdf') })).toMatchObject({ valid: false, errors: ['The document is not a PDF.'] });
  });

  it('expiry: one of expiresInDays/expiresAt, extend adds days, an expired link explains itself', async () => {
    await expect(create({ expiresInDays: 5, expiresAt: new Date(Date.now() + 86400_000).toISOString() })).rejects.toThrow('either expiresInDays or expiresAt');
    const order = await create({ expiresInDays: 2, signatories: [{}] });
    const extended = await sdk.extendSignatureOrder(order.id, { additionalExpirationInDays: 3 });
    expect(Date.parse(extended.expiresAt) - Date.parse(order.expiresAt)).toBe(3 * 86400_000);
    await expect(sdk.extendSignatureOrder(order.id, { additionalExpirationInDays: 31 })).rejects.toThrow('between 1 and 30');
    await fetch(`${new URL(sandbox.url).origin}/sandbox/orders/${encodeURIComponent(order.id)}/expire`, { method: 'POST' });
    expect((await sdk.querySignatureOrder(order.id))!.status).toBe('EXPIRED');
    expect((await new SigningPageVisitor(order.signatories[0]!.href).open()).html).toContain('The link has expired');
  });

  it('downloadHref: after a close with retention the signer downloads the signed PDF after a MitID login, nobody else', async () => {
    const order = await create({ signatories: [{}] });
    expect(order.signatories[0]!.downloadHref).toBeNull();
    await signAs(order.signatories[0]!.href, karen.uuid);
    const closed = await sdk.closeSignatureOrder(order.id, { retainDocumentsForDays: 1 });
    const href = (await sdk.querySignatory(order.signatories[0]!.id))!.downloadHref!;
    expect(href).toMatch(/\/download\/[\w-]+$/);
    const stranger = new SigningPageVisitor(href);
    expect((await stranger.post('/login', { uuid: soren.uuid })).status).toBe(403);
    const signer = new SigningPageVisitor(href);
    expect((await signer.open()).html).toContain('Log in with MitID to download');
    expect((await signer.post('/login', { uuid: karen.uuid })).status).toBe(303);
    expect((await signer.open()).html).toContain('/documents/0');
    const pdf = await fetch(`${href}/documents/0`, { headers: { cookie: (signer as unknown as { cookie: string }).cookie } });
    expect(Buffer.from(await pdf.arrayBuffer()).equals((closed.documents[0] as unknown as { blob: Buffer }).blob)).toBe(true);
    await sdk.cleanupSignatureOrder(order.id);
    expect((await sdk.querySignatory(order.signatories[0]!.id))!.downloadHref).toBeNull();
    expect((await fetch(href)).status).toBe(404);
  });

  it('cleanup removes retained documents', async () => {
    const order = await create({ signatories: [{}] });
    await signAs(order.signatories[0]!.href, karen.uuid);
    await sdk.closeSignatureOrder(order.id, { retainDocumentsForDays: 2 });
    const kept = (await sdk.querySignatureOrder(order.id, true)) as unknown as { documents: { blob: Buffer | null }[] };
    expect(kept.documents[0]!.blob).toBeTruthy();
    await sdk.cleanupSignatureOrder(order.id);
    await sdk.cleanupSignatureOrder(order.id); // idempotent, as the docs promise
    const gone = (await sdk.querySignatureOrder(order.id, true)) as unknown as { documents: { blob: Buffer | null }[] };
    expect(gone.documents[0]!.blob).toBeNull();
  });
});

describe('operations the sandbox does not simulate', () => {
  it('answer "not supported by the Sandbox: <operation>", never a validation error', async () => {
    const cases: [string, string][] = [
      ['createApplication', 'mutation { createApplication(input: { tenantId: "t", name: "n", verifyApplicationDomain: "d", verifyApplicationEnvironment: TEST, verifyApplicationRealm: "r" }) { apiKey { clientId } } }'],
      ['tenant', '{ tenant(id: "t") { id } }'],
      ['rejectSignatureOrder', 'mutation { rejectSignatureOrder(input: { dummy: true }) { viewer { id } } }'],
    ];
    for (const [name, query] of cases) {
      const result = await graphqlCall(sandbox.url, SANDBOX_SIGNATURES_CREDENTIALS, query);
      expect(result.errors?.map((e) => e.message)).toEqual([`not supported by the Sandbox: ${name}`]);
    }
    await expect(create({ evidenceProviders: [{ oidc: { name: 'x', domain: 'd', clientID: 'c', audience: 'a', acrValues: [] } }] } as unknown as Partial<CreateInput>)).rejects.toThrow(
      'not supported by the Sandbox: evidenceProviders.oidc',
    );
  });
});
