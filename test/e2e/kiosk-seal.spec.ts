// The questionnaire kiosk is a sealed room: keyboard, mouse, the back button and
// address changes never reach the app behind it, leaving is a caseworker's
// sign-in, and the kiosk starts clean for the next citizen.
import type { Page } from '@playwright/test';
import { adminApi } from './access-helpers';
import { expect, openAs, test } from './fixtures';

async function startKiosk(page: Page, server: Parameters<typeof adminApi>[0]): Promise<void> {
  const admin = await adminApi(server);
  const ws = await admin.call<{ workflows: { id: number; name: string }[] }>('getWorkspace', {});
  const workflowId = ws.workflows.find((w) => w.name === 'Ansøgning om tilskud')!.id;
  await admin.call('saveQuestionnaire', {
    title: 'Ansøg om tilskud',
    intro: '',
    mitidRequired: false,
    mode: 'new_record',
    workflowId,
    startStatusId: null,
    completedStatusId: null,
    questions: [{ kind: 'text', label: 'Dit navn', help: '', required: true, fieldKey: 'navn' }],
  });
  await openAs(page, server, 'Jens Nielsen');
  await page.getByRole('link', { name: 'Spørgeskemaer' }).click();
  await page.getByTestId('questionnaire-row').filter({ hasText: 'Ansøg om tilskud' }).getByRole('button', { name: 'Start kiosk' }).click();
  await expect(page.getByTestId('kiosk').getByLabel(/Dit navn/)).toBeVisible();
}

/** Nothing of the app behind the kiosk exists on the page. */
async function expectSealed(page: Page): Promise<void> {
  await expect(page.getByTestId('kiosk')).toBeVisible();
  await expect(page.getByRole('navigation')).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Alle sager' })).toHaveCount(0);
  await expect(page.getByTestId('record-row')).toHaveCount(0);
  await expect(page.getByTestId('record-view')).toHaveCount(0);
  await expect(page.getByTestId('current-user')).toHaveCount(0);
}

const focusInKiosk = (page: Page) => page.evaluate(() => document.querySelector('[data-testid="kiosk"]')?.contains(document.activeElement) ?? false);

test('keyboard, mouse, back button and address changes stay in the kiosk; main refuses record data', async ({ page, server }) => {
  await startKiosk(page, server);
  await expectSealed(page);

  // Keyboard: Tab and Shift+Tab go round inside; Enter on whatever has focus opens nothing behind.
  for (let i = 0; i < 8; i++) {
    await page.keyboard.press('Tab');
    expect(await focusInKiosk(page), `Tab ${i + 1}`).toBe(true);
  }
  for (let i = 0; i < 5; i++) {
    await page.keyboard.press('Shift+Tab');
    expect(await focusInKiosk(page), `Shift+Tab ${i + 1}`).toBe(true);
  }
  await page.getByTestId('kiosk').getByLabel(/Dit navn/).focus();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Escape');
  await expectSealed(page);

  // Mouse: where the header and menu used to be, and everywhere else outside the form.
  for (const [x, y] of [
    [10, 10],
    [200, 20],
    [600, 30],
    [20, 400],
  ] as const) {
    await page.mouse.click(x, y);
  }
  await expectSealed(page);

  // Browser back, a typed address, a reload.
  await page.goBack();
  await expectSealed(page);
  await page.evaluate(() => (window.location.hash = '#/records/all'));
  await expectSealed(page);
  await expect(page).toHaveURL(/#\/kiosk\//);
  await page.evaluate(() => (window.location.hash = '#/admin/users'));
  await expectSealed(page);
  await page.reload();
  await expectSealed(page);
  await expect(page.getByTestId('kiosk').getByLabel(/Dit navn/)).toBeVisible();

  // Main holds the session for the kiosk: record data is refused whatever the page does.
  const refused = await page.evaluate(async () => {
    const res = await fetch('/api/listRecords', {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${sessionStorage.getItem('caseworker.token')}`,
        'X-Client-Id': sessionStorage.getItem('caseworker.clientId') ?? '',
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({ offset: 0, limit: 5 }),
    });
    return (await res.json()) as { ok: boolean; error?: { code: string; message: string } };
  });
  expect(refused).toMatchObject({ ok: false, error: { code: 'not_allowed', message: 'Spørgeskemaet er åbent for borgeren. En sagsbehandler skal logge ind for at forlade det.' } });
});

test('the kiosk resets for the next citizen, and leaving needs a caseworker sign-in, not initials', async ({ page, server }) => {
  await startKiosk(page, server);
  const kiosk = page.getByTestId('kiosk');
  // A citizen sends without the required answer: an error; then sends properly.
  await kiosk.getByRole('button', { name: 'Send svar' }).click();
  await expect(kiosk.getByRole('alert').first()).toBeVisible();
  await kiosk.getByLabel(/Dit navn/).fill('Borger Et');
  await kiosk.getByRole('button', { name: 'Send svar' }).click();
  await expect(kiosk.getByTestId('kiosk-done')).toBeVisible();
  // The thank-you page keeps no red banner from the first attempt.
  await expect(kiosk.getByRole('alert')).toHaveCount(0);
  await expect(kiosk.getByTestId('error-banner')).toHaveCount(0);
  await kiosk.getByRole('button', { name: 'Nyt skema' }).click();
  // The next citizen sees a clean form: no answer, no error, no thank-you.
  await expect(kiosk.getByLabel(/Dit navn/)).toHaveValue('');
  await expect(kiosk.getByRole('alert')).toHaveCount(0);
  await expect(kiosk.getByTestId('kiosk-done')).toHaveCount(0);

  await kiosk.getByRole('button', { name: 'Afslut (sagsbehandler)' }).click();
  const dialog = page.getByTestId('leave-kiosk');
  await expect(dialog.getByLabel('Initialer')).toHaveCount(0);
  // Cancel keeps the kiosk.
  await dialog.getByRole('button', { name: 'Annullér' }).click();
  await expectSealed(page);
  await kiosk.getByRole('button', { name: 'Afslut (sagsbehandler)' }).click();
  await page.getByTestId('leave-kiosk').getByRole('button', { name: /Jens Nielsen/ }).click();
  await expect(page.getByTestId('kiosk')).toHaveCount(0);
  await expect(page.getByTestId('current-user')).toContainText('Jens Nielsen');
  await expect(page).toHaveURL(/#\/questionnaires/);
});
