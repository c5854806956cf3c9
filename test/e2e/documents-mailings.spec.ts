import { expect, openAs, test } from './fixtures';

test('an administrator writes a template, is told about an unknown placeholder, previews it against a record, prepares a small mailing and sends it as a separate step', async ({ page, server }) => {
  const cspErrors: string[] = [];
  page.on('console', (msg) => {
    if (/Content Security Policy|CSP violation/i.test(msg.text())) cspErrors.push(msg.text());
  });
  // Chromium reports every violation (e.g. an eval probe) through this event.
  await page.addInitScript({
    content: "document.addEventListener('securitypolicyviolation', (e) => console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI));",
  });
  await openAs(page, server, 'Mette Jensen');

  // 1. Template: start from the example, break a placeholder, see the error, fix it.
  await page.getByRole('link', { name: 'Dokumentskabeloner' }).click();
  await page.getByRole('button', { name: 'Start fra eksempel' }).click();
  await page.getByLabel('Navn', { exact: true }).fill('Bevillingsbrev');
  await page.getByLabel('Dokumentets titel (emne i Digital Post)').fill('Brev til {{fornavn}}');
  await page.getByRole('button', { name: 'Gem skabelon' }).click();
  await expect(page.getByTestId('template-errors')).toContainText('Titel: Ukendt flettefelt fornavn');
  await page.getByLabel('Dokumentets titel (emne i Digital Post)').fill('Afgørelse til {{navn}}');
  await page.getByRole('button', { name: 'Gem skabelon' }).click();
  await expect(page.getByTestId('notice')).toHaveText('Skabelonen er gemt.');
  await expect(page.getByRole('button', { name: 'Bevillingsbrev', exact: true })).toBeVisible();

  // 2. Preview against a record found by its number.
  await page.getByTestId('preview-search').fill('2026-000003');
  await expect(page.getByTestId('preview-record').locator('option')).toHaveCount(1);
  await page.getByRole('button', { name: 'Vis eksempel' }).click();
  const preview = page.getByTestId('pdf-preview');
  await expect(preview).toHaveAttribute('data-pages', '1');
  await expect(preview).toContainText('Afgørelse til');
  await expect(preview.locator('iframe')).toHaveAttribute('src', /^blob:/);
  await expect(preview.getByRole('link', { name: 'Hent PDF' })).toHaveAttribute('download', /\.pdf$/);

  // 3. A mailing to the rejected applications: count, preview three, prepare all (nothing queued), then send.
  await page.getByRole('link', { name: 'Masseudsendelser' }).click();
  await page.getByLabel('Navn på udsendelsen').fill('Afslag november');
  await page.getByLabel('Arbejdsgang').selectOption({ label: 'Ansøgning om tilskud' });
  await page.getByLabel('Status').selectOption({ label: 'Afvist' });
  const matching = page.getByTestId('mailing-matching');
  await expect(matching).toContainText(/\d+ sager passer til filteret/);
  // Wait for the filtered count (the unfiltered one comes first).
  await expect(async () => {
    const n = Number(/(\d+) sager/.exec((await matching.textContent()) ?? '')?.[1]);
    expect(n).toBeLessThan(100);
  }).toPass();
  const count = Number(/(\d+) sager/.exec((await matching.textContent()) ?? '')?.[1]);
  expect(count).toBeGreaterThan(3);
  await page.getByRole('button', { name: 'Opret udsendelse' }).click();
  const detail = page.getByTestId('mailing-detail');
  await expect(detail.getByTestId('mailing-counts')).toHaveText(`${count} breve · 0 klar til afsendelse · 0 i udbakken · 0 sprunget over · ${count} venter`);
  await detail.getByRole('button', { name: 'Vis de første 3 breve' }).click();
  await expect(detail.getByRole('tab')).toHaveCount(3);
  await expect(detail.getByTestId('pdf-preview')).toHaveAttribute('data-pages', '1');
  await detail.getByRole('tab').nth(1).click();
  await expect(detail.getByRole('tab').nth(1)).toHaveAttribute('aria-selected', 'true');
  await detail.getByRole('button', { name: 'Forbered alle breve' }).click();
  await expect(detail.getByTestId('mailing-progress-text')).toHaveText(`${count} af ${count} breve klar`);
  await expect(detail.getByTestId('mailing-counts')).toHaveText(`${count} breve · ${count} klar til afsendelse · 0 i udbakken · 0 sprunget over · 0 venter`);
  await expect(detail.getByTestId('notice')).toHaveText('Alle breve er lavet. Intet er sendt endnu: se nogle af brevene, og send udsendelsen.');
  await expect(detail.locator('progress')).toHaveAttribute('value', String(count));
  await detail.getByRole('button', { name: 'Send udsendelsen …' }).click();
  const dialog = page.getByTestId('send-mailing-dialog');
  await expect(dialog.getByRole('heading')).toHaveText(new RegExp(`^Send ${count} breve til \\d+ borgere$`));
  await dialog.getByRole('button', { name: `Send ${count} breve` }).click();
  await expect(detail.getByTestId('mailing-counts')).toHaveText(`${count} breve · 0 klar til afsendelse · ${count} i udbakken · 0 sprunget over · 0 venter`);
  await expect(detail.getByText('Udsendelsen er sendt: brevene ligger i udbakken.')).toBeVisible();
  expect(cspErrors).toEqual([]);
});
