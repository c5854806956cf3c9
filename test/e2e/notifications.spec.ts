import type { Page } from '@playwright/test';
import { expect, openAs, openStatusActions, test } from './fixtures';

// Issue 6's evidence in the browser transport: an assignment by one caseworker
// reaches another's bell (pushed over server-sent events), with the record's
// basics and why they are told; clicking opens the record. Group assignments
// reach every member; a "Notify" status action reaches its recipients.

async function switchTo(page: Page, userName: string): Promise<void> {
  await page.getByRole('button', { name: 'Skift bruger' }).click();
  await page.getByRole('button', { name: new RegExp(userName) }).click();
  await expect(page.getByTestId('current-user')).toContainText(userName);
}

async function newRecord(page: Page, name: string, extra: (page: Page) => Promise<void> = async () => {}): Promise<string> {
  await page.getByRole('link', { name: 'Ny sag' }).click();
  await page.getByLabel('Arbejdsgang').selectOption({ label: 'Ansøgning om tilskud' });
  await page.getByLabel('Navn').fill(name);
  await extra(page);
  await page.getByRole('button', { name: 'Opret sag' }).click();
  await expect(page.getByTestId('record-view')).toBeVisible();
  const number = (await page.getByTestId('record-number').textContent())?.replace('Sag ', '').trim() ?? '';
  expect(number).toMatch(/^\d{4}-\d{6}$/);
  return number;
}

function entry(page: Page, text: string) {
  return page.getByTestId('notification').filter({ hasText: text });
}

async function openBell(page: Page): Promise<void> {
  await page.getByTestId('notification-bell').click();
  await expect(page.getByTestId('notification-popup')).toBeVisible();
}

test('an assignment reaches the assignee live, with record info and context; clicking opens the record', async ({ page, server, browser }) => {
  const other = await browser.newContext({ locale: 'da-DK', viewport: { width: 1400, height: 900 } });
  const jens = await other.newPage();
  try {
    await openAs(page, server, 'Mette Jensen');
    await openAs(jens, server, 'Jens Nielsen');
    await expect(jens.getByTestId('notification-count')).toHaveCount(0);

    const number = await newRecord(page, 'Notifikation Testesen');
    await page.getByLabel('Sagsbehandler').selectOption({ label: 'Jens Nielsen (JN)' });
    await page.getByRole('button', { name: 'Gem ændringer' }).click();
    await expect(page.getByTestId('notice')).toHaveText('Ændringerne er gemt');

    // Pushed to Jens's open tab without a reload.
    await expect(jens.getByTestId('notification-count')).toHaveText('1');
    await openBell(jens);
    const item = entry(jens, number);
    await expect(item).toContainText('Notifikation Testesen');
    await expect(item).toContainText('Ansøgning om tilskud');
    await expect(item).toContainText('Modtaget');
    await expect(item).toContainText("Du blev sat som ansvarlig i feltet 'Sagsbehandler' af Mette Jensen");
    await expect(item).toContainText('Sagsbehandler: Jens Nielsen');
    // Mette, who made the change, is not told about her own act.
    await openBell(page);
    await expect(entry(page, "feltet 'Sagsbehandler'")).toHaveCount(0);
    await page.keyboard.press('Escape');

    await item.getByRole('button', { name: /Notifikation Testesen/ }).click();
    await expect(jens.getByTestId('record-view')).toBeVisible();
    await expect(jens.getByTestId('record-number')).toHaveText(`Sag ${number}`);
    // Opening it marked it read.
    await expect(jens.getByTestId('notification-count')).toHaveCount(0);

    // Read / unread from the popup.
    await openBell(jens);
    await entry(jens, number).getByRole('button', { name: 'Markér som ulæst' }).click();
    await expect(jens.getByTestId('notification-count')).toHaveText('1');
    await jens.getByRole('button', { name: 'Markér alle som læst' }).click();
    await expect(jens.getByTestId('notification-count')).toHaveCount(0);

    // "Mine ansvarsområder" counts the record under its status.
    await jens.keyboard.press('Escape');
    await jens.getByRole('link', { name: 'Mine ansvarsområder' }).click();
    const table = jens.getByTestId('responsibilities-table');
    await expect(table).toContainText('Modtaget');
    await table.getByRole('button', { name: 'Modtaget' }).first().click();
    await expect(jens.getByRole('link', { name: number })).toBeVisible();
  } finally {
    await other.close();
  }
});

test('a group assignment reaches every member, and only them', async ({ page, server }) => {
  await openAs(page, server, 'Mette Jensen');
  const number = await newRecord(page, 'Gruppe Testesen');
  await page.getByLabel('Team').selectOption({ label: 'Sagsbehandling' });
  await page.getByRole('button', { name: 'Gem ændringer' }).click();
  await expect(page.getByTestId('notice')).toHaveText('Ændringerne er gemt');

  const context = "Din gruppe 'Sagsbehandling' blev sat som aktiv gruppe i feltet 'Team' af Mette Jensen";
  for (const member of ['Jens Nielsen', 'Anne Sørensen']) {
    await switchTo(page, member);
    await openBell(page);
    // Anne is also in Visitation, which the record's initial status action assigned: filter by the context.
    await expect(entry(page, number).filter({ hasText: context })).toHaveCount(1);
    await page.keyboard.press('Escape');
  }
  // Lars is in Økonomi, not Sagsbehandling.
  await switchTo(page, 'Lars Pedersen');
  await openBell(page);
  await expect(entry(page, number)).toHaveCount(0);
});

