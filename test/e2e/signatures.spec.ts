import type { Browser, Page } from '@playwright/test';
import { createSignaturesSimulator, type RunningSignaturesSandbox } from '../../src-main/sandbox/signatures/signatures-simulator';
import { EXAMPLE_LETTER } from '../../src-main/contract/document-example';
import { TEST_CITIZENS } from '../../src-main/sandbox/test-citizens';
import { apiFor, expect, openAs, openStatusActions, test, type WebServer } from './fixtures';

// Evidence for issue 5 in the browser transport: status change → document
// generated from a document template → order in the Signatures sandbox → link
// sent by Digital Post (the real outbox, to the Digital Post sandbox) → the test citizen
// signs on the sandbox's signing page → the record gets the signed PDF and moves.
// The same with a rejection, and another citizen's MitID is refused.

const karen = TEST_CITIZENS[0]!;
let sandbox: RunningSignaturesSandbox;
test.beforeEach(async () => {
  // As the app's sandbox runs: signing links over https (Digital Post accepts only https action links).
  sandbox = await createSignaturesSimulator({ httpsPort: 0 }).start({ port: 0 });
});
test.afterEach(async () => {
  await sandbox.close();
});

/** The citizen's own browser; it trusts the sandbox's self-signed certificate as a tester would after one warning. */
async function citizenPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ ignoreHTTPSErrors: true, locale: 'da-DK' });
  return context.newPage();
}

interface Ws {
  workflows: { name: string; statuses: { id: number; name: string }[] }[];
}

/** An admin points the app at the sandbox (through the UI) and configures the status action. */
async function setUp(page: Page, server: WebServer, actionViaUi = false) {
  await openAs(page, server, 'Mette Jensen');
  await page.getByRole('link', { name: 'Administration' }).click();
  await page.getByRole('link', { name: 'Integrationer' }).click();
  const settings = page.getByTestId('signatures-settings');
  await expect(settings).toContainText('Appen bruger sandkassen');
  await settings.getByLabel('Adresse (GraphQL-endpoint)').fill(sandbox.url);
  await settings.getByRole('button', { name: 'Gem' }).click();
  await expect(settings).toContainText('Indstillingerne er gemt.');

  // The document the citizen signs: a template made from the example letter.
  const call = apiFor(server);
  const users = await call<{ id: number; name: string }[]>('listUsers', {});
  await call('selectUser', { userId: users.find((u) => u.name === 'Mette Jensen')!.id });
  const template = await call<{ id: number }>('saveDocumentTemplate', { name: 'Aftale om tilskud', definition: { ...EXAMPLE_LETTER, title: 'Aftale til underskrift' } });

  if (actionViaUi) {
    // The admin's form for "Anmod om MitID-underskrift" on "Afventer underskrift".
    const editor = await openStatusActions(page, 'Afventer underskrift');
    await editor.getByRole('button', { name: 'Ny handling' }).click();
    const form = page.getByTestId('action-form');
    await form.getByLabel('Type').selectOption('request_signature');
    await form.getByLabel('Navn').fill('Send aftale til underskrift');
    await form.getByLabel('Dokumentskabelon').selectOption(String(template.id));
    await form.getByLabel('Titel (vises for borgeren)').fill('Aftale om tilskud');
    await form.getByLabel('Besked i MitID-appen (højst 130 tegn)').fill('Underskriv aftalen om tilskud');
    await form.getByLabel('Status når underskrevet').selectOption({ label: 'Afsluttet' });
    await form.getByLabel('Status når afvist').selectOption({ label: 'Under behandling' });
    await form.getByLabel('Status når fristen er udløbet').selectOption({ label: 'Under behandling' });
    await form.getByRole('button', { name: 'Gem' }).click();
    await expect(page.getByTestId('admin-action-row').filter({ hasText: 'Send aftale til underskrift' })).toHaveCount(1);
    return;
  }
  const ws = await call<Ws>('getWorkspace', {});
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
}

async function newRecord(page: Page, name: string) {
  await page.getByRole('link', { name: 'Ny sag' }).click();
  await page.getByLabel('Arbejdsgang').selectOption({ label: 'Ansøgning om tilskud' });
  await page.getByLabel('Navn').fill(name);
  await page.getByLabel('CPR-nummer').fill(karen.cpr);
  await page.getByRole('button', { name: 'Opret sag' }).click();
  await expect(page.getByTestId('record-view')).toBeVisible();
}

