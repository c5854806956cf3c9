import { expect, openAs, test } from './fixtures';

// A CPR number typed into a free-text field: the record view shows it masked,
// "Vis CPR" reveals the text as typed (audited), and editing the masked text
// keeps the number it hid.
test('a CPR number in a description is masked, revealed on request, and survives an edit of the masked text', async ({ page, server }) => {
  await openAs(page, server, 'Mette Jensen');
  await page.getByRole('link', { name: 'Ny sag' }).click();
  await page.getByLabel('Arbejdsgang').selectOption({ label: 'Ansøgning om tilskud' });
  await page.getByLabel('Navn').fill('Tekst Testesen');
  await page.getByLabel('Beskrivelse').fill('Ægtefællens CPR er 1203851234.');
  await page.getByRole('button', { name: 'Opret sag' }).click();
  await expect(page.getByTestId('record-view')).toBeVisible();

  const description = page.getByLabel('Beskrivelse');
  await expect(description).toHaveValue('Ægtefællens CPR er 120385-****.');
  // Editing the masked text: the number it hid stays.
  await description.fill('Ægtefællens CPR er 120385-****. Ringet op.');
  await page.getByRole('button', { name: 'Gem ændringer' }).click();
  await expect(page.getByTestId('notice')).toBeVisible();
  await expect(description).toHaveValue('Ægtefællens CPR er 120385-****. Ringet op.');

  await page.getByRole('button', { name: 'Vis CPR' }).click();
  await expect(description).toHaveValue('Ægtefællens CPR er 1203851234. Ringet op.');
  await page.getByRole('tab', { name: /Revisionsspor/ }).click();
  await expect(page.getByTestId('audit-row').filter({ hasText: 'Fuldt CPR-nummer vist' })).toHaveCount(1);
  await expect(page.getByTestId('audit-row').filter({ hasText: '1203851234' })).toHaveCount(0);
});
