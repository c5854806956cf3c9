import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CriiptoSignatures } from '@criipto/signatures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PDFArray, PDFDict, PDFDocument, PDFName, rectangle, stroke } from 'pdf-lib';
import { PadesSigner, type PdfSignatory } from '../../../src-main/sandbox/signatures/pades-signer';
import { loadOrCreateSandboxPki } from '../../../src-main/sandbox/signatures/pki/sandbox-pki';
import { createSignaturesSimulator, SANDBOX_SIGNATURES_CREDENTIALS, type RunningSignaturesSandbox } from '../../../src-main/sandbox/signatures/signatures-simulator';
import { TEST_CITIZENS } from '../../../src-main/sandbox/test-citizens';
import { certificatesFromPem, checkSignedPdf } from '../../../src-main/signing/signed-pdf-check';
import { SigningPageVisitor, smallPdf } from './fixtures';

// Issue 12 evidence: the sandbox's closed PDF is PAdES B-LTA, judged by two
// independent validators (poppler's pdfsig and pyHanko's pdf-signature-report)
// and by the app's own check; one changed byte breaks it for all three.

const REPORT = resolve(process.cwd(), '../shared/tools/pyhanko/pdf-signature-report');
const [karen, soren] = [TEST_CITIZENS[0]!, TEST_CITIZENS[1]!];
let sandbox: RunningSignaturesSandbox;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pades-'));
  sandbox = await createSignaturesSimulator({ pkiDir: join(dir, 'pki') }).start({ port: 0 });
  writeFileSync(join(dir, 'ca.pem'), sandbox.caPem);
});
afterAll(async () => {
  await sandbox.close();
  rmSync(dir, { recursive: true, force: true });
});

function pdfsig(bytes: Buffer, name: string): string {
  const file = join(dir, name);
  writeFileSync(file, bytes);
  const r = spawnSync('/usr/bin/pdfsig', [file], { encoding: 'utf8' });
  return r.stdout;
}

interface PyhankoSignature {
  field: string;
  kind: 'signature' | 'doc_timestamp';
  intact: boolean;
  valid: boolean;
  trusted: boolean;
  subfilter: string;
  has_signing_certificate_v2: boolean;
  has_cms_signing_time: boolean;
  signature_timestamp: boolean;
}

function pyhanko(bytes: Buffer, name: string): { exit: number; report: { has_dss: boolean; doc_timestamps: number; signatures: PyhankoSignature[] } } {
  const file = join(dir, name);
  writeFileSync(file, bytes);
  const r = spawnSync(REPORT, ['--json', '--trust', join(dir, 'ca.pem'), file], { encoding: 'utf8', timeout: 120_000 });
  return { exit: r.status ?? -1, report: JSON.parse(r.stdout) as never };
}

/** Two signatories sign one order, one after the other; returns the closed PDF. */
async function signedByTwo(faulty = false): Promise<Buffer> {
  const sdk = new CriiptoSignatures(SANDBOX_SIGNATURES_CREDENTIALS.clientId, SANDBOX_SIGNATURES_CREDENTIALS.clientSecret, { endpoint: sandbox.url });
  const order = await sdk.createSignatureOrder({
    title: 'Samtykke',
    documents: [{ pdf: { title: 'Samtykke', blob: Buffer.from(await smallPdf('Samtykke til indhentning af oplysninger')), storageMode: 'Temporary' } }],
    signatories: [
      { evidenceValidation: [{ key: 'cprNumberIdentifier', value: karen.cpr }] },
      { evidenceValidation: [{ key: 'cprNumberIdentifier', value: soren.cpr }] },
    ],
  });
  const first = await new SigningPageVisitor(order.signatories[0]!.href).loginAndSign(karen.uuid);
  expect(first.status).toBe(200);
  const afterOne = sandbox.store.get(null, order.id)!.documents[0]!.current;
  await new SigningPageVisitor(order.signatories[1]!.href).loginAndSign(soren.uuid);
  const afterTwo = sandbox.store.get(null, order.id)!.documents[0]!.current;
  // The second signature is an incremental update: the file after the first one is a prefix, byte for byte.
  expect(afterTwo.subarray(0, afterOne.length).equals(afterOne)).toBe(true);
  const closed = await sdk.closeSignatureOrder(order.id);
  const signed = (closed.documents[0] as unknown as { blob: Buffer }).blob;
  if (!faulty) expect(signed.subarray(0, afterTwo.length).equals(afterTwo)).toBe(true);
  return signed;
}

