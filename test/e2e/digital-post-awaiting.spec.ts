import type { Page } from '@playwright/test';
import { expect, openAs, test } from './fixtures';

// A letter whose answer is lost is shown honestly: "Afventer kvittering" with
// the time of the last attempt and what the app waits for, never "Fejlet";
// when the access point answers again it is reconciled to "Afleveret", and the
// citizen's mailbox holds it once.

async function createRecord(page: Page, name: string, cpr: string): Promise<void> {
  await page.getByRole('link', { name: 'Ny sag' }).click();
  await page.getByLabel('Arbejdsgang').selectOption({ label: 'Ansøgning om tilskud' });
  await page.getByLabel('Navn').fill(name);
  await page.getByLabel('CPR-nummer').fill(cpr);
  await page.getByLabel('Ansøgt beløb (kr.)').fill('1000');
  await page.getByRole('button', { name: 'Opret sag' }).click();
  await expect(page.getByTestId('record-view')).toBeVisible();
}

test('a lost answer shows "Afventer kvittering" with the last attempt, then "Afleveret" once the access point answers', async ({ page, server }) => {
  await openAs(page, server, 'Mette Jensen');
  await page.getByRole('link', { name: 'Udbakke' }).click();
  const mailboxUrl = (await page.getByRole('link', { name: 'Åbn sandkassens borgerpostkasse' }).getAttribute('href')) ?? '';
  const sandbox = new URL(mailboxUrl).origin;
  try {
    // Every connection to the access point is reset before the letter is taken (a lost answer).
    expect((await page.request.put(`${sandbox}/sandbox/faults`, { data: { resetRate: 1, lostReceivedShare: 0, deliveryDelayMs: 0 } })).ok()).toBe(true);

    await createRecord(page, 'Freja Lund', '0905034562');
    await page.getByRole('tab', { name: 'Digital Post' }).click();
    await page.getByTestId('dp-write').click();
    const compose = page.getByTestId('dp-compose');
    await expect(compose.getByTestId('dp-exemption')).toHaveAttribute('data-status', 'REGISTERED');
    await compose.getByLabel('Emne', { exact: true }).fill('Svar på din ansøgning');
    await compose.getByLabel('Brevtekst (bliver til en PDF)').fill('Kære Freja');
    // A double click sends one request id twice: one letter.
    await compose.getByTestId('dp-send').dblclick();
    const message = page.getByTestId('dp-message');
    await expect(message).toHaveCount(1);
    await expect(message).toHaveAttribute('data-state', 'awaiting_receipt');
    await expect(message.getByTestId('dp-state')).toHaveText('Afventer kvittering');
    await expect(message.getByTestId('dp-waiting')).toContainText('Brevet er ikke fejlet');
    await expect(message.getByTestId('dp-last-attempt')).toContainText('Sidste forsøg');
    await expect(message).toContainText('Svaret fra Digital Post gik tabt');
    // The sender keeps trying under the same messageUUID; the letter is still not called failed.
    await expect.poll(async () => ((await (await page.request.get(`${sandbox}/sandbox/state`)).json()) as { totalPosts: number }).totalPosts).toBeGreaterThan(1);
    await expect(message).toHaveAttribute('data-state', 'awaiting_receipt');
    await page.getByRole('link', { name: 'Udbakke' }).click();
    await expect(page.getByTestId('outbox-count-failed')).toContainText('(0)');
    await expect(page.getByTestId('outbox-count-awaiting_receipt')).toContainText('(1)');
    const row = page.getByTestId('outbox-row').filter({ hasText: 'Svar på din ansøgning' });
    await expect(row).toHaveAttribute('data-state', 'awaiting_receipt');
    await expect(row).toContainText('Afventer kvittering');
    await expect(row.getByTestId('dp-last-attempt')).toContainText('Sidste forsøg');
    await page.goBack();

    // The access point answers again: the same messageUUID is sent once more and the receipt reconciles the letter.
    expect((await page.request.put(`${sandbox}/sandbox/faults`, { data: { resetRate: 0, lostReceivedShare: 0.5 } })).ok()).toBe(true);
    await page.getByRole('tab', { name: 'Digital Post' }).click();
    await expect(page.getByTestId('dp-message')).toHaveAttribute('data-state', 'delivered');
    const state = (await (await page.request.get(`${sandbox}/sandbox/state`)).json()) as { letters: { label: string }[]; pendingReceipts: number };
    expect(state.letters.filter((l) => l.label === 'Svar på din ansøgning')).toHaveLength(1);
  } finally {
    // Whatever happened, the sandbox answers normally afterwards.
    await page.request.put(`${sandbox}/sandbox/faults`, { data: { resetRate: 0, lostReceivedShare: 0.5 } });
  }
});
