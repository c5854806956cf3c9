// "Test forbindelsen" on the MitID and Signatures screens tests what is in the
// form, not what is saved: the saved settings point at the app's own sandboxes
// and work; a wrong value typed (and not saved) makes the test fail with the
// cause in Danish, and the saved settings are unchanged. Screenshots at 1280 px.
import { expect, openAs, test } from './fixtures';

test.use({ viewport: { width: 1280, height: 900 } });

test('MitID: the form is tested, not the saved settings', async ({ page, server }, testInfo) => {
  await openAs(page, server, 'Mette Jensen');
  await page.evaluate(() => (window.location.hash = '#/mitid'));
  const result = page.getByTestId('mitid-test-connection-result');

  await page.getByRole('button', { name: 'Test forbindelsen' }).click();
  await expect(result).toContainText('Forbindelsen virker');

  // A client id typed, not saved: the test is of it.
  await page.getByLabel('Client ID').fill('ukendt-klient');
  await page.getByRole('button', { name: 'Test forbindelsen' }).click();
  await expect(result).toContainText('Adgang afvist');
  await expect(result).toContainText('afviste klient-id\'et "ukendt-klient"');
  await page.screenshot({ path: testInfo.outputPath('mitid-test-connection-1280.png'), fullPage: true });

  // A domain that is no Idura domain.
  await page.getByLabel('Client ID').fill('caseworker-desktop');
  await page.getByLabel('Idura-domæne').fill('https://127.0.0.1:1');
  await page.getByRole('button', { name: 'Test forbindelsen' }).click();
  await expect(result).toContainText('Kan ikke nå tjenesten');

  // Nothing was saved: after a reload the saved settings still work.
  await page.reload();
  await page.getByRole('button', { name: 'Test forbindelsen' }).click();
  await expect(page.getByTestId('mitid-test-connection-result')).toContainText('Forbindelsen virker');
});

test('Signatures: a wrong secret in the form fails, the empty field uses the saved one', async ({ page, server }, testInfo) => {
  await openAs(page, server, 'Mette Jensen');
  await page.getByRole('link', { name: 'Administration' }).click();
  await page.getByRole('link', { name: 'Integrationer' }).click();
  const settings = page.getByTestId('signatures-settings');
  const result = settings.getByTestId('signatures-test-connection-result');

  await settings.getByLabel('Klient-hemmelighed').fill('en-forkert-hemmelighed');
  await settings.getByRole('button', { name: 'Test forbindelsen' }).click();
  await expect(result).toContainText('Adgang afvist');
  await expect(result).toContainText('HTTP 401');
  await settings.screenshot({ path: testInfo.outputPath('signatures-test-connection-1280.png') });

  await settings.getByLabel('Klient-hemmelighed').fill('');
  await settings.getByRole('button', { name: 'Test forbindelsen' }).click();
  await expect(result).toContainText('Forbindelsen virker');
});