describe('PAdES from the Signatures sandbox', () => {
  let signed: Buffer;
  beforeAll(async () => {
    signed = await signedByTwo();
  });

  it('pdfsig: two intact CAdES signatures by the sandbox, and a document timestamp covering the whole file', () => {
    const report = pdfsig(signed, 'signed.pdf');
    expect(report.match(/Signature Validation: Signature is Valid\./g)).toHaveLength(2);
    expect(report.match(/Signature Type: ETSI\.CAdES\.detached/g)).toHaveLength(2);
    expect(report).toContain('Signer Certificate Common Name: Sandbox Signatures (TEST ONLY)');
    // Poppler 22 lists the document timestamp but cannot validate ETSI.RFC3161 ("Unimplemented Feature"); pyHanko does below.
    expect(report).toContain('Signature #3');
    expect(report).toContain('Signer Certificate Common Name: Sandbox Timestamp Authority (TEST ONLY)');
    expect(report).toContain('Total document signed');
  });

  it('pyHanko, trusting only the sandbox CA: two intact trusted signatures with signing-certificate-v2, no CMS signing-time, a signature timestamp each, a document timestamp and a DSS', () => {
    const { exit, report } = pyhanko(signed, 'signed.pdf');
    expect(exit).toBe(0);
    const signatures = report.signatures.filter((s) => s.kind === 'signature');
    expect(signatures).toHaveLength(2);
    for (const s of signatures) {
      expect(s).toMatchObject({ intact: true, valid: true, trusted: true, subfilter: '/ETSI.CAdES.detached' });
      expect(s.has_signing_certificate_v2).toBe(true);
      expect(s.has_cms_signing_time).toBe(false);
      expect(s.signature_timestamp).toBe(true);
    }
    expect(report.doc_timestamps).toBe(1);
    expect(report.signatures.find((s) => s.kind === 'doc_timestamp')).toMatchObject({ intact: true, valid: true, trusted: true, subfilter: '/ETSI.RFC3161' });
    expect(report.has_dss).toBe(true);
  }, 120_000);

  it("the app's own check accepts it with the sandbox CA, and refuses it under another root", async () => {
    const ok = await checkSignedPdf(signed, certificatesFromPem(sandbox.caPem));
    expect(ok.problems).toEqual([]);
    expect(ok.signatures.map((s) => s.name)).toEqual([karen.name, soren.name]);
    expect(ok.documentTimestamps).toBe(1);
    const otherRoot = await loadOrCreateSandboxPki(null);
    const foreign = await checkSignedPdf(signed, certificatesFromPem(otherRoot.caPem));
    expect(foreign.problems.map((p) => p.code)).toContain('untrusted');
  });

  it('one changed byte: pdfsig, pyHanko and the app all report the signatures broken', async () => {
    // The page width 595 becomes 594 in the first revision (same length, still a valid PDF).
    const tampered = Buffer.from(signed);
    const at = tampered.indexOf('/MediaBox [ 0 0 595');
    expect(at).toBeGreaterThan(0);
    const digit = at + '/MediaBox [ 0 0 59'.length;
    tampered[digit] = tampered[digit]! ^ 0x01;

    const broken = pdfsig(tampered, 'tampered.pdf');
    expect(broken).toContain('Signature #2');
    expect(broken).not.toContain('Signature is Valid.');

    const { exit, report } = pyhanko(tampered, 'tampered.pdf');
    expect(exit).not.toBe(0);
    expect(report.signatures.filter((s) => s.kind === 'signature').every((s) => !s.intact)).toBe(true);

    const app = await checkSignedPdf(tampered, certificatesFromPem(sandbox.caPem));
    expect(app.problems.filter((p) => p.code === 'digest_mismatch').map((p) => p.field)).toEqual(['Signatur 1', 'Signatur 2']);
  }, 120_000);
});

