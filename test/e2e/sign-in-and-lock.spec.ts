// The start screen follows the workspace's sign-in policy, and the idle lock
// hides every record until the caseworker signs in again.
import { userInfo } from 'node:os';
import type { Page } from '@playwright/test';
import { adminApi } from './access-helpers';
import { expect, openAs, test } from './fixtures';

// The web host runs as the same OS account as this test: that account is what it signs in with.
const ACCOUNT = userInfo().username;

test('the sandbox picker is labelled as no sign-in, and signs in', async ({ page, server }) => {
  await page.goto(server.url);
  await expect(page.getByTestId('picker-sandbox-notice')).toContainText('Sandkasse: Her vælger du en profil uden at logge ind');
  await openAs(page, server, 'Jens Nielsen');
});

test('OS-account policy: no picker, the linked computer account signs in, an unlinked one is told why', async ({ page, context, server }) => {
  const admin = await adminApi(server);
  await admin.call('linkOsAccount', { username: ACCOUNT, userId: admin.userId('Mette Jensen') });
  await admin.call('saveSignInPolicy', { method: 'os_account', idleLockSeconds: 900 });

  await page.goto(server.url);
  const screen = page.getByTestId('sign-in-screen');
  await expect(screen.getByRole('heading', { name: 'Log ind' })).toBeVisible();
  await expect(page.getByRole('button', { name: /Jens Nielsen/ })).toHaveCount(0);
  await expect(page.getByTestId('picker-sandbox-notice')).toHaveCount(0);
  await screen.getByRole('button', { name: `Log ind som ${ACCOUNT}` }).click();
  await expect(page.getByTestId('current-user')).toContainText('Mette Jensen');

  // The link removed: the same account is refused with the reason, in Danish.
  await admin.call('linkOsAccount', { username: ACCOUNT, userId: null });
  const other = await context.newPage();
  await other.goto(server.url);
  await other.getByRole('button', { name: `Log ind som ${ACCOUNT}` }).click();
  await expect(other.getByTestId('os-sign-in-problem')).toHaveText(`Computerkontoen »${ACCOUNT}« er ikke knyttet til en profil. Bed en administrator om at knytte den.`);
  await expect(other.getByTestId('current-user')).toHaveCount(0);
});

test('MitID policy: the start screen offers MitID only, and a linked MitID signs in', async ({ page, context, server }) => {
  const admin = await adminApi(server);
  await admin.call('saveSignInPolicy', { method: 'mitid', idleLockSeconds: 900 });
  await page.goto(server.url);
  await expect(page.getByRole('heading', { name: 'Log ind med MitID' })).toBeVisible();
  await expect(page.getByRole('button', { name: /Jens Nielsen/ })).toHaveCount(0);
  // First login links the chosen profile (as before); a later tab signs in with the same MitID.
  await page.getByLabel('Første gang: knyt MitID til profilen').selectOption({ label: 'Anne Sørensen' });
  await mitidLogin(page, 'Karen Holm');
  await expect(page.getByTestId('current-user')).toContainText('Anne Sørensen');
  const later = await context.newPage();
  await later.goto(server.url);
  await mitidLogin(later, 'Karen Holm');
  await expect(later.getByTestId('current-user')).toContainText('Anne Sørensen');
});

test('the idle lock hides all record data until the caseworker signs in again', async ({ page, server }) => {
  const admin = await adminApi(server);
  // A short idle time for the test; the default is 15 minutes.
  await admin.call('saveSignInPolicy', { method: 'picker', idleLockSeconds: 8 });
  await openAs(page, server, 'Jens Nielsen');
  await page.getByRole('link', { name: 'Alle sager' }).click();
  await expect(page.getByTestId('record-row').first()).toBeVisible();

  // No input: the lock screen comes, and no record is left on the page.
  const lock = page.getByTestId('lock-screen');
  await expect(lock).toBeVisible();
  await expect(lock.getByRole('heading', { name: 'Skærmen er låst' })).toBeVisible();
  await expect(page.getByTestId('record-row')).toHaveCount(0);
  await expect(page.getByTestId('current-user')).toHaveCount(0);
  // Main refuses the data too, whatever the page does.
  const refused = await page.evaluate(async () => {
    const token = sessionStorage.getItem('caseworker.token');
    const client = sessionStorage.getItem('caseworker.clientId');
    const res = await fetch('/api/listRecords', {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'X-Client-Id': client ?? '', 'Content-Type': 'application/json' },
      body: JSON.stringify({ offset: 0, limit: 5 }),
    });
    return ((await res.json()) as { error?: { code: string } }).error?.code;
  });
  expect(refused).toBe('session_locked');

  await lock.getByRole('button', { name: /Jens Nielsen/ }).click();
  await expect(page.getByTestId('current-user')).toContainText('Jens Nielsen');
  await expect(page.getByTestId('record-row').first()).toBeVisible();
});

