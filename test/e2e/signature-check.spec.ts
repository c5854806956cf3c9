import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { EXAMPLE_LETTER } from '../../src-main/contract/document-example';
import { createSignaturesSimulator, type RunningSignaturesSandbox } from '../../src-main/sandbox/signatures/signatures-simulator';
import { TEST_CITIZENS } from '../../src-main/sandbox/test-citizens';
import { validateSignedPdf } from './pdf-validators';
import { apiFor, expect, openAs, test, type WebServer } from './fixtures';

// Issue 12 in the browser transport: the signed PDF the record gets is PAdES
// that pdfsig and pyHanko accept (and reject after one changed byte), the
// record moves only after main's own check passed, and a PDF with broken
// signatures from the sandbox's fault switch is refused with a Danish reason
// while the record stays where it was.

const karen = TEST_CITIZENS[0]!;
let sandbox: RunningSignaturesSandbox;
let dir: string;
test.beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'e2e-pades-'));
  sandbox = await createSignaturesSimulator({ httpsPort: 0 }).start({ port: 0 });
  writeFileSync(join(dir, 'ca.pem'), sandbox.caPem);
});
test.afterEach(async () => {
  await sandbox.close();
  rmSync(dir, { recursive: true, force: true });
});

async function setUp(page: Page, server: WebServer) {
  await openAs(page, server, 'Mette Jensen');
  const call = apiFor(server);
  const users = await call<{ id: number; name: string }[]>('listUsers', {});
  await call('selectUser', { userId: users.find((u) => u.name === 'Mette Jensen')!.id });
  await call('saveSignaturesSettings', { endpoint: sandbox.url, clientId: 'sandbox-signatures', priceOre: 800, expiresInDays: 30, acrValue: 'urn:grn:authn:dk:mitid:substantial' });
  const template = await call<{ id: number }>('saveDocumentTemplate', { name: 'Aftale om tilskud', definition: { ...EXAMPLE_LETTER, title: 'Aftale til underskrift' } });
  const ws = await call<{ workflows: { name: string; statuses: { id: number; name: string }[] }[] }>('getWorkspace', {});
  const wf = ws.workflows.find((w) => w.name === 'Ansøgning om tilskud')!;
  const status = (name: string) => wf.statuses.find((s) => s.name === name)!.id;
  await call('saveStatusAction', {
    statusId: status('Afventer underskrift'),
    type: 'request_signature',
    name: 'Send aftale til underskrift',
    params: {
      templateId: template.id,
      cprFieldKey: null,
      title: 'Aftale om tilskud',
      message: 'Underskriv aftalen om tilskud',
      signedStatusId: status('Afsluttet'),
      rejectedStatusId: status('Under behandling'),
      expiredStatusId: status('Under behandling'),
    },
    enabled: true,
    sortOrder: 9,
  });
  await page.reload();
}

async function moveTo(page: Page, button: string, expected: string) {
  await page.getByRole('button', { name: button }).click();
  const dialog = page.getByTestId('status-dialog');
  await dialog.getByRole('button', { name: 'Skift status' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('current-status')).toHaveText(expected);
}

/** A new record for Karen, sent to signature; Karen signs on the sandbox's signing page. */
async function karenSigns(page: Page, browser: Browser) {
  await page.getByRole('link', { name: 'Ny sag' }).click();
  await page.getByLabel('Arbejdsgang').selectOption({ label: 'Ansøgning om tilskud' });
  await page.getByLabel('Navn').fill('Karen Holm');
  await page.getByLabel('CPR-nummer').fill(karen.cpr);
  await page.getByRole('button', { name: 'Opret sag' }).click();
  await expect(page.getByTestId('record-view')).toBeVisible();
  await moveTo(page, 'Påbegynd behandling', 'Under behandling');
  await moveTo(page, 'Send til underskrift', 'Afventer underskrift');
  const request = page.getByTestId('signing-request');
  await expect(request).toHaveAttribute('data-state', 'awaiting_signature');
  const href = (await request.getByTestId('signing-link').getAttribute('href'))!;
  const citizen = await (await browser.newContext({ ignoreHTTPSErrors: true, locale: 'da-DK' })).newPage();
  await citizen.goto(href);
  await citizen.getByRole('button', { name: /Log på med MitID som Karen Holm/ }).click();
  await citizen.getByRole('button', { name: 'Underskriv med MitID' }).click();
  await expect(citizen.getByTestId('signed')).toHaveText('Tak. Dokumentet er underskrevet.');
  await citizen.context().close();
  // Before the app has looked, nothing has moved.
  await expect(page.getByTestId('current-status')).toHaveText('Afventer underskrift');
  await page.getByRole('button', { name: 'Opdatér status nu' }).click();
  return request;
}

test('the signed PDF on the record is PAdES both validators accept, stored and moved only after main checked it', async ({ page, server, browser }) => {
  await setUp(page, server);
  const request = await karenSigns(page, browser);
  await expect(request).toHaveAttribute('data-state', 'completed');
  await expect(page.getByTestId('current-status')).toHaveText('Afsluttet');

  const downloading = page.waitForEvent('download');
  await request.getByTestId('download-signed').click();
  const bytes = readFileSync(await (await downloading).path());
  const good = validateSignedPdf(dir, bytes, 'signed.pdf');
  expect(good.pdfsig).toContain('Signature Validation: Signature is Valid.');
  expect(good.pdfsig).toContain('Signature Type: ETSI.CAdES.detached');
  expect(good.pyhankoExit).toBe(0);
  expect(good.pyhanko.signatures.filter((s) => s.kind === 'signature')).toEqual([
    expect.objectContaining({ intact: true, trusted: true, has_signing_certificate_v2: true, has_cms_signing_time: false, signature_timestamp: true }),
  ]);
  expect(good.pyhanko.doc_timestamps).toBe(1);
  expect(good.pyhanko.has_dss).toBe(true);

  // One changed byte inside the signed range: both tools now call it broken.
  const tampered = Buffer.from(bytes);
  const at = tampered.indexOf('/MediaBox [');
  tampered[at + 2] = tampered[at + 2]! ^ 0x20; // /MediaBox → /MEdiaBox: same length, signed bytes differ
  const bad = validateSignedPdf(dir, tampered, 'tampered.pdf');
  expect(bad.pdfsig).not.toContain('Signature is Valid.');
  expect(bad.pyhankoExit).not.toBe(0);
});

test('a PDF with broken signatures (sandbox fault switch) is refused: told why in Danish, not stored, the record stays', async ({ page, server, browser }) => {
  await setUp(page, server);
  await fetch(new URL('/sandbox/faults', sandbox.url), { method: 'POST', body: JSON.stringify({ brokenSignature: true }) });
  const request = await karenSigns(page, browser);
  await expect(request).toHaveAttribute('data-state', 'signature_invalid');
  await expect(request).toContainText('Underskriften kunne ikke godkendes');
  await expect(request).toContainText('dokumentet er ændret efter underskriften');
  await expect(request.getByTestId('download-signed')).toHaveCount(0);
  await expect(page.getByTestId('current-status')).toHaveText('Afventer underskrift');
  expect(sandbox.store.list('sandbox-signatures', 'CLOSED')).toHaveLength(1);

  // The caseworker decides: cancel the request; the record still does not move.
  page.once('dialog', (d) => void d.accept());
  await request.getByRole('button', { name: 'Annullér underskrift' }).click();
  await expect(request).toHaveAttribute('data-state', 'cancelled');
  await expect(page.getByTestId('current-status')).toHaveText('Afventer underskrift');
});
