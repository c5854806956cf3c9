// A setting that cannot work is refused when saved, and the banner names the
// setting in Danish: a plain-http MitID domain, and a client secret the browser
// transport cannot store (it reads secrets from the environment).
import { expect, openAs, test } from './fixtures';

test('the MitID settings name the refused setting in Danish and keep what was stored', async ({ page, server }) => {
  await openAs(page, server, 'Mette Jensen');
  await page.evaluate(() => (window.location.hash = '#/mitid'));
  const domain = page.getByLabel('Idura-domæne');
  await domain.fill('http://kommune.idura.broker');
  await page.getByRole('button', { name: 'Gem', exact: true }).click();
  await expect(page.getByTestId('setting-errors')).toContainText('Idura-domæne (MitID) skal være en https-adresse');

  await domain.fill('kommune.idura.broker');
  await page.getByLabel('Client secret (valgfri)').fill('en-ny-hemmelighed');
  await page.getByRole('button', { name: 'Gem', exact: true }).click();
  await expect(page.getByTestId('setting-errors')).toContainText('Client secret (MitID) kan ikke gemmes her');
  await expect(page.getByTestId('setting-errors')).toContainText('CASEWORKER_SECRET_MITID_CLIENT_SECRET');

  await page.getByLabel('Client secret (valgfri)').fill('');
  await page.getByRole('button', { name: 'Gem', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Gemt' })).toBeVisible();
  await expect(page.getByTestId('error-banner')).toHaveCount(0);
});
