// A caseworker logs in with MitID: the first login links the MitID identity to
// the chosen profile, a later login (another tab = another client) selects it.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

async function mitidLogin(page: Page, citizen: string): Promise<void> {
  const popup = page.waitForEvent('popup');
  await page.getByTestId('mitid-sign-in').getByRole('button', { name: 'Log ind med MitID' }).click();
  const mitid = await popup;
  await mitid.getByLabel(new RegExp(citizen)).check();
  // The caseworker login asks for no CPR.
  await expect(mitid.getByLabel('Dit CPR-nummer')).toHaveCount(0);
  await mitid.getByRole('button', { name: 'Log ind', exact: true }).click();
  await expect(mitid.getByText('Du er logget ind')).toBeVisible();
  await mitid.close();
}

test('the first MitID login links the profile, later logins select it', async ({ page, context, server }) => {
  await page.goto(server.url);
  await page.getByLabel('Første gang: knyt MitID til profilen').selectOption({ label: 'Anne Sørensen' });
  await mitidLogin(page, 'Karen Holm');
  await expect(page.getByTestId('current-user')).toContainText('Anne Sørensen');

  const later = await context.newPage();
  await later.goto(server.url);
  await mitidLogin(later, 'Karen Holm');
  await expect(later.getByTestId('current-user')).toContainText('Anne Sørensen');

  const stranger = await context.newPage();
  await stranger.goto(server.url);
  await mitidLogin(stranger, 'Freja Lund');
  await expect(stranger.getByRole('alert')).toContainText('ikke knyttet til en profil');
  await expect(stranger.getByTestId('current-user')).toHaveCount(0);
});
