import { expect, openAs, openRecordBySearch, test } from './fixtures';

// Two caseworkers, two browser contexts (two clients of the transport), one record:
// the second save is refused with a clear message instead of silently overwriting.
test('a conflicting edit is refused and the first save survives', async ({ page, server, browser }) => {
  const otherContext = await browser.newContext({ locale: 'da-DK', viewport: { width: 1400, height: 900 } });
  const other = await otherContext.newPage();
  try {
    await openAs(page, server, 'Mette Jensen');
    await openAs(other, server, 'Jens Nielsen');

    // Open the same record in both: find it in one, then search its number in the other.
    await page.getByRole('link', { name: 'Alle sager' }).click();
    await page.getByTestId('record-row').first().click();
    const number = (await page.getByTestId('record-number').textContent())?.replace('Sag ', '').trim() ?? '';
    expect(number).toMatch(/^\d{4}-\d{6}$/);
    await openRecordBySearch(other, number);
    await expect(other.getByTestId('record-number')).toHaveText(`Sag ${number}`);

    // Both start editing the same field; the first caseworker saves first.
    await other.getByLabel('Adresse').fill('Andenvej 2, 8000 Aarhus C');
    await page.getByLabel('Adresse').fill('Førstevej 1, 5000 Odense C');
    await page.getByRole('button', { name: 'Gem ændringer' }).click();
    await expect(page.getByTestId('notice')).toHaveText('Ændringerne er gemt');

    // The second save is refused with the conflict message; the input stays visible.
    await other.getByRole('button', { name: 'Gem ændringer' }).click();
    const banner = other.getByTestId('error-banner');
    await expect(banner).toHaveAttribute('data-error-code', 'conflict');
    await expect(banner).toContainText('Sagen er ændret af en anden siden du åbnede den');
    await expect(other.getByLabel('Adresse')).toHaveValue('Andenvej 2, 8000 Aarhus C');

    // Reloading fetches the newest version but keeps the caseworker's unsaved input.
    await banner.getByRole('button', { name: 'Genindlæs sagen' }).click();
    await expect(other.getByTestId('error-banner')).toHaveCount(0);
    await expect(other.getByLabel('Adresse')).toHaveValue('Andenvej 2, 8000 Aarhus C');

    // Nothing was overwritten: a fresh load shows the first caseworker's value,
    // and the audit trail has exactly one change to the address.
    await page.reload();
    await expect(page.getByLabel('Adresse')).toHaveValue('Førstevej 1, 5000 Odense C');
    await page.getByRole('tab', { name: /Revisionsspor/ }).click();
    await expect(page.getByTestId('audit-row').filter({ hasText: 'Adresse:' })).toHaveCount(1);
    await expect(page.getByTestId('audit-row').filter({ hasText: 'Førstevej 1' })).toContainText('Mette Jensen');

    // Having seen the newer version, the second caseworker may now save deliberately.
    await other.getByRole('button', { name: 'Gem ændringer' }).click();
    await expect(other.getByTestId('notice')).toHaveText('Ændringerne er gemt');
  } finally {
    await otherContext.close();
  }
});
