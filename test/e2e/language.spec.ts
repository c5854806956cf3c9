import { expect, openAs, test } from './fixtures';

test('the UI speaks Danish by default and English on switch, and remembers it', async ({ page, server }) => {
  await openAs(page, server, 'Jens Nielsen');
  await expect(page.locator('html')).toHaveAttribute('lang', 'da');
  await expect(page.getByRole('link', { name: 'Mine sager' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Skift bruger' })).toBeVisible();

  await page.getByLabel('Sprog').selectOption('en');
  await expect(page.getByRole('link', { name: 'My records' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'All records' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Switch user' })).toBeVisible();
  await expect(page.getByLabel('Search')).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');

  // The choice is a setting kept by main, so a reload (or the next start) keeps it.
  await page.reload();
  await expect(page.getByRole('link', { name: 'My records' })).toBeVisible();
  await page.getByRole('link', { name: 'All records' }).click();
  await expect(page.getByTestId('record-total')).toHaveText('200 records');
  await page.getByTestId('record-row').first().click();
  await expect(page.getByRole('tab', { name: /Status history/ })).toBeVisible();

  await page.getByLabel('Language').selectOption('da');
  await expect(page.getByRole('tab', { name: /Statushistorik/ })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Mine sager' })).toBeVisible();
});

test('switching user returns to the picker and changes who acts', async ({ page, server }) => {
  await openAs(page, server, 'Jens Nielsen');
  // Jens is no administrator: no administration menu.
  await expect(page.getByRole('link', { name: 'Administration' })).toHaveCount(0);
  await expect(page.getByTestId('sandbox-badge')).toHaveText('Sandbox');
  await page.getByRole('button', { name: 'Skift bruger' }).click();
  await expect(page.getByRole('heading', { name: 'Hvem er du?' })).toBeVisible();
  await page.getByRole('button', { name: /Mette Jensen/ }).click();
  await expect(page.getByTestId('current-user')).toContainText('Mette Jensen');
  await expect(page.getByRole('link', { name: 'Administration' })).toBeVisible();
});
