import { execFileSync } from 'node:child_process';
import AxeBuilder from '@axe-core/playwright';
import type { Download, Page, TestInfo } from '@playwright/test';
import { expect, test } from './fixtures';
import { openAs } from './fixtures';

// Evidence for issue 14, "Physical post is a workflow", in the browser transport
// at 1280 px: a sent letter can be opened in the app's viewer, downloaded and
// printed; an exempt citizen's letter waits in "Til print" and the "all letters
// delivered" guard refuses the move until a caseworker marks it as posted;
// both proofs of delivery download as PDFs that pdftotext can read.

const shot = (page: Page, info: TestInfo, name: string) => page.screenshot({ path: info.outputPath(`${name}-1280.png`), fullPage: true });

/** axe's serious and critical findings on what is on screen now (the list, a dialog). */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
}

/** pdftotext reads the downloaded PDF as printed: an independent check of what the caseworker gets. */
async function pdfText(download: Download): Promise<string> {
  const file = await download.path();
  return execFileSync('/usr/bin/pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

async function createRecord(page: Page, name: string, cpr: string): Promise<void> {
  await page.getByRole('link', { name: 'Ny sag' }).click();
  await page.getByLabel('Arbejdsgang').selectOption({ label: 'Ansøgning om tilskud' });
  await page.getByLabel('Navn').fill(name);
  await page.getByLabel('CPR-nummer').fill(cpr);
  await page.getByRole('button', { name: 'Opret sag' }).click();
  await expect(page.getByTestId('record-view')).toBeVisible();
}

async function writeLetter(page: Page, subject: string, body: string): Promise<void> {
  await page.getByRole('tab', { name: 'Digital Post' }).click();
  await page.getByTestId('dp-write').click();
  const compose = page.getByTestId('dp-compose');
  await expect(compose.getByTestId('dp-exemption')).not.toHaveAttribute('data-status', '');
  await compose.getByLabel('Emne', { exact: true }).fill(subject);
  await compose.getByLabel('Brevtekst (bliver til en PDF)').fill(body);
  await compose.getByTestId('dp-send').click();
  await expect(compose).toBeHidden();
}

test('letters open, download and print; Til print, mark as posted, the guard and the proof PDFs', async ({ page, server }, testInfo) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  // Headless Chromium has no print dialog (a real print() there crashes the page): every frame's
  // print() is counted instead, which shows the app handed the letter's frame to the print dialog.
  await page.addInitScript(() => {
    window.print = () => {
      const top = window.top as (Window & { printCalls?: number }) | null;
      if (top) top.printCalls = (top.printCalls ?? 0) + 1;
    };
  });
  await openAs(page, server, 'Mette Jensen');

  // The guard "all letters delivered" on "Modtaget → Under behandling".
  await page.getByRole('link', { name: 'Administration' }).click();
  await page.getByRole('link', { name: 'Arbejdsgange' }).click();
  await page.getByRole('button', { name: 'Ansøgning om tilskud' }).click();
  const transition = page.getByTestId('admin-transition').filter({ hasText: 'Modtaget → Under behandling' });
  const guard = transition.getByRole('checkbox', { name: 'Alle Digital Post-breve er afleveret' });
  await guard.check();
  await expect(guard).toBeChecked();

  // A citizen on Digital Post: the letter is delivered, then opened, downloaded and printed.
  await createRecord(page, 'Bo Berg', '2207924321');
  await writeLetter(page, 'Afgørelse om tilskud', 'Kære Bo\n\nDu får tilskud.');
  const delivered = page.getByTestId('dp-message').first();
  await expect(delivered).toHaveAttribute('data-state', 'delivered');
  await delivered.getByTestId('letter-open').click();
  const viewer = page.getByTestId('letter-viewer');
  await expect(viewer.getByTestId('letter-viewer-pdf')).toHaveAttribute('data-file-name', 'Afgørelse om tilskud.pdf');
  await expect(viewer.locator('iframe.pdf-frame')).toHaveAttribute('src', /^blob:/);
  await shot(page, testInfo, 'letter-viewer');
  expect(await seriousViolations(page)).toEqual([]);
  await viewer.getByRole('button', { name: 'Luk' }).click();
  await expect(viewer).toBeHidden();

  const [letterDownload] = await Promise.all([page.waitForEvent('download'), delivered.getByTestId('letter-download').click()]);
  expect(letterDownload.suggestedFilename()).toBe('Afgørelse om tilskud.pdf');
  expect(await pdfText(letterDownload)).toContain('Du får tilskud.');

  await delivered.getByTestId('letter-print').click();
  await expect(page.getByTestId('print-frame')).toHaveAttribute('src', /^blob:/);
  await expect.poll(() => page.evaluate(() => (window as Window & { printCalls?: number }).printCalls ?? 0)).toBe(1);

  const [dpProof] = await Promise.all([page.waitForEvent('download'), delivered.getByTestId('proof-pdf').click()]);
  const uuid = await delivered.getAttribute('data-message-uuid');
  expect(dpProof.suggestedFilename()).toBe(`leveringsbevis-${uuid}.pdf`);
  const dpText = await pdfText(dpProof);
  expect(dpText).toContain('Leveringsbevis');
  expect(dpText).toContain(uuid ?? 'missing');
  expect(dpText).toContain('Leveret i borgerens digitale postkasse');
  expect(dpText).toContain('COMPLETED');
  expect(dpText).not.toContain('2207924321');
  // Delivered by Digital Post: the guard lets this record move.
  await page.getByRole('button', { name: 'Påbegynd behandling' }).click();
  await expect(page.getByTestId('status-dialog').getByTestId('guard-failure')).toHaveCount(0);
  await page.getByTestId('status-dialog').getByRole('button', { name: 'Annullér' }).click();

  // An exempt citizen: the letter waits for print, and the guard names it.
  await createRecord(page, 'Åse Østergård', '3112451118');
  await writeLetter(page, 'Afgørelse om tilskud til Åse', 'Kære Åse\n\nDu får tilskud.');
  const toPrint = page.getByTestId('dp-message').first();
  await expect(toPrint).toHaveAttribute('data-state', 'physical_post');
  await expect(toPrint.getByTestId('dp-state')).toHaveText('Til print');
  await expect(toPrint.getByTestId('proof-pdf')).toHaveCount(0);
  // The responsible caseworker is told in Danish.
  await page.getByTestId('notification-bell').click();
  await expect(page.getByTestId('notification-popup').getByTestId('notification').filter({ hasText: 'Afgørelse om tilskud til Åse' })).toContainText(
    'Borgeren er fritaget for Digital Post. Brevet "Afgørelse om tilskud til Åse" skal sendes med fysisk post',
  );
  await page.getByTestId('notification-bell').click();
  await expect(page.getByTestId('notification-popup')).toBeHidden();
  await page.getByRole('button', { name: 'Påbegynd behandling' }).click();
  const dialog = page.getByTestId('status-dialog');
  await expect(dialog.getByTestId('guard-failure')).toContainText(
    'Brevet "Afgørelse om tilskud til Åse" skal sendes med fysisk post og er endnu ikke markeret som afsendt (se "Til print")',
  );
  await expect(dialog.getByRole('button', { name: 'Skift status' })).toBeDisabled();
  await shot(page, testInfo, 'guard-refuses');
  await dialog.getByRole('button', { name: 'Annullér' }).click();

  // The outbox's "Til print" list: print, then mark as posted with today's date and the signed-in caseworker.
  await page.getByRole('link', { name: 'Udbakke' }).click();
  await expect(page.getByTestId('outbox-to-print')).toHaveText('Til print (1)');
  await page.getByTestId('outbox-to-print').click();
  const row = page.getByTestId('print-row');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('Afgørelse om tilskud til Åse');
  await expect(row).toContainText('311245-****');
  const [printedCopy] = await Promise.all([page.waitForEvent('download'), row.getByTestId('letter-download').click()]);
  expect(await pdfText(printedCopy)).toContain('Kære Åse');
  await shot(page, testInfo, 'til-print');
  expect(await seriousViolations(page)).toEqual([]);
  await row.getByRole('checkbox').check();
  await page.getByTestId('print-mark-selected').click();
  const mark = page.getByTestId('mark-posted-dialog');
  await expect(mark.getByLabel('Afsendt den')).toHaveValue(/^\d{2}-\d{2}-\d{4}$/);
  await expect(mark).toContainText('Registreres som afsendt af Mette Jensen.');
  await mark.getByLabel('Afsendt den').fill('01-01-2999');
  await mark.getByTestId('mark-posted-confirm').click();
  await expect(mark.getByTestId('error-banner')).toContainText('Afsendelsesdatoen kan ikke ligge i fremtiden');
  const now = new Date();
  const today = `${String(now.getDate()).padStart(2, '0')}-${String(now.getMonth() + 1).padStart(2, '0')}-${now.getFullYear()}`;
  await mark.getByLabel('Afsendt den').fill(today);
  await shot(page, testInfo, 'mark-posted');
  expect(await seriousViolations(page)).toEqual([]);
  await mark.getByTestId('mark-posted-confirm').click();
  await expect(mark).toBeHidden();
  await expect(page.getByTestId('print-notice')).toHaveText('1 brev er markeret som afsendt.');
  await expect(page.getByTestId('print-empty')).toBeVisible();
  const posted = page.getByTestId('posted-row');
  await expect(posted).toContainText(today);
  await expect(posted).toContainText('Mette Jensen');
  await expect(page.getByTestId('outbox-to-print')).toHaveText('Til print (0)');

  // The physical proof of delivery, from the outbox.
  const [postProof] = await Promise.all([page.waitForEvent('download'), posted.getByTestId('proof-pdf').click()]);
  const postText = await pdfText(postProof);
  expect(postText).toContain('Sendt med fysisk post');
  expect(postText).toMatch(new RegExp(`Afsendt med posten\\s+${today}`));
  expect(postText).toMatch(/Afsendt af\s+Mette Jensen/);
  await shot(page, testInfo, 'posted');

  // Back on the record: the letter says when and by whom, and the guard lets the record move.
  await posted.getByRole('link', { name: 'Afgørelse om tilskud til Åse' }).click();
  await expect(page.getByTestId('record-view')).toBeVisible();
  await page.getByRole('tab', { name: 'Digital Post' }).click();
  await expect(page.getByTestId('dp-posted')).toHaveText(`Sendt med posten ${today} af Mette Jensen`);
  await page.getByRole('button', { name: 'Påbegynd behandling' }).click();
  await expect(dialog.getByTestId('guard-failure')).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Skift status' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('current-status')).toHaveText('Under behandling');
  await shot(page, testInfo, 'record-after-posting');
});
