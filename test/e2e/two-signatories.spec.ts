import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { EXAMPLE_LETTER } from '../../src-main/contract/document-example';
import { createSignaturesSimulator, type RunningSignaturesSandbox } from '../../src-main/sandbox/signatures/signatures-simulator';
import { TEST_CITIZENS } from '../../src-main/sandbox/test-citizens';
import { validateSignedPdf } from './pdf-validators';
import { apiFor, expect, openAs, openStatusActions, test } from './fixtures';

// Issue 12's two-signatory evidence in the browser transport: an admin adds a
// co-applicant CPR field and a "Request MitID signature" action with a second
// signatory; the citizen signs first (the co-applicant cannot before), then
// the co-applicant; the record moves only after both and main's own check;
// the downloaded PDF has two intact, trusted PAdES signatures for pdfsig and
// pyHanko, and one changed byte breaks it for both.

const [karen, soren] = [TEST_CITIZENS[0]!, TEST_CITIZENS[1]!];
let sandbox: RunningSignaturesSandbox;
let dir: string;
test.beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'e2e-two-signatories-'));
  sandbox = await createSignaturesSimulator({ httpsPort: 0 }).start({ port: 0 });
  // The CA for the validator, as any validator would get it.
  writeFileSync(join(dir, 'ca.pem'), await (await fetch(new URL('/sandbox/ca.pem', sandbox.url))).text());
});
test.afterEach(async () => {
  await sandbox.close();
  rmSync(dir, { recursive: true, force: true });
});

async function signAs(browser: Browser, href: string, name: string): Promise<Page> {
  const citizen = await (await browser.newContext({ ignoreHTTPSErrors: true, locale: 'da-DK' })).newPage();
  await citizen.goto(href);
  await citizen.getByRole('button', { name: new RegExp(`Log på med MitID som ${name}`) }).click();
  return citizen;
}

