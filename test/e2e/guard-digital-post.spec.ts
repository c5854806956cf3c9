import type { Page } from '@playwright/test';
import { expect, openAs, openStatusActions, test } from './fixtures';

// Evidence for issue 7 in the browser transport: a transition guarded by "all
// Digital Post letters delivered" is refused while the record's letter has
// failed at the access point (the sandbox answers 503), with the reason and a
// link to the letter; after the caseworker sends it again successfully, the
// same transition goes through.

/** The app's Digital Post sandbox (started by the app on a free port), from the outbox page's mailbox link. */
async function sandboxUrl(page: Page): Promise<string> {
  await page.getByRole('link', { name: 'Udbakke' }).click();
  const mailbox = await page.getByRole('link', { name: 'Åbn sandkassens borgerpostkasse' }).getAttribute('href');
  expect(mailbox).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/mailbox$/);
  return mailbox!.replace(/\/mailbox$/, '');
}

async function setFaults(base: string, faults: Record<string, unknown>): Promise<void> {
  const res = await fetch(`${base}/sandbox/faults`, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(faults) });
  expect(res.ok).toBe(true);
}

test('"all letters delivered" refuses the move while the letter has failed, and allows it after a successful resend', async ({ page, server }) => {
  await openAs(page, server, 'Mette Jensen');

  // One attempt per letter, so a 503 fails it at once instead of retrying for minutes.
  await page.getByRole('link', { name: 'Administration' }).click();
  await page.getByRole('link', { name: 'Integrationer' }).click();
  const settings = page.getByTestId('dp-settings');
  await settings.getByLabel('Forsøg før et brev opgives').fill('1');
  await settings.getByRole('button', { name: 'Gem' }).click();
  await expect(settings.getByRole('status')).toHaveText('Gemt');

  // "Send Digital Post" on entering "Under behandling", and the guard on the way out.
  const editor = await openStatusActions(page, 'Under behandling');
  await editor.getByRole('button', { name: 'Ny handling' }).click();
  const form = page.getByTestId('action-form');
  await form.getByLabel('Type').selectOption('send_digital_post');
  await form.getByLabel('Navn').fill('Kvittering med Digital Post');
  await form.getByLabel('CPR-felt').selectOption({ label: 'CPR-nummer' });
  await form.getByLabel('Emne', { exact: true }).fill('Vi behandler din ansøgning');
  await form.getByLabel('Brevtekst (bliver til en PDF)').fill('Kære {{navn}}\n\nVi er gået i gang med din ansøgning.');
  await form.getByRole('button', { name: 'Gem' }).click();
  await expect(editor.getByTestId('admin-action-row').filter({ hasText: 'Kvittering med Digital Post' })).toBeVisible();
  const transition = page.getByTestId('admin-transition').filter({ hasText: 'Under behandling → Afventer underskrift' });
  const guard = transition.getByRole('checkbox', { name: 'Alle Digital Post-breve er afleveret' });
  await guard.check();
  await expect(guard).toBeChecked();

  // The access point is down when the letter goes out.
  const sandbox = await sandboxUrl(page);
  await setFaults(sandbox, { error5xxRate: 1 });

  await page.getByRole('link', { name: 'Ny sag' }).click();
  await page.getByLabel('Arbejdsgang').selectOption({ label: 'Ansøgning om tilskud' });
  await page.getByLabel('Navn').fill('Karen Holm');
  await page.getByLabel('CPR-nummer').fill('0101801234');
  await page.getByRole('button', { name: 'Opret sag' }).click();
  await expect(page.getByTestId('record-view')).toBeVisible();
  await page.getByRole('button', { name: 'Påbegynd behandling' }).click();
  await page.getByTestId('status-dialog').getByRole('button', { name: 'Skift status' }).click();
  await expect(page.getByTestId('current-status')).toHaveText('Under behandling');
  await page.getByRole('tab', { name: 'Digital Post' }).click();
  const letter = page.getByTestId('dp-message').first();
  await expect(letter).toHaveAttribute('data-state', 'failed');

  // Refused, in plain Danish, with a link to the failed letter.
  await page.getByRole('button', { name: 'Send til underskrift' }).click();
  const dialog = page.getByTestId('status-dialog');
  await expect(dialog.getByTestId('guard-failure')).toContainText('Digital Post-brevet "Vi behandler din ansøgning" kunne ikke sendes');
  await expect(dialog.getByRole('button', { name: 'Skift status' })).toBeDisabled();
  await dialog.getByTestId('guard-failure-link').click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('tab', { name: 'Digital Post' })).toHaveAttribute('aria-selected', 'true');
  await expect(letter).toBeInViewport();

  // The access point is back; the caseworker sends the letter again and it is delivered.
  await setFaults(sandbox, { error5xxRate: 0 });
  await letter.getByRole('button', { name: 'Send igen' }).click();
  await expect(letter).toHaveAttribute('data-state', 'delivered');

  // Now the same transition goes through.
  await page.getByRole('button', { name: 'Send til underskrift' }).click();
  await expect(dialog.getByTestId('guard-failure')).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Skift status' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('current-status')).toHaveText('Afventer underskrift');
});
