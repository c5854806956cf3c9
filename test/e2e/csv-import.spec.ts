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
  await page.getByLabel('Søg', { exact: true }).fill('Importsen');
  await expect(page.getByTestId('record-total')).toHaveText('3 sager');
  await expect(page.getByTestId('record-row')).toHaveCount(3);
  await expect(page.getByTestId('record-row').filter({ hasText: 'Vibeke Importsen' })).toContainText('020285-****');
  await page.getByLabel('Søg', { exact: true }).fill('Fejlsen');
  await expect(page.getByTestId('record-empty')).toBeVisible();

  // An imported record carries the mapped values (amount normalised by main).
  await page.getByLabel('Søg', { exact: true }).fill('Vibeke');
  await page.getByTestId('record-row').filter({ hasText: 'Vibeke Importsen' }).click();
  await expect(page.getByLabel('Ansøgt beløb (kr.)')).toHaveValue('2.500,50');
  await expect(page.getByTestId('current-status')).toHaveText('Modtaget');
});

test('a Windows-1252 file (what Danish Excel writes) reads as the CLI reads it', async ({ page, server }) => {
  await openAs(page, server, 'Mette Jensen');
  await page.getByRole('link', { name: 'Importér CSV' }).click();
  const file = Buffer.from('Navn;Ansøgt beløb (kr.)\r\nSøren Østergård;4.500,75\r\nÅse Ærbø;1200\r\n', 'latin1');
  await page.getByLabel('CSV-fil').setInputFiles({ name: 'excel.csv', mimeType: 'text/csv', buffer: file });
  await expect(page.getByTestId('csv-row-count')).toHaveText('2 rækker');
  await expect(page.getByTestId('notice')).toContainText('Windows-1252');
  await expect(page.locator('.mapping-table')).toContainText('Søren Østergård');
  await expect(page.locator('.mapping-table')).not.toContainText('\uFFFD');
  await expect(page.getByLabel('Ansøgt beløb (kr.)', { exact: true })).toHaveValue('beloeb');
  await page.getByRole('button', { name: 'Importér', exact: true }).click();
  await expect(page.getByTestId('import-imported')).toHaveText('2 sager importeret');

  // Danish in, Danish out: 4.500,75 was read, and is shown the same way.
  await page.getByRole('link', { name: 'Alle sager' }).click();
  await page.getByLabel('Søg', { exact: true }).fill('ostergard');
  await page.getByTestId('record-row').filter({ hasText: 'Søren Østergård' }).click();
  await expect(page.getByLabel('Ansøgt beløb (kr.)')).toHaveValue('4.500,75');
});

test('a file without a header row is flagged before import, and its first row can be imported as data', async ({ page, server }) => {
  await openAs(page, server, 'Mette Jensen');
  await page.getByRole('link', { name: 'Importér CSV' }).click();
  const file = 'Hanne Hovedløs;hanne@example.dk\r\nHenrik Hovedløs;henrik@example.dk\r\n';
  await page.getByLabel('CSV-fil').setInputFiles({ name: 'uden-overskrift.csv', mimeType: 'text/csv', buffer: Buffer.from(file, 'utf8') });
  const warning = page.getByTestId('csv-header-warning');
  await expect(warning).toContainText('Første række ligner data');
  await expect(page.getByTestId('csv-row-count')).toHaveText('1 række');
  await warning.getByLabel('Første række er data').check();
  await expect(page.getByTestId('csv-row-count')).toHaveText('2 rækker');
  await page.getByLabel('Kolonne 1', { exact: true }).selectOption('navn');
  await page.getByLabel('Kolonne 2', { exact: true }).selectOption('email');
  await page.getByRole('button', { name: 'Importér', exact: true }).click();
  await expect(page.getByTestId('import-imported')).toHaveText('2 sager importeret');
  await page.getByRole('link', { name: 'Alle sager' }).click();
  await page.getByLabel('Søg', { exact: true }).fill('Hovedløs');
  await expect(page.getByTestId('record-total')).toHaveText('2 sager');
});

test('duplicate CPR numbers are flagged before anything is written, and left out', async ({ page, server }) => {
  await openAs(page, server, 'Mette Jensen');
  await page.getByRole('link', { name: 'Importér CSV' }).click();
  const file = ['Navn;CPR-nummer', 'Dorte Dublet;050505-1234', 'Dennis Dublet;0505051234', 'Dagny Enkelt;060606-1234'].join('\r\n');
  await page.getByLabel('CSV-fil').setInputFiles({ name: 'dubletter.csv', mimeType: 'text/csv', buffer: Buffer.from(file, 'utf8') });
  await expect(page.getByTestId('csv-duplicates-in-file')).toContainText('1 række har et CPR-nummer, der også står tidligere i filen');
  await expect(page.getByTestId('csv-duplicates-in-file')).toContainText('Linje 3');
  await page.getByRole('button', { name: 'Importér', exact: true }).click();
  await expect(page.getByTestId('import-imported')).toHaveText('2 sager importeret');
  await expect(page.locator('[data-testid="import-row-error"][data-line="3"]')).toContainText('CPR-nummeret står også i en tidligere række i filen');
});

test('a report of 20,000 bad rows stays responsive: a summary, a virtualised list and a download', async ({ page, server }) => {
  await openAs(page, server, 'Mette Jensen');
  await page.getByRole('link', { name: 'Importér CSV' }).click();
  const lines = ['Navn;E-mail'];
  for (let i = 0; i < 20_000; i += 1) lines.push(`Fejl Borger ${i};ikke-en-mail-${i}`);
  lines.push('God Borger;god@example.dk');
  await page.getByLabel('CSV-fil').setInputFiles({ name: 'mange-fejl.csv', mimeType: 'text/csv', buffer: Buffer.from(lines.join('\r\n'), 'utf8') });
  await expect(page.getByTestId('csv-row-count')).toHaveText('20.001 rækker');
  await page.getByRole('button', { name: 'Importér', exact: true }).click();
  await expect(page.getByTestId('import-imported')).toHaveText('1 sag importeret');
  await expect(page.getByTestId('import-failed')).toHaveText('20.000 rækker med fejl');

  // Only the rows on screen are drawn; the last one is reached by scrolling.
  await expect(page.getByTestId('import-row-error').first()).toBeVisible();
  expect(await page.getByTestId('import-row-error').count()).toBeLessThan(100);
  await page.getByTestId('import-errors-scroll').evaluate((el) => el.scrollTo(0, el.scrollHeight));
  await expect(page.locator('[data-testid="import-row-error"][data-line="20001"]')).toContainText('E-mail: ');

  const download = page.waitForEvent('download');
  await page.getByTestId('import-report-download').click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('importrapport.csv');
  const text = (await import('node:fs')).readFileSync((await file.path()) as string, 'utf8');
  const rows = text.replace(/^\uFEFF/, '').trim().split('\r\n');
  expect(rows).toHaveLength(20_001);
  expect(rows[0]).toBe('Linje;Fejl');
  expect(rows[1]).toMatch(/^2;E-mail: /);
  expect(rows[20_000]).toMatch(/^20001;E-mail: /);
});
