import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CriiptoSignatures } from '@criipto/signatures';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createSignaturesSimulator, SANDBOX_SIGNATURES_CREDENTIALS, type RunningSignaturesSandbox } from '../../../src-main/sandbox/signatures/signatures-simulator';
import { TEST_CITIZENS } from '../../../src-main/sandbox/test-citizens';
import { SigningPageVisitor, smallPdf } from './fixtures';

// A real verifier (poppler's pdfsig, backed by NSS) checks the signature the
// sandbox puts on a closed order's PDF; flipping one signed byte must break it.
let sandbox: RunningSignaturesSandbox;
let dir: string;

beforeAll(async () => {
  sandbox = await createSignaturesSimulator().start({ port: 0 });
  dir = mkdtempSync(join(tmpdir(), 'pdfsig-'));
});
afterAll(async () => {
  await sandbox.close();
  rmSync(dir, { recursive: true, force: true });
});

function pdfsig(bytes: Buffer, name: string): string {
  const file = join(dir, name);
  writeFileSync(file, bytes);
  try {
    return execFileSync('/usr/bin/pdfsig', [file], { encoding: 'utf8' });
  } catch (error) {
    // pdfsig exits non-zero when a signature is invalid; its report is still on stdout.
    return String((error as { stdout?: string }).stdout ?? '');
  }
}

it('the closed order returns a PDF whose CMS signature pdfsig verifies, and one flipped byte breaks it', async () => {
  const sdk = new CriiptoSignatures(SANDBOX_SIGNATURES_CREDENTIALS.clientId, SANDBOX_SIGNATURES_CREDENTIALS.clientSecret, { endpoint: sandbox.url });
  const karen = TEST_CITIZENS[0]!;
  const order = await sdk.createSignatureOrder({
    title: 'Samtykke',
    documents: [{ pdf: { title: 'Samtykke', blob: Buffer.from(await smallPdf('Samtykke til indhentning af oplysninger')), storageMode: 'Temporary' } }],
    signatories: [{ evidenceValidation: [{ key: 'cprNumberIdentifier', value: karen.cpr }] }],
  });
  await new SigningPageVisitor(order.signatories[0]!.href).loginAndSign(karen.uuid);
  const closed = await sdk.closeSignatureOrder(order.id);
  const signed = (closed.documents[0] as unknown as { blob: Buffer }).blob;

  const report = pdfsig(signed, 'signed.pdf');
  expect(report).toContain('Signature #1');
  expect(report).toContain('Signer Certificate Common Name: Sandbox Signatures (TEST ONLY)');
  expect(report).toContain('Signature Type: ETSI.CAdES.detached');
  expect(report).toContain('Total document signed');
  expect(report).toContain('Signature Validation: Signature is Valid.');

  // Flip one byte inside the signed ranges: the page width 595 becomes 594 (same length, still a valid PDF).
  const tampered = Buffer.from(signed);
  const at = tampered.indexOf('/MediaBox [ 0 0 595');
  expect(at).toBeGreaterThan(0);
  const digit = at + '/MediaBox [ 0 0 59'.length;
  tampered[digit] = tampered[digit]! ^ 0x01;
  expect(tampered.length).toBe(signed.length);
  const broken = pdfsig(tampered, 'tampered.pdf');
  expect(broken).toContain('Signature #1');
  expect(broken).not.toContain('Signature is Valid.');
  expect(broken).toMatch(/Digest Mismatch|Signature is Invalid/);
});
