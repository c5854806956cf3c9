import { expect, openAs, test } from './fixtures';

test('the list is virtualised, sorts, filters and searches by number and CPR', async ({ page, server }) => {
  await openAs(page, server, 'Mette Jensen');
  await page.getByRole('link', { name: 'Alle sager' }).click();
  await expect(page.getByTestId('record-total')).toHaveText('200 sager');
  // Only the rows on screen (plus overscan) exist in the DOM.
  await expect(page.getByTestId('record-row').first()).toBeVisible();
  expect(await page.getByTestId('record-row').count()).toBeLessThan(80);

  // Sort by record number, ascending, and scroll to the very end.
  await page.getByRole('columnheader', { name: 'Sagsnr.' }).getByRole('button').click();
  await expect(page.getByRole('columnheader', { name: 'Sagsnr.' })).toHaveAttribute('aria-sort', 'ascending');
  await expect(page.getByTestId('record-row').first()).toContainText(/^\d{4}-000001/);
  await page.getByTestId('record-scroll').evaluate((el) => el.scrollTo(0, el.scrollHeight));
  await expect(page.getByTestId('record-row').filter({ hasText: /-000200/ })).toBeVisible();
  await page.getByRole('columnheader', { name: 'Sagsnr.' }).getByRole('button').click();
  await expect(page.getByTestId('record-row').first()).toContainText(/^\d{4}-000200/);

  // Filter by workflow and one of its statuses.
  await page.getByLabel('Arbejdsgang').selectOption({ label: 'Ansøgning om tilskud' });
  await page.getByLabel('Status').selectOption({ label: 'Afvist' });
  await expect(page.getByTestId('record-total')).not.toHaveText('200 sager');
  const rows = page.getByTestId('record-row');
  await expect(rows.first()).toBeVisible();
  for (const text of await rows.allTextContents()) expect(text).toContain('Afvist');
  await page.getByRole('button', { name: 'Nulstil filtre' }).click();
  await expect(page.getByTestId('record-total')).toHaveText('200 sager');

  // Search by record number.
  await page.getByLabel('Søg', { exact: true }).fill('2026-000042');
  await expect(page.getByTestId('record-total')).toHaveText('1 sag');
  await rows.first().click();
  // Going back keeps the caseworker's search.
  await page.getByRole('link', { name: /Tilbage til listen/ }).click();
  await expect(page.getByRole('heading', { name: 'Alle sager' })).toBeVisible();
  await expect(page.getByLabel('Søg', { exact: true })).toHaveValue('2026-000042');
  await rows.first().click();

  // Search by a full CPR number (revealed first, which is audited).
  await page.getByRole('button', { name: 'Vis CPR' }).click();
  await expect(page.getByLabel('CPR-nummer')).toHaveValue(/^\d{6}-\d{4}$/);
  const cpr = await page.getByLabel('CPR-nummer').inputValue();
  await page.getByRole('link', { name: 'Alle sager' }).click();
  await page.getByLabel('Søg', { exact: true }).fill(cpr);
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('2026-000042');
  await expect(rows.first()).toContainText(`${cpr.slice(0, 6)}-****`);
});

test('"Mine sager" shows the records the user is responsible for, directly or through a group', async ({ page, server }) => {
  await openAs(page, server, 'Lars Pedersen');
  await expect(page.getByRole('heading', { name: 'Mine sager' })).toBeVisible();
  await expect(page.getByTestId('record-row').first()).toBeVisible();
  const mine = await page.getByTestId('record-total').textContent();
  await page.getByRole('link', { name: 'Alle sager' }).click();
  await expect(page.getByTestId('record-total')).toHaveText('200 sager');
  expect(mine).not.toBe('200 sager');
  // Lars is in no group that owns records in the demo, so every row of his names him.
  await page.getByRole('link', { name: 'Mine sager' }).click();
  for (const text of await page.getByTestId('record-row').allTextContents()) expect(text).toContain('Lars Pedersen');
});

test('finds cases as caseworkers type them: the birth date the list shows, a sequence number, a Danish spelling; punctuation finds nothing', async ({ page, server }) => {
  await openAs(page, server, 'Mette Jensen');
  await page.getByRole('link', { name: 'Alle sager' }).click();
  const rows = page.getByTestId('record-row');
  const search = page.getByLabel('Søg', { exact: true });

  // The birth date of record 2026-000042, as its row shows it (ddmmyy-****).
  await search.fill('2026-000042');
  await expect(rows).toHaveCount(1);
  const masked = (await rows.first().locator('.cell-cpr').textContent())?.trim() ?? '';
  expect(masked).toMatch(/^\d{6}-\*{4}$/);
  const birthDate = masked.slice(0, 6);
  await search.fill(birthDate);
  await expect(rows.first()).toBeVisible();
  for (const text of await rows.allTextContents()) expect(text).toContain(`${birthDate}-****`);
  await expect(rows.filter({ hasText: '2026-000042' })).toHaveCount(1);

  // The sequence part of a record number alone.
  await search.fill('42');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('2026-000042');

  // A Danish spelling finds the other one: the demo's Sørensens and Østergaards, searched without ø.
  const spellings: [string, string][] = [
    ['soerensen', 'Sørensen'],
    ['ostergaard', 'Østergaard'],
  ];
  for (const [typed, name] of spellings) {
    await search.fill(typed);
    await expect(rows.first()).toContainText(name);
    for (const text of await rows.allTextContents()) expect(text).toContain(name);
  }

  // Punctuation only: nothing, and the page says why (it used to list everyone).
  await search.fill('-- ...');
  await expect(page.getByTestId('record-empty')).toHaveText('Søgningen indeholder hverken bogstaver eller tal, så den finder ingen sager.');
  await expect(page.getByTestId('record-total')).toHaveText('0 sager');
});
