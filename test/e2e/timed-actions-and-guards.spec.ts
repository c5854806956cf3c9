import type { Page } from '@playwright/test';
import { expect, openAs, openStatusActions, test } from './fixtures';

// Evidence for issue 7 in the browser transport: a transition guarded by "no
// failed status action" is refused while a status action has failed, with the
// reason and a link to the failed job; an administrator overrides it with an
// audited reason. And a delayed status action shows on the record with its due time.

async function createRecord(page: Page, name: string) {
  await page.getByRole('link', { name: 'Ny sag' }).click();
  await page.getByLabel('Arbejdsgang').selectOption({ label: 'Ansøgning om tilskud' });
  await page.getByLabel('Navn').fill(name);
  await page.getByRole('button', { name: 'Opret sag' }).click();
  await expect(page.getByTestId('record-view')).toBeVisible();
}

test('a guarded transition is refused while a status action has failed, and an administrator overrides it with an audited reason', async ({ page, server }) => {
  await openAs(page, server, 'Mette Jensen');

  // A status action that cannot succeed: "abc" is no amount.
  const editor = await openStatusActions(page, 'Under behandling');
  await editor.getByRole('button', { name: 'Ny handling' }).click();
  const form = page.getByTestId('action-form');
  await form.getByLabel('Type').selectOption('set_field');
  await form.getByLabel('Navn').fill('Sæt beløb');
  await form.getByLabel('Felt').selectOption({ label: 'Ansøgt beløb (kr.)' });
  await form.getByLabel('Værdi').fill('abc');
  await form.getByRole('button', { name: 'Gem' }).click();
  await expect(editor.getByTestId('admin-action-row').filter({ hasText: 'Sæt beløb' })).toBeVisible();

  // The guard on "Under behandling → Afventer underskrift".
  const transition = page.getByTestId('admin-transition').filter({ hasText: 'Under behandling → Afventer underskrift' });
  await transition.getByRole('checkbox', { name: 'Ingen fejlede statushandlinger' }).check();
  await expect(transition.getByRole('checkbox', { name: 'Ingen fejlede statushandlinger' })).toBeChecked();

  await createRecord(page, 'Gitte Guardsen');
  await page.getByRole('button', { name: 'Påbegynd behandling' }).click();
  await page.getByTestId('status-dialog').getByRole('button', { name: 'Skift status' }).click();
  await expect(page.getByTestId('current-status')).toHaveText('Under behandling');
  await page.getByRole('tab', { name: /Handlinger/ }).click();
  await expect(page.getByTestId('job-row').filter({ hasText: 'Sæt beløb' })).toHaveAttribute('data-job-status', 'failed');
  await expect(page.getByTestId('job-row').filter({ hasText: 'Sæt beløb' }).getByTestId('job-retry')).toBeVisible();
  await expect(page.getByTestId('failed-actions-banner')).toContainText('Statushandlingen "Sæt beløb" er fejlet.');

  // Refused: the reason in plain Danish, a link to the failed job, no way to confirm.
  await page.getByRole('button', { name: 'Send til underskrift' }).click();
  const dialog = page.getByTestId('status-dialog');
  await expect(dialog.getByTestId('guard-failure')).toContainText('Statushandlingen "Sæt beløb" er fejlet');
  await expect(dialog.getByRole('button', { name: 'Skift status' })).toBeDisabled();
  await dialog.getByTestId('guard-failure-link').click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('job-row').filter({ hasText: 'Sæt beløb' })).toBeInViewport();

  // The administrator overrides with a mandatory reason.
  await page.getByRole('button', { name: 'Send til underskrift' }).click();
  await dialog.getByLabel('Gennemfør alligevel (administrator)').check();
  const confirm = dialog.getByRole('button', { name: 'Tilsidesæt betingelser og skift status' });
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel('Begrundelse (skal udfyldes og logges)').fill('Beløbet er aftalt med borgeren pr. telefon');
  await confirm.click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('current-status')).toHaveText('Afventer underskrift');
  await page.getByRole('tab', { name: /Revisionsspor/ }).click();
  await expect(page.getByTestId('audit-row').filter({ hasText: 'Betingelse tilsidesat af administrator' })).toContainText('Beløbet er aftalt');
});

test('a delayed status action shows on the record with its due time, and leaving the status cancels it', async ({ page, server }) => {
  await openAs(page, server, 'Mette Jensen');
  const editor = await openStatusActions(page, 'Under behandling');
  await editor.getByRole('button', { name: 'Ny handling' }).click();
  const form = page.getByTestId('action-form');
  await form.getByLabel('Type').selectOption('set_field');
  await form.getByLabel('Navn').fill('Rykker efter 14 dage');
  await form.getByLabel('Felt').selectOption({ label: 'Beskrivelse' });
  await form.getByLabel('Værdi').fill('Rykker sendt');
  await form.getByLabel('Udløses').selectOption('delay');
  await form.getByLabel('Frist', { exact: true }).fill('14');
  await form.getByLabel('Enhed').selectOption('days');
  await form.getByLabel('Regnet fra').selectOption('entered');
  await form.getByRole('button', { name: 'Gem' }).click();
  await expect(editor.getByTestId('admin-action-row').filter({ hasText: 'Rykker efter 14 dage' }).getByTestId('action-timing')).toHaveText(
    '14 dage efter sagen kom i status',
  );

  await createRecord(page, 'Tove Timersen');
  await expect(page.getByTestId('timed-actions')).toContainText('Ingen planlagte statushandlinger');
  const before = Date.now();
  await page.getByRole('button', { name: 'Påbegynd behandling' }).click();
  await page.getByTestId('status-dialog').getByRole('button', { name: 'Skift status' }).click();
  const row = page.getByTestId('timed-action').filter({ hasText: 'Rykker efter 14 dage' });
  await expect(row).toHaveAttribute('data-state', 'pending');
  await expect(row).toContainText('Planlagt');
  // The due time is 14 days from now, shown in Danish date format (d.m.yyyy).
  const due = new Date(before + 14 * 86_400_000);
  await expect(row.getByTestId('timed-action-due')).toContainText(`${due.getDate()}.${due.getMonth() + 1}.${due.getFullYear()}`);

  await page.getByRole('button', { name: 'Afvis' }).click();
  await page.getByTestId('status-dialog').getByRole('button', { name: 'Skift status' }).click();
  await expect(page.getByTestId('current-status')).toHaveText('Afvist');
  await expect(page.getByTestId('timed-action').filter({ hasText: 'Rykker efter 14 dage' })).toHaveAttribute('data-state', 'cancelled');
  await expect(page.getByTestId('timed-actions')).toContainText('Ingen planlagte statushandlinger');
});
