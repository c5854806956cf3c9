import { expect, openAs, test } from './fixtures';

// Semicolon-separated with a BOM, as Danish Excel writes it. Lines (header = 1):
// 2 good, 3 bad CPR date, 4 good, 5 bad amount and missing name, 6 good.
const CSV = [
  '\uFEFFNavn;CPR-nummer;Ansøgt beløb (kr.);Ukendt kolonne',
  'Ulla Importsen;010180-1234;1500;x',
  'Bent Fejlsen;320180-1234;2000;x',
  'Vibeke Importsen;0202851234;2500,50;x',
  ';030390-1234;mange penge;x',
  'Preben Importsen;;;x',
].join('\r\n');

test('CSV import reports bad rows by line and imports the rest', async ({ page, server }) => {
  await openAs(page, server, 'Mette Jensen');
  await page.getByRole('link', { name: 'Importér CSV' }).click();

  await page.getByLabel('CSV-fil').setInputFiles({ name: 'ansoegninger.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV, 'utf8') });
  await expect(page.getByTestId('csv-row-count')).toHaveText('5 rækker');

  // Headers matching field labels are suggested; the unknown column is ignored.
  await expect(page.getByLabel('Navn', { exact: true })).toHaveValue('navn');
  await expect(page.getByLabel('CPR-nummer', { exact: true })).toHaveValue('cpr');
  await page.getByLabel('Ansøgt beløb (kr.)', { exact: true }).selectOption('beloeb');
  await page.getByLabel('Ukendt kolonne').selectOption('');
  await page.getByLabel('Arbejdsgang for de nye sager').selectOption({ label: 'Ansøgning om tilskud' });
  await page.getByRole('button', { name: 'Importér', exact: true }).click();

  const report = page.getByTestId('import-report');
  await expect(report.getByTestId('import-imported')).toHaveText('3 sager importeret');
  await expect(report.getByTestId('import-failed')).toHaveText('2 rækker med fejl');
  const errorRows = report.getByTestId('import-row-error');
  await expect(errorRows).toHaveCount(2);
  const line3 = report.locator('[data-testid="import-row-error"][data-line="3"]');
  await expect(line3).toContainText('CPR-nummer: CPR-nummeret indeholder ikke en gyldig fødselsdato');
  const line5 = report.locator('[data-testid="import-row-error"][data-line="5"]');
  await expect(line5).toContainText('Navn: Feltet skal udfyldes');
  await expect(line5).toContainText('Ansøgt beløb (kr.): Skal være et tal');

  // The good rows are real records now; the bad ones are not there at all.
  await page.getByRole('link', { name: 'Alle sager' }).click();
  await page.getByLabel('Søg').fill('Importsen');
  await expect(page.getByTestId('record-total')).toHaveText('3 sager');
  await expect(page.getByTestId('record-row')).toHaveCount(3);
  await expect(page.getByTestId('record-row').filter({ hasText: 'Vibeke Importsen' })).toContainText('020285-****');
  await page.getByLabel('Søg').fill('Fejlsen');
  await expect(page.getByTestId('record-empty')).toBeVisible();

  // An imported record carries the mapped values (amount normalised by main).
  await page.getByLabel('Søg').fill('Vibeke');
  await page.getByTestId('record-row').filter({ hasText: 'Vibeke Importsen' }).click();
  await expect(page.getByLabel('Ansøgt beløb (kr.)')).toHaveValue('2.500,50');
  await expect(page.getByTestId('current-status')).toHaveText('Modtaget');
});