async function moveTo(page: Page, button: string, expected: string) {
  await page.getByRole('button', { name: button }).click();
  const dialog = page.getByTestId('status-dialog');
  await dialog.getByRole('button', { name: 'Skift status' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('current-status')).toHaveText(expected);
}

/** Requests the signature by a status change and returns the citizen's link once the letter is sent. */
async function requestSignature(page: Page): Promise<string> {
  await moveTo(page, 'Påbegynd behandling', 'Under behandling');
  await page.getByRole('button', { name: 'Send til underskrift' }).click();
  await expect(page.getByTestId('status-preview-actions')).toContainText('Borgeren bedes underskrive "Aftale om tilskud" med MitID; underskrevet → "Afsluttet"');
  await page.getByTestId('status-dialog').getByRole('button', { name: 'Skift status' }).click();
  const request = page.getByTestId('signing-request');
  await expect(request).toHaveAttribute('data-state', 'awaiting_signature');
  await expect(request).toContainText('010180-****');
  await expect(request).toContainText('Digital Post-brev nr.');
  const href = await request.getByTestId('signing-link').getAttribute('href');
  expect(href).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/sign\//);
  // The order exists at the sandbox, bound to the citizen's CPR.
  const orders = sandbox.store.list('sandbox-signatures', 'OPEN');
  expect(orders).toHaveLength(1);
  expect(orders[0]!.signatories[0]!.evidenceValidation[0]).toMatchObject({ key: 'cprNumberIdentifier', value: karen.cpr });
  expect(orders[0]!.ui.language).toBe('DA_DK');

  // The citizen finds the letter in their Digital Post mailbox (the sandbox), the link as an UNDERSKRIV action.
  await page.getByRole('link', { name: 'Udbakke' }).click();
  const mailboxUrl = await page.getByRole('link', { name: 'Åbn sandkassens borgerpostkasse' }).getAttribute('href');
  const mailbox = await page.context().newPage();
  await expect(async () => {
    await mailbox.goto(mailboxUrl ?? '');
    await mailbox.getByTestId(`citizen-${karen.cpr}`).click();
    await expect(mailbox.getByTestId('mailbox-letter')).toHaveCount(1, { timeout: 1000 });
  }).toPass({ timeout: 60_000 });
  await mailbox.getByTestId('mailbox-letter').getByRole('link').click();
  const action = mailbox.locator('li', { hasText: '(UNDERSKRIV)' }).getByRole('link');
  expect(await action.getAttribute('href')).toBe(href);
  await mailbox.close();
  await page.goBack();
  await expect(page.getByTestId('record-view')).toBeVisible();
  return href!;
}

test('status change → order → citizen signs with MitID → signed PDF on the record and the record moves', async ({ page, server, browser }) => {
  await setUp(page, server, true);
  await newRecord(page, 'Karen Holm');
  const href = await requestSignature(page);

  // The citizen's browser: another citizen's MitID is refused, Karen's is accepted.
  const citizen = await citizenPage(browser);
  await citizen.goto(href);
  await expect(citizen.getByRole('heading', { level: 1 })).toHaveText('Aftale om tilskud');
  await citizen.getByRole('button', { name: /Log på med MitID som Søren Østergård/ }).click();
  await expect(citizen.getByTestId('mismatch')).toHaveText('Du kan ikke underskrive dette dokument. Dit MitID passer ikke til den person, dokumentet er sendt til.');
  await citizen.getByRole('button', { name: /Log på med MitID som Karen Holm/ }).click();
  await expect(citizen.getByText('Logget på som')).toContainText('Karen Holm');
  await expect(citizen.locator('iframe[title="Aftale til underskrift"]')).toBeVisible();
  await citizen.getByRole('button', { name: 'Underskriv med MitID' }).click();
  await expect(citizen.getByTestId('signed')).toHaveText('Tak. Dokumentet er underskrevet.');
  await citizen.context().close();

  // The app learns it by polling (here: "check now"), closes the order and stores the signed PDF.
  await page.getByRole('button', { name: 'Opdatér status nu' }).click();
  const request = page.getByTestId('signing-request');
  await expect(request).toHaveAttribute('data-state', 'completed');
  await expect(request).toContainText('Underskrevet');
  await expect(request.getByTestId('signing-cost')).toHaveText('8,00 kr.');
  await expect(page.getByTestId('current-status')).toHaveText('Afsluttet');
  const downloading = page.waitForEvent('download');
  await request.getByTestId('download-signed').click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/-underskrevet\.pdf$/);
  const bytes = await import('node:fs/promises').then((fs) => download.path().then((p) => fs.readFile(p)));
  expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
  expect(bytes.toString('latin1')).toContain('/SubFilter /ETSI.CAdES.detached');
  expect(sandbox.store.list('sandbox-signatures', 'CLOSED')).toHaveLength(1);
});

test('a rejection on the signing page moves the record back and shows the reason', async ({ page, server, browser }) => {
  await setUp(page, server);
  await newRecord(page, 'Karen Holm');
  const href = await requestSignature(page);

  const citizen = await citizenPage(browser);
  await citizen.goto(href);
  await citizen.getByRole('button', { name: /Log på med MitID som Karen Holm/ }).click();
  await citizen.getByLabel('Begrundelse (valgfri)').fill('Beløbet er forkert');
  await citizen.getByRole('button', { name: 'Afvis' }).click();
  await expect(citizen.getByTestId('rejected')).toBeVisible();
  await citizen.context().close();

  // No button this time: the worker's own poll (15 s for a fresh order) finds the rejection.
  const request = page.getByTestId('signing-request');
  await expect(request).toHaveAttribute('data-state', 'rejected');
  await expect(request).toContainText('Afvist af borgeren');
  await expect(request).toContainText('Beløbet er forkert');
  await expect(page.getByTestId('current-status')).toHaveText('Under behandling');
  await expect(request.getByTestId('view-signed')).toHaveCount(0);
});
