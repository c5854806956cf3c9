import AxeBuilder from '@axe-core/playwright';
import { execFileSync } from 'node:child_process';
import type { Locator } from '@playwright/test';
import { expect, openAs, test } from './fixtures';

// Evidence for issue 14 ("Letters look like the municipality's"): at 1280 px the
// Digital Post compose dialog is one column, each label directly above its own
// field and the letter body most of the dialog's width; axe finds no serious
// violation in it; and the preview shows the letter on the letterhead, with
// sender, recipient and a Danish date. Screenshots are kept in test-results/.

const box = async (l: Locator) => {
  const b = await l.boundingBox();
  if (!b) throw new Error('not visible');
  return b;
};

test('the compose dialog puts each label above its own field, and previews the letter on the letterhead', async ({ page, server }, testInfo) => {
  await page.setViewportSize({ width: 1280, height: 860 });
  await openAs(page, server, 'Mette Jensen');

  await page.getByRole('link', { name: 'Ny sag' }).click();
  await page.getByLabel('Arbejdsgang').selectOption({ label: 'Ansøgning om tilskud' });
  await page.getByLabel('Navn').fill('Åse Æbelø');
  await page.getByLabel('CPR-nummer').fill('2207924321');
  await page.getByLabel('Adresse').fill('Søndergade 4, 8000 Aarhus C');
  await page.getByRole('button', { name: 'Opret sag' }).click();
  await expect(page.getByTestId('record-view')).toBeVisible();
  await page.getByRole('tab', { name: 'Digital Post' }).click();
  await page.getByTestId('dp-write').click();
  const compose = page.getByTestId('dp-compose');
  await expect(compose.getByTestId('dp-exemption')).toHaveAttribute('data-status', 'REGISTERED');

  const dialog = await box(compose);
  // The exemption note spans the form instead of taking the first cell of a grid.
  const note = await box(compose.getByTestId('dp-exemption'));
  const body = await box(compose.locator('#dp-body'));
  expect(note.width).toBeGreaterThan(body.width * 0.95);

  // Each label directly above its own control: below the label, left-aligned with it, nothing between them.
  const ids = ['dp-subject', 'dp-notification', 'dp-body', 'dp-files'];
  let previousBottom = note.y + note.height;
  for (const id of ids) {
    const label = await box(compose.locator(`label[for="${id}"]`));
    const control = await box(compose.locator(`#${id}`));
    expect(label.y, `label of ${id} below the field before it`).toBeGreaterThanOrEqual(previousBottom - 1);
    expect(control.y, `${id} below its label`).toBeGreaterThanOrEqual(label.y + label.height - 1);
    expect(control.y - (label.y + label.height), `${id} directly below its label`).toBeLessThan(12);
    expect(Math.abs(control.x - label.x), `${id} aligned with its label`).toBeLessThan(4);
    previousBottom = control.y + control.height;
  }
  // The letter body is most of the dialog's width (it was about 150 px).
  expect(body.width).toBeGreaterThanOrEqual(dialog.width * 0.6);
  await compose.screenshot({ path: testInfo.outputPath('compose-dialog-1280.png') });

  const axe = await new AxeBuilder({ page }).include('[data-testid="dp-compose"]').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const serious = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
  expect(serious).toEqual([]);

  // The preview is the letter itself on the letterhead.
  await compose.getByLabel('Emne', { exact: true }).fill('Vi har modtaget din ansøgning');
  await compose.getByLabel('Brevtekst (bliver til en PDF)').fill('Tak for din ansøgning.\n\nVi vender tilbage inden for 14 dage.');
  await compose.getByRole('button', { name: 'Forhåndsvis' }).click();
  const frame = compose.getByTestId('dp-preview-letter');
  await expect(frame).toHaveAttribute('src', /^blob:/);
  // The letter the dialog previews, downloaded from the preview itself.
  const [download] = await Promise.all([page.waitForEvent('download'), compose.getByTestId('dp-preview').getByRole('link', { name: /\.pdf$/ }).first().click()]);
  const file = testInfo.outputPath('preview-letter.pdf');
  await download.saveAs(file);
  const text = execFileSync('/usr/bin/pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  for (const line of ['Aarhus Kommune', 'Åse Æbelø', 'Søndergade 4, 8000 Aarhus C', 'Vi har modtaget din ansøgning', 'Med venlig hilsen', 'Mette Jensen']) expect(text).toContain(line);
  expect(text).toMatch(/Dato: \d{1,2}\. (januar|februar|marts|april|maj|juni|juli|august|september|oktober|november|december) \d{4}/);
  expect(text).not.toContain('4321');
  await compose.screenshot({ path: testInfo.outputPath('compose-preview-1280.png') });
});