test('"Lås skærm" locks at once', async ({ page, server }) => {
  await openAs(page, server, 'Jens Nielsen');
  await page.getByTestId('lock-now').click();
  await expect(page.getByTestId('lock-screen')).toBeVisible();
  await expect(page.getByTestId('current-user')).toHaveCount(0);
});

async function mitidLogin(page: Page, person: string): Promise<void> {
  const popup = page.waitForEvent('popup');
  await page.getByTestId('mitid-sign-in').getByRole('button', { name: 'Log ind med MitID' }).click();
  const mitid = await popup;
  await mitid.getByLabel(new RegExp(person)).check();
  await mitid.getByRole('button', { name: 'Log ind', exact: true }).click();
  await expect(mitid.getByText('Du er logget ind')).toBeVisible();
  await mitid.close();
}

test('the administrator sets the policy, links the computer account and grants a permission in Administration', async ({ page, context, server }) => {
  await openAs(page, server, 'Mette Jensen');
  await page.getByRole('link', { name: 'Administration' }).click();
  await page.getByRole('link', { name: 'Brugere og grupper' }).click();
  const admin = page.getByTestId('access-admin');
  await expect(admin).toContainText(`Programmet kører nu som computerkontoen »${ACCOUNT}«.`);

  // The OS account policy before the admin's own account is linked: refused, with the reason.
  await admin.getByLabel(/Computerkonto knyttet til en profil/).check();
  await admin.getByRole('button', { name: 'Gem' }).click();
  await expect(admin.getByTestId('access-admin-problem')).toContainText(`Knyt først din egen computerkonto »${ACCOUNT}«`);

  await expect(admin.getByLabel('Computerkonto', { exact: true })).toHaveValue(ACCOUNT);
  await admin.getByLabel('Profil', { exact: true }).selectOption({ label: 'Mette Jensen' });
  await admin.getByRole('button', { name: 'Knyt' }).click();
  await expect(admin.getByTestId('os-account-row')).toContainText(['Mette Jensen']);
  await admin.getByLabel('Lås skærmen efter så mange minutters inaktivitet').fill('20');
  await admin.getByRole('button', { name: 'Gem' }).click();
  await expect(admin.getByRole('status')).toHaveText('Gemt.');

  const jens = admin.getByTestId('permission-row').filter({ hasText: 'Jens Nielsen' });
  // The box shows what main saved, so it turns on when the answer comes.
  await jens.getByLabel('Sende masseforsendelser').click();
  await expect(jens.getByLabel('Sende masseforsendelser')).toBeChecked();

  const next = await context.newPage();
  await next.goto(server.url);
  await expect(next.getByRole('button', { name: `Log ind som ${ACCOUNT}` })).toBeVisible();
  await expect(next.getByTestId('picker-sandbox-notice')).toHaveCount(0);
  await next.getByRole('button', { name: `Log ind som ${ACCOUNT}` }).click();
  await expect(next.getByTestId('current-user')).toContainText('Mette Jensen');
  // What was saved is what the form shows after a reload.
  await page.reload();
  await expect(page.getByTestId('access-admin').getByLabel('Lås skærmen efter så mange minutters inaktivitet')).toHaveValue('20');
  await expect(page.getByTestId('access-admin').getByLabel(/Computerkonto knyttet til en profil/)).toBeChecked();
});
