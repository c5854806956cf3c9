import type { Page } from '@playwright/test';
import { expect, openAs, openStatusActions, test } from './fixtures';

// Evidence for issue 3 (delivery side), in the browser transport against the
// sandbox access point the app starts: a status action sends Digital Post, the
// letter appears in the citizen's sandbox mailbox and the record's timeline
// reaches "delivered"; an exempt citizen gets the physical-post fallback; a
// forbidden attachment name is refused clearly and nothing is queued.

async function createRecord(page: Page, name: string, cpr: string): Promise<void> {
  await page.getByRole('link', { name: 'Ny sag' }).click();
  await page.getByLabel('Arbejdsgang').selectOption({ label: 'Ansøgning om tilskud' });
  await page.getByLabel('Navn').fill(name);
  await page.getByLabel('CPR-nummer').fill(cpr);
  await page.getByLabel('Ansøgt beløb (kr.)').fill('1000');
  await page.getByRole('button', { name: 'Opret sag' }).click();
  await expect(page.getByTestId('record-view')).toBeVisible();
}

test('Digital Post from a status action reaches the mailbox and "delivered"; exempt and invalid cases are explained', async ({ page, server }) => {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  await page.addInitScript({
    content: "document.addEventListener('securitypolicyviolation', (e) => console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI));",
  });
  await openAs(page, server, 'Mette Jensen');

  // Settings → Integrations → Digital Post: the sandbox answers "test connection".
  await page.getByRole('link', { name: 'Administration' }).click();
  await page.getByRole('link', { name: 'Integrationer' }).click();
  await expect(page.getByLabel('Forbindelse')).toHaveValue('sandbox');
  // Strict sandbox: HTTPS with the client certificate and Basic value it made for the app.
  await expect(page.getByTestId('dp-sandbox-strict')).toContainText('app-system-certificate.p12');
  await page.getByTestId('dp-test-connection').click();
  await expect(page.getByTestId('dp-connection-result')).toContainText('Forbindelsen virker: https://127.0.0.1:');

  // The administrator puts "Send Digital Post" on "Under behandling".
  const editor = await openStatusActions(page, 'Under behandling');
  await editor.getByRole('button', { name: 'Ny handling' }).click();
  const form = page.getByTestId('action-form');
  await form.getByLabel('Type').selectOption('send_digital_post');
  await form.getByLabel('Navn').fill('Kvittering med Digital Post');
  await form.getByLabel('CPR-felt').selectOption({ label: 'CPR-nummer' });
  await form.getByLabel('Emne', { exact: true }).fill('Vi behandler din ansøgning, {{navn}}');
  await form.getByLabel('Brevtekst (bliver til en PDF)').fill('Kære {{navn}}\n\nVi er gået i gang med din ansøgning.');
  await form.getByRole('button', { name: 'Gem' }).click();
  await expect(editor.getByTestId('admin-action-row').filter({ hasText: 'Kvittering med Digital Post' })).toBeVisible();

  // A record for a test citizen on Digital Post moves into the status.
  await createRecord(page, 'Åse Æbelø', '2207924321');
  await page.getByRole('button', { name: 'Påbegynd behandling' }).click();
  const dialog = page.getByTestId('status-dialog');
  await expect(dialog.getByTestId('status-preview-actions')).toContainText('Digital Post "Vi behandler din ansøgning, {{navn}}" sendes til CPR-nummer');
  await dialog.getByRole('button', { name: 'Skift status' }).click();
  await expect(page.getByTestId('current-status')).toHaveText('Under behandling');

  // The timeline reaches "delivered" by itself (job → outbox → sandbox → receipt), honest about read status.
  await page.getByRole('tab', { name: 'Digital Post' }).click();
  const message = page.getByTestId('dp-message').first();
  await expect(message).toHaveAttribute('data-state', 'delivered');
  await expect(message).toContainText('Vi behandler din ansøgning, Åse Æbelø');
  await expect(message).toContainText('Afleveret i borgerens postkasse');
  await expect(message.getByTestId('dp-read-status')).toHaveText('Læsestatus er ikke tilgængelig');
  await expect(message).toContainText('220792-****');
  const uuid = await message.getAttribute('data-message-uuid');

  // A forbidden attachment name: a clear message, and nothing is queued.
  await page.getByTestId('dp-write').click();
  const compose = page.getByTestId('dp-compose');
  await expect(compose.getByTestId('dp-exemption')).toHaveAttribute('data-status', 'REGISTERED');
  await compose.getByLabel('Emne', { exact: true }).fill('Bilag til din sag');
  await compose.getByLabel('Brevtekst (bliver til en PDF)').fill('Se bilaget.');
  await compose.getByLabel('Vedhæft PDF-filer').setInputFiles({ name: 'bilag:1.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') });
  await compose.getByTestId('dp-send').click();
  await expect(compose.getByTestId('dp-problems')).toContainText('Filnavnet "bilag:1.pdf" indeholder tegnet :');
  await compose.getByRole('button', { name: 'Annullér' }).click();
  await expect(page.getByTestId('dp-message')).toHaveCount(1);

  // The letter is in the citizen's mailbox on the sandbox, with its PDF.
  await page.getByRole('link', { name: 'Udbakke' }).click();
  await expect(page.getByTestId('outbox-count-delivered')).toContainText('(1)');
  const mailboxUrl = await page.getByRole('link', { name: 'Åbn sandkassens borgerpostkasse' }).getAttribute('href');
  expect(mailboxUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/mailbox$/);
  const mailbox = await page.context().newPage();
  await mailbox.goto(mailboxUrl ?? '');
  await mailbox.getByTestId('citizen-2207924321').click();
  await expect(mailbox.getByTestId('mailbox-letter')).toHaveCount(1);
  await mailbox.getByRole('link', { name: 'Vi behandler din ansøgning, Åse Æbelø' }).click();
  expect(mailbox.url()).toContain(uuid ?? 'missing');
  await expect(mailbox.getByTestId('letter-subject')).toHaveText('Vi behandler din ansøgning, Åse Æbelø');
  const pdfHref = await mailbox.getByTestId('letter-file').first().getAttribute('href');
  const pdf = await mailbox.request.get(new URL(pdfHref ?? '', mailbox.url()).toString());
  expect(pdf.headers()['content-type']).toBe('application/pdf');
  expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
  await mailbox.close();

  // An exempt citizen: the check says so before sending, and the letter falls back to physical post.
  await createRecord(page, 'Poul Madsen', '3112451118');
  await page.getByRole('tab', { name: 'Digital Post' }).click();
  await page.getByTestId('dp-write').click();
  await expect(compose.getByTestId('dp-exemption')).toHaveAttribute('data-status', 'EXEMPT');
  await expect(compose.getByTestId('dp-exemption')).toContainText('fritaget for Digital Post');
  await compose.getByLabel('Emne', { exact: true }).fill('Svar på din henvendelse');
  await compose.getByLabel('Brevtekst (bliver til en PDF)').fill('Kære Poul');
  await compose.getByTestId('dp-send').click();
  const fallback = page.getByTestId('dp-message').first();
  await expect(fallback).toHaveAttribute('data-state', 'physical_post');
  await expect(fallback.getByTestId('dp-error')).toContainText('Brevet skal sendes med fysisk post');

  // The cost of the delivered letter is in the monthly overview.
  await page.getByRole('link', { name: 'Udbakke' }).click();
  await expect(page.getByTestId('cost-overview')).toContainText('Ansøgning om tilskud');
  expect(problems).toEqual([]);
});
