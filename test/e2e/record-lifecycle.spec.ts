import { expect, openAs, test } from './fixtures';

// Evidence for issue 2: create a record with a CPR, see an invalid CPR refused with a
// clear Danish message, change status, and see the status action's job and the
// history entry, all through the real renderer against real SQLite.
test('create a record with CPR, refuse invalid CPRs, change status and see the job outcome', async ({ page, server }) => {
  await openAs(page, server, 'Mette Jensen');

  await page.getByRole('link', { name: 'Ny sag' }).click();
  await page.getByLabel('Arbejdsgang').selectOption({ label: 'Ansøgning om tilskud' });
  await page.getByLabel('Navn').fill('Karen Testesen');
  await page.getByLabel('Ansøgt beløb (kr.)').fill('12500');

  // Not ten digits: refused by main with the format message, nothing created.
  const cpr = page.getByLabel('CPR-nummer');
  await cpr.fill('12345');
  await page.getByRole('button', { name: 'Opret sag' }).click();
  await expect(page.getByTestId('field-error-cpr')).toHaveText('CPR-nummeret skal være 10 cifre (DDMMÅÅXXXX eller DDMMÅÅ-XXXX)');
  await expect(cpr).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('error-banner')).toContainText('Ret de markerede felter');

  // Ten digits but 31 February: refused with the date message.
  await cpr.fill('310290-1234');
  await page.getByRole('button', { name: 'Opret sag' }).click();
  await expect(page.getByTestId('field-error-cpr')).toHaveText('CPR-nummeret indeholder ikke en gyldig fødselsdato');
  await expect(page.getByTestId('record-view')).toHaveCount(0);

  // A valid CPR (no modulus 11 check): the record is created and opened.
  await cpr.fill('0102901234');
  await page.getByRole('button', { name: 'Opret sag' }).click();
  const view = page.getByTestId('record-view');
  await expect(view).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Karen Testesen');
  // CPR arrives masked; revealing it is an explicit, audited action.
  const cprField = page.getByLabel('CPR-nummer');
  await expect(cprField).toHaveValue('010290-****');
  await page.getByRole('button', { name: 'Vis CPR' }).click();
  await expect(cprField).toHaveValue('010290-1234');
  await page.getByRole('tab', { name: /Revisionsspor/ }).click();
  await expect(page.getByTestId('audit-row').filter({ hasText: 'Fuldt CPR-nummer vist' })).toHaveCount(1);

  // An invalid CPR is refused on edit too, and the stored one is untouched.
  await cprField.fill('999999-9999');
  await page.getByRole('button', { name: 'Gem ændringer' }).click();
  await expect(page.getByTestId('field-error-cpr')).toHaveText('CPR-nummeret indeholder ikke en gyldig fødselsdato');
  await page.getByRole('button', { name: 'Fortryd ændringer' }).click();
  await expect(cprField).toHaveValue('010290-1234');

  // Status change: the dialog previews the status action before anything happens.
  await expect(page.getByTestId('current-status')).toHaveText('Modtaget');
  await page.getByRole('button', { name: 'Påbegynd behandling' }).click();
  const dialog = page.getByTestId('status-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('status-preview-actions')).toContainText('Overdrag til Sagsbehandling');
  await expect(dialog.getByTestId('status-preview-actions')).toContainText('"Sagsbehandling" bliver ansvarlig i feltet "Team"');
  await dialog.getByLabel('Kommentar').fill('Ansøgningen er komplet');
  await dialog.getByRole('button', { name: 'Skift status' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('current-status')).toHaveText('Under behandling');

  // History: the change, who made it and the comment.
  await page.getByRole('tab', { name: /Statushistorik/ }).click();
  const change = page.getByTestId('history-row').filter({ hasText: 'Ansøgningen er komplet' });
  await expect(change).toHaveCount(1);
  await expect(change).toContainText('Modtaget');
  await expect(change).toContainText('Under behandling');
  await expect(change).toContainText('Mette Jensen');

  // The job the status action created runs in main and its outcome reaches the view.
  await page.getByRole('tab', { name: /Handlinger/ }).click();
  const job = page.getByTestId('job-row').filter({ hasText: 'Overdrag til Sagsbehandling' });
  await expect(job).toHaveAttribute('data-job-status', 'succeeded');
  await expect(job).toContainText('Udført');
  await expect(job).toContainText('1/');
  // …and so does its effect: the Team field now names the group.
  await expect(page.getByLabel('Team')).toHaveValue(/\d+/);
  await expect(page.getByLabel('Team').locator('option:checked')).toHaveText('Sagsbehandling');
  // The initial status's action ran when the record was created.
  await expect(page.getByTestId('job-row').filter({ hasText: 'Send til Visitation' })).toHaveAttribute('data-job-status', 'succeeded');
});