describe('visible seals', () => {
  it("a seal appearance from the order model goes on the signature's widget, and the signatures stay intact and trusted", async () => {
    const pki = await loadOrCreateSandboxPki(null);
    writeFileSync(join(dir, 'seal-ca.pem'), pki.caPem);
    // The order model's hook (sig-api's sealAppearance has this shape): a framed box on the last page.
    const signer = new PadesSigner<PdfSignatory & { x: number }>(pki, undefined, (context, signatory, pageCount, put) => {
      const appearance = put(context.formXObject([rectangle(0.5, 0.5, 199, 39), stroke()], { BBox: [0, 0, 200, 40] }));
      return { pageIndex: pageCount - 1, rect: [signatory.x, 40, signatory.x + 200, 80], appearance };
    });
    const one = await signer.addSignature(await smallPdf('Aftale'), { name: karen.name, x: 40 });
    const closed = await signer.finalize(await signer.addSignature(one, { name: soren.name, x: 300 }));
    const doc = await PDFDocument.load(closed);
    const annots = doc.getPage(0).node.lookup(PDFName.of('Annots'), PDFArray).asArray().map((a) => doc.context.lookup(a, PDFDict));
    const seals = annots.filter((a) => a.get(PDFName.of('AP')));
    expect(seals.map((a) => a.lookup(PDFName.of('Rect'), PDFArray).asArray().map(String))).toEqual([
      ['40', '40', '240', '80'],
      ['300', '40', '500', '80'],
    ]);
    const file = join(dir, 'sealed.pdf');
    writeFileSync(file, closed);
    const r = spawnSync(REPORT, ['--json', '--trust', join(dir, 'seal-ca.pem'), file], { encoding: 'utf8', timeout: 120_000 });
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout) as { signatures: { kind: string; intact: boolean; trusted: boolean }[] };
    expect(report.signatures.filter((x) => x.kind === 'signature').every((x) => x.intact && x.trusted)).toBe(true);
  }, 120_000);
});