async function moveTo(page: Page, button: string, expected: string) {
  await page.getByRole('button', { name: button }).click();
  const dialog = page.getByTestId('status-dialog');
  await dialog.getByRole('button', { name: 'Skift status' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('current-status')).toHaveText(expected);
}

test('two signatories in sequence: the record moves after both; the signed PDF has two intact trusted PAdES signatures', async ({ page, server, browser }) => {
  await openAs(page, server, 'Mette Jensen');
  const call = apiFor(server);
  const users = await call<{ id: number; name: string }[]>('listUsers', {});
  await call('selectUser', { userId: users.find((u) => u.name === 'Mette Jensen')!.id });
  await call('saveSignaturesSettings', { endpoint: sandbox.url, clientId: 'sandbox-signatures', priceOre: 800, expiresInDays: 30, acrValue: 'urn:grn:authn:dk:mitid:substantial' });
  const template = await call<{ id: number }>('saveDocumentTemplate', { name: 'Fælles aftale', definition: { ...EXAMPLE_LETTER, title: 'Fælles aftale til underskrift' } });

  // The admin adds the co-applicant's CPR field...
  await page.reload();
  await page.getByRole('link', { name: 'Administration' }).click();
  await page.getByRole('button', { name: 'Nyt felt' }).click();
  const fieldForm = page.getByTestId('field-form');
  await fieldForm.getByLabel('Navn').fill('Medansøgers CPR-nummer');
  await fieldForm.getByLabel('Nøgle').fill('medansoger_cpr');
  await fieldForm.getByLabel('Type').selectOption('cpr');
  await fieldForm.getByRole('button', { name: 'Gem' }).click();
  await expect(fieldForm).toHaveCount(0);

  // ...and the action with the second signatory.
  const editor = await openStatusActions(page, 'Afventer underskrift');
  await editor.getByRole('button', { name: 'Ny handling' }).click();
  const form = page.getByTestId('action-form');
  await form.getByLabel('Type').selectOption('request_signature');
  await form.getByLabel('Navn').fill('Send fælles aftale til underskrift');
  await form.getByLabel('Dokumentskabelon').selectOption(String(template.id));
  await expect(form.getByLabel('Anden underskriver, efter den første (CPR-felt)')).toHaveValue('');
  await form.getByLabel('Anden underskriver, efter den første (CPR-felt)').selectOption({ label: 'Medansøgers CPR-nummer' });
  await form.getByLabel('Titel (vises for borgeren)').fill('Fælles aftale');
  await form.getByLabel('Status når underskrevet').selectOption({ label: 'Afsluttet' });
  await form.getByLabel('Status når afvist').selectOption({ label: 'Under behandling' });
  await form.getByRole('button', { name: 'Gem' }).click();
  await expect(page.getByTestId('admin-action-row').filter({ hasText: 'Send fælles aftale til underskrift' })).toContainText(
    'Underskrift med MitID: »Fælles aftale«; derefter underskriver [Medansøgers CPR-nummer]; underskrevet → Afsluttet',
  );

  // A record with two test citizens' CPRs goes to signature.
  await page.getByRole('link', { name: 'Ny sag' }).click();
  await page.getByLabel('Arbejdsgang').selectOption({ label: 'Ansøgning om tilskud' });
  await page.getByLabel('Navn').fill('Karen Holm');
  await page.getByLabel('CPR-nummer', { exact: true }).fill(karen.cpr);
  await page.getByLabel('Medansøgers CPR-nummer').fill(soren.cpr);
  await page.getByRole('button', { name: 'Opret sag' }).click();
  await expect(page.getByTestId('record-view')).toBeVisible();
  await moveTo(page, 'Påbegynd behandling', 'Under behandling');
  await moveTo(page, 'Send til underskrift', 'Afventer underskrift');
  const request = page.getByTestId('signing-request');
  await expect(request).toHaveAttribute('data-state', 'awaiting_signature');
  await expect(request).toContainText('150265-****');
  const first = (await request.getByTestId('signing-link').getAttribute('href'))!;
  const second = (await request.getByTestId('second-signing-link').getAttribute('href'))!;
  expect(second).not.toBe(first);

  // The co-applicant cannot sign before the citizen.
  const early = await signAs(browser, second, soren.name);
  await expect(early.getByTestId('waiting')).toHaveText('Andre skal underskrive før dig. Du får besked, når det er din tur.');
  await expect(early.getByRole('button', { name: 'Underskriv med MitID' })).toHaveCount(0);
  await early.context().close();

  // The citizen signs; the record waits for the co-applicant.
  const karenPage = await signAs(browser, first, karen.name);
  await karenPage.getByRole('button', { name: 'Underskriv med MitID' }).click();
  await expect(karenPage.getByTestId('signed')).toHaveText('Tak. Dokumentet er underskrevet.');
  await karenPage.context().close();
  await page.getByRole('button', { name: 'Opdatér status nu' }).click();
  await expect(request.getByTestId('second-signing-link')).toBeVisible();
  await expect(request).toHaveAttribute('data-state', 'awaiting_signature');
  await expect(page.getByTestId('current-status')).toHaveText('Afventer underskrift');
  expect(sandbox.store.list('sandbox-signatures', 'OPEN')).toHaveLength(1);

  // The co-applicant signs; only now does the record move.
  const sorenPage = await signAs(browser, second, soren.name);
  await sorenPage.getByRole('button', { name: 'Underskriv med MitID' }).click();
  await expect(sorenPage.getByTestId('signed')).toHaveText('Tak. Dokumentet er underskrevet.');
  await sorenPage.context().close();
  await expect(page.getByTestId('current-status')).toHaveText('Afventer underskrift');
  await page.getByRole('button', { name: 'Opdatér status nu' }).click();
  await expect(request).toHaveAttribute('data-state', 'completed');
  await expect(page.getByTestId('current-status')).toHaveText('Afsluttet');

  const downloading = page.waitForEvent('download');
  await request.getByTestId('download-signed').click();
  const bytes = readFileSync(await (await downloading).path());
  const good = validateSignedPdf(dir, bytes, 'signed.pdf');
  expect(good.pdfsig.match(/Signature Validation: Signature is Valid\./g)).toHaveLength(2);
  expect(good.pyhankoExit).toBe(0);
  const signatures = good.pyhanko.signatures.filter((s) => s.kind === 'signature');
  expect(signatures).toHaveLength(2);
  for (const s of signatures) {
    expect(s).toMatchObject({ intact: true, trusted: true, has_signing_certificate_v2: true, has_cms_signing_time: false, signature_timestamp: true });
  }
  expect(good.pyhanko.doc_timestamps).toBe(1);

  // One changed byte inside the signed range: both tools now call it broken.
  const tampered = Buffer.from(bytes);
  const at = tampered.indexOf('/MediaBox [');
  tampered[at + 2] = tampered[at + 2]! ^ 0x20; // /MediaBox → /MEdiaBox: same length, signed bytes differ
  const bad = validateSignedPdf(dir, tampered, 'tampered.pdf');
  expect(bad.pdfsig).not.toContain('Signature is Valid.');
  expect(bad.pyhankoExit).not.toBe(0);
});