test('a "Notify" status action reaches its recipients', async ({ page, server }) => {
  await openAs(page, server, 'Mette Jensen');
  // The administrator adds the action to "Under behandling" in the admin screen.
  const editor = await openStatusActions(page, 'Under behandling');
  await editor.getByRole('button', { name: 'Ny handling' }).click();
  const form = page.getByTestId('action-form');
  await form.getByLabel('Type').selectOption('notify');
  await form.getByLabel('Navn').fill('Giv besked om behandling');
  await form.getByRole('group', { name: 'Brugere' }).getByLabel('Lars Pedersen').check();
  await form.getByRole('group', { name: 'Brugeren/gruppen i feltet' }).getByLabel('Sagsbehandler').check();
  await form.getByLabel('Besked').fill('Sagen om {{navn}} er under behandling');
  await form.getByRole('button', { name: 'Gem' }).click();
  await expect(editor.getByTestId('admin-action-row').filter({ hasText: 'Giv besked om behandling' })).toContainText(
    'Besked til Lars Pedersen, [Sagsbehandler]: Sagen om {{navn}} er under behandling',
  );

  const number = await newRecord(page, 'Handling Testesen', async (p) => {
    await p.getByLabel('Sagsbehandler').selectOption({ label: 'Anne Sørensen (AS)' });
  });
  await page.getByRole('button', { name: 'Påbegynd behandling' }).click();
  const dialog = page.getByTestId('status-dialog');
  await expect(dialog.getByTestId('status-preview-actions')).toContainText('Notifikation til Lars Pedersen, feltet "Sagsbehandler"');
  await dialog.getByRole('button', { name: 'Skift status' }).click();
  await expect(page.getByTestId('current-status')).toHaveText('Under behandling');

  const context = "Statushandling på 'Under behandling': Sagen om Handling Testesen er under behandling";
  for (const recipient of ['Lars Pedersen', 'Anne Sørensen']) {
    await switchTo(page, recipient);
    await openBell(page);
    await expect(entry(page, number).filter({ hasText: context })).toHaveCount(1);
    await page.keyboard.press('Escape');
  }
  // Jens is neither named nor in the field.
  await switchTo(page, 'Jens Nielsen');
  await openBell(page);
  await expect(page.getByTestId('notification').filter({ hasText: /Statushandling på/ })).toHaveCount(0);
});

test('a CSV import tells each person once, whatever caused it; opening the summary shows the records', async ({ page, server }) => {
  await openAs(page, server, 'Mette Jensen');
  await page.getByRole('link', { name: 'Importér CSV' }).click();
  // Caseworkers as a spreadsheet names them: initials and e-mail, not the app's ids.
  const csv = ['Navn;Sagsbehandler', 'Summa Importsen;JN', 'Summo Importsen;jn', 'Summe Importsen;jens.nielsen@kommune.example', 'Enkelt Importsen;LP'].join('\r\n');
  await page.getByLabel('CSV-fil').setInputFiles({ name: 'fordeling.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
  await expect(page.getByLabel('Sagsbehandler', { exact: true })).toHaveValue('sagsbehandler');
  await page.getByLabel('Arbejdsgang for de nye sager').selectOption({ label: 'Ansøgning om tilskud' });
  await page.getByRole('button', { name: 'Importér', exact: true }).click();
  await expect(page.getByTestId('import-imported')).toHaveText('4 sager importeret');

  // Jens is named on three records: one line saying so, not three.
  await switchTo(page, 'Jens Nielsen');
  await openBell(page);
  await expect(page.getByTestId('notification')).toHaveCount(1);
  const summary = entry(page, "CSV-import af fordeling.csv: 3 sager – du er ansvarlig i feltet 'Sagsbehandler': 3");
  await expect(summary).toHaveCount(1);
  await summary.getByRole('button', { name: /Vis sagerne/ }).click();
  const records = page.getByTestId('notification-records');
  await expect(page.getByTestId('notification-records-total')).toHaveText('3 sager');
  for (const name of ['Summa Importsen', 'Summo Importsen', 'Summe Importsen']) await expect(records).toContainText(name);
  await expect(records).not.toContainText('Enkelt Importsen');
  await expect(page.getByTestId('notification-count')).toHaveCount(0);
  await page.screenshot({ path: test.info().outputPath('bulk-summary-records-1280.png') });
  // A record opens from the list.
  await records.getByRole('link').first().click();
  await expect(page.getByTestId('record-view')).toBeVisible();

  // Anne is in Visitation, which the initial status's action assigns on every record:
  // the status action's notifications of all four join her one summary of the import.
  await switchTo(page, 'Anne Sørensen');
  await expect(page.getByTestId('notification-count')).toHaveText('1');
  await openBell(page);
  await expect(page.getByTestId('notification')).toHaveCount(1);
  await expect(entry(page, "CSV-import af fordeling.csv: 4 sager – din gruppe er aktiv gruppe i feltet 'Team': 4")).toHaveCount(1);
});