describe('the sandbox PKI', () => {
  it('is made on first start and kept in the data folder: a restart signs under the same CA', async () => {
    const again = await createSignaturesSimulator({ pkiDir: join(dir, 'pki') }).start({ port: 0 });
    try {
      expect(again.caPem).toBe(sandbox.caPem);
      expect(await (await fetch(new URL('/sandbox/ca.pem', again.url))).text()).toBe(sandbox.caPem);
      expect(readFileSync(join(dir, 'pki', 'ca.pem'), 'utf8')).toBe(sandbox.caPem);
      // The TSA certificate carries only the critical timeStamping extended key usage (RFC 3161 §2.3).
      const tsa = execFileSync('openssl', ['x509', '-in', join(dir, 'pki', 'tsa.pem'), '-noout', '-ext', 'extendedKeyUsage'], { encoding: 'utf8' });
      expect(tsa).toMatch(/critical\s+Time Stamping/);
    } finally {
      await again.close();
    }
  });

  it('the timestamp authority answers RFC 3161 over HTTP, and openssl ts verifies the token against the sandbox CA', async () => {
    const data = join(dir, 'stamped.txt');
    writeFileSync(data, 'Aftale om tilskud');
    const query = join(dir, 'query.tsq');
    execFileSync('openssl', ['ts', '-query', '-data', data, '-sha256', '-cert', '-out', query]);
    const res = await fetch(new URL('/tsa', sandbox.url), { method: 'POST', headers: { 'content-type': 'application/timestamp-query' }, body: readFileSync(query) });
    expect(res.headers.get('content-type')).toBe('application/timestamp-reply');
    const reply = join(dir, 'reply.tsr');
    writeFileSync(reply, Buffer.from(await res.arrayBuffer()));
    const verified = execFileSync('openssl', ['ts', '-verify', '-in', reply, '-queryfile', query, '-CAfile', join(dir, 'ca.pem')], { encoding: 'utf8' });
    expect(verified).toContain('Verification: OK');
    const text = execFileSync('openssl', ['ts', '-reply', '-in', reply, '-text'], { encoding: 'utf8' });
    expect(text).toContain('Status: Granted.');
    expect(text).toContain('Policy OID: 2.25.178290753413916032960213436541180420352');
    // Another file's imprint does not verify.
    writeFileSync(data, 'Aftale om tilskud, ændret');
    const other = spawnSync('openssl', ['ts', '-verify', '-in', reply, '-data', data, '-CAfile', join(dir, 'ca.pem')], { encoding: 'utf8' });
    expect(other.status).not.toBe(0);
    // SHA-1 is refused (badAlg), as a TSA without it must.
    execFileSync('openssl', ['ts', '-query', '-data', data, '-sha1', '-out', query]);
    const sha1 = await fetch(new URL('/tsa', sandbox.url), { method: 'POST', body: readFileSync(query) });
    writeFileSync(reply, Buffer.from(await sha1.arrayBuffer()));
    expect(execFileSync('openssl', ['ts', '-reply', '-in', reply, '-text'], { encoding: 'utf8' })).toMatch(/Status: Rejected\.[\s\S]*unrecognized or unsupported algorithm/);
  });

  it("an independent signer (pyHanko's CLI, timestamps from the sandbox TSA over HTTP) is judged by the app's check like the sandbox's own", async () => {
    // The report tool installs pyHanko into this virtualenv on first use (done by the tests above).
    const venv = process.env.PYHANKO_VENV ?? join(process.env.XDG_CACHE_HOME ?? join(process.env.HOME ?? '', '.cache'), 'pdf-signature-report-venv');
    const pki = join(dir, 'pki');
    writeFileSync(join(dir, 'plain.pdf'), await smallPdf('Krydstjek'));
    // Asynchronously: the sandbox answering pyHanko's timestamp requests runs in this process.
    const signed = await new Promise<{ status: number | null; stderr: string }>((done) => {
      const tsa = new URL('/tsa', sandbox.url).toString();
      const keys = ['--key', join(pki, 'signer-key.pem'), '--cert', join(pki, 'signer.pem'), '--chain', join(pki, 'ca.pem'), '--no-pass'];
      const args = ['sign', 'addsig', '--field', 'Sig1', '--timestamp-url', tsa, '--use-pades', 'pemder', ...keys, join(dir, 'plain.pdf'), join(dir, 'by-pyhanko.pdf')];
      const child = spawn(join(venv, 'bin', 'pyhanko'), args, { timeout: 120_000 });
      let stderr = '';
      child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
      child.on('close', (status) => done({ status, stderr }));
    });
    expect(signed.status, signed.stderr).toBe(0);
    const report = await checkSignedPdf(readFileSync(join(dir, 'by-pyhanko.pdf')), certificatesFromPem(sandbox.caPem));
    expect(report.signatures).toEqual([expect.objectContaining({ field: 'Sig1', signer: 'Sandbox Signatures (TEST ONLY)' })]);
    // Its signature, ESS attribute and timestamp pass; only the document timestamp Idura adds at close is missing.
    expect(report.problems).toEqual([{ code: 'no_document_timestamp', field: null }]);
  }, 120_000);

  it('the fault switch makes the next closed PDF fail every validator', async () => {
    const res = await fetch(new URL('/sandbox/faults', sandbox.url), { method: 'POST', body: JSON.stringify({ brokenSignature: true }) });
    expect(await res.json()).toEqual({ brokenSignature: true });
    try {
      const signed = await signedByTwo(true);
      expect(pdfsig(signed, 'fault.pdf')).not.toContain('Signature is Valid.');
      const app = await checkSignedPdf(signed, certificatesFromPem(sandbox.caPem));
      expect(app.problems.map((p) => p.code)).toContain('digest_mismatch');
    } finally {
      await fetch(new URL('/sandbox/faults', sandbox.url), { method: 'POST', body: JSON.stringify({ brokenSignature: false }) });
    }
  });
});
