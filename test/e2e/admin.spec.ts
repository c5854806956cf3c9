import { readFile } from 'node:fs/promises';
import { expect, openAs, test } from './fixtures';

test('an administrator adds a field, a status action, a group and a user, and exports the workspace', async ({ page, server }) => {
  await openAs(page, server, 'Mette Jensen');
  await page.getByRole('link', { name: 'Administration' }).click();

  // A new field appears in the admin list and on every record.
  await page.getByRole('button', { name: 'Nyt felt' }).click();
  const fieldForm = page.getByTestId('field-form');
  await fieldForm.getByLabel('Navn').fill('Journalnotat');
  await fieldForm.getByLabel('Nøgle').fill('journalnotat');
  await fieldForm.getByLabel('Type').selectOption('longtext');
  await fieldForm.getByRole('button', { name: 'Gem' }).click();
  await expect(fieldForm).toHaveCount(0);
  await expect(page.locator('[data-testid="admin-field-row"][data-field-key="journalnotat"]')).toContainText('Lang tekst');

  // A bad key is refused by main and the form stays open with the error.
  await page.getByRole('button', { name: 'Nyt felt' }).click();
  await fieldForm.getByLabel('Navn').fill('Forkert');
  await fieldForm.getByLabel('Nøgle').fill('Ugyldig Nøgle');
  await fieldForm.getByRole('button', { name: 'Gem' }).click();
  await expect(fieldForm.getByTestId('error-banner')).toBeVisible();
  await fieldForm.getByRole('button', { name: 'Annullér' }).click();

  // A status action on "Afventer underskrift" that sets a choice field.
  await page.getByRole('link', { name: 'Arbejdsgange' }).click();
  await page.getByRole('button', { name: 'Ansøgning om tilskud' }).click();
  const waiting = page.getByTestId('admin-status-row').filter({ has: page.locator('input[value="Afventer underskrift"]') });
  await waiting.getByRole('button', { name: /Handlinger/ }).click();
  const editor = page.getByTestId('actions-editor');
  await expect(editor).toContainText('Afventer underskrift');
  await editor.getByRole('button', { name: 'Ny handling' }).click();
  const actionForm = page.getByTestId('action-form');
  await actionForm.getByLabel('Type').selectOption('set_field');
  await actionForm.getByLabel('Navn').fill('Sæt ansøgningstype');
  await actionForm.getByLabel('Felt').selectOption({ label: 'Ansøgningstype' });
  await actionForm.getByLabel('Værdi').selectOption('Tandpleje');
  await actionForm.getByRole('button', { name: 'Gem' }).click();
  await expect(editor.getByTestId('admin-action-row').filter({ hasText: 'Sæt ansøgningstype' })).toContainText('Ansøgningstype sættes til »Tandpleje«');

  // A group and a user in it.
  await page.getByRole('link', { name: 'Brugere og grupper' }).click();
  await page.getByLabel('Ny gruppe').fill('Jura');
  await page.getByRole('button', { name: 'Tilføj' }).click();
  await expect(page.getByTestId('admin-group-row').filter({ has: page.locator('input[value="Jura"]') })).toContainText('0 medlemmer');
  await page.getByRole('button', { name: 'Ny bruger' }).click();
  const userForm = page.getByTestId('user-form');
  await userForm.getByLabel('Navn', { exact: true }).fill('Sofie Testrup');
  await userForm.getByLabel('Initialer').fill('ST');
  await userForm.getByLabel('E-mail').fill('sofie@kommune.example');
  await userForm.getByRole('checkbox', { name: 'Jura' }).check();
  await userForm.getByRole('button', { name: 'Gem' }).click();
  await expect(page.getByTestId('admin-user-row').filter({ hasText: 'Sofie Testrup' })).toContainText('Jura');

  // Export downloads the definition as JSON, including what was just added.
  await page.getByRole('link', { name: 'Eksport og import' }).click();
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Eksportér som JSON' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/\.json$/);
  const exported = await readFile(await download.path(), 'utf8');
  expect(exported).toContain('journalnotat');
  expect(exported).toContain('Sæt ansøgningstype');
  expect(exported).toContain('Sofie Testrup');

  // The new status action is previewed when a record moves into that status.
  await page.getByRole('link', { name: 'Alle sager' }).click();
  await page.getByLabel('Arbejdsgang').selectOption({ label: 'Ansøgning om tilskud' });
  await page.getByLabel('Status').selectOption({ label: 'Under behandling' });
  await page.getByTestId('record-row').first().click();
  await expect(page.getByLabel('Journalnotat')).toBeVisible();
  await page.getByRole('button', { name: 'Send til underskrift' }).click();
  await expect(page.getByTestId('status-preview-actions')).toContainText('Feltet "Ansøgningstype" sættes til "Tandpleje"');
  await page.getByTestId('status-dialog').getByRole('button', { name: 'Skift status' }).click();
  await expect(page.getByTestId('current-status')).toHaveText('Afventer underskrift');
  await expect(page.getByLabel('Ansøgningstype')).toHaveValue('Tandpleje');

  // Importing shows what the file changes before anything changes.
  await page.getByRole('link', { name: 'Administration' }).click();
  await page.getByRole('link', { name: 'Eksport og import' }).click();
  const edited = JSON.parse(exported) as { groups: { name: string }[]; workflows: { name: string; description: string }[] };
  edited.groups.push({ name: 'Hjemmepleje' });
  const inquiry = edited.workflows.find((w) => w.name === 'Borgerhenvendelse');
  if (inquiry) inquiry.description = 'Spørgsmål og klager fra borgere';
  const fileInput = page.getByLabel('JSON-fil');
  await fileInput.setInputFiles({ name: 'workspace.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(edited), 'utf8') });
  await page.getByRole('button', { name: 'Vis ændringer' }).click();
  const preview = page.getByTestId('import-preview');
  await expect(preview.getByTestId('import-changes')).toContainText('Hjemmepleje (ny)');
  await expect(preview.getByTestId('import-changes')).toContainText('Borgerhenvendelse (ændres)');
  await expect(preview.getByTestId('import-changes')).not.toContainText('Ansøgning om tilskud');
  // Cancelling changes nothing: the group is not there.
  await preview.getByRole('button', { name: 'Annullér' }).click();
  await page.getByRole('link', { name: 'Brugere og grupper' }).click();
  await expect(page.getByTestId('admin-group-row').filter({ has: page.locator('input[value="Jura"]') })).toHaveCount(1);
  await expect(page.getByTestId('admin-group-row').filter({ has: page.locator('input[value="Hjemmepleje"]') })).toHaveCount(0);
  await page.getByRole('link', { name: 'Eksport og import' }).click();
  await page.getByLabel('JSON-fil').setInputFiles({ name: 'workspace.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(edited), 'utf8') });
  await page.getByRole('button', { name: 'Vis ændringer' }).click();
  await page.getByTestId('import-preview').getByRole('button', { name: 'Importér' }).click();
  await expect(page.getByTestId('notice')).toHaveText('Arbejdsområdet er importeret.');
  await page.getByRole('link', { name: 'Brugere og grupper' }).click();
  await expect(page.getByTestId('admin-group-row').filter({ has: page.locator('input[value="Hjemmepleje"]') })).toHaveCount(1);
  await page.getByRole('link', { name: 'Eksport og import' }).click();

  // A file that is not a workspace is refused with its reason, in Danish.
  await page.getByLabel('JSON-fil').setInputFiles({ name: 'noget.json', mimeType: 'application/json', buffer: Buffer.from('{"format":', 'utf8') });
  await page.getByRole('button', { name: 'Vis ændringer' }).click();
  await expect(page.getByTestId('error-banner')).toContainText('Importen mislykkedes. Intet er ændret.');
  await expect(page.getByTestId('import-reason')).toHaveText('Filen er ikke gyldig JSON.');
});
