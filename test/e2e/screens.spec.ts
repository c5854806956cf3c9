import { expect, openAs, test } from './fixtures';

// Every screen renders under the strict CSP without console errors: a violation
// (an inline style or script sneaking in) shows up as a console error in Chromium.
test('every screen renders without console errors or CSP violations', async ({ page, server }) => {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(`${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  // A string, because the test files compile without the DOM library.
  await page.addInitScript({
    content: "document.addEventListener('securitypolicyviolation', (e) => console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI));",
  });

  await page.goto(server.url);
  // The token is moved out of the address bar at once.
  await expect(page).not.toHaveURL(/token=/);
  await openAs(page, server, 'Mette Jensen');
  await expect(page.getByTestId('record-row').first()).toBeVisible();
  await page.getByRole('link', { name: 'Alle sager' }).click();
  await page.getByTestId('record-row').first().click();
  for (const tab of ['Handlinger', 'Revisionsspor', 'Statushistorik']) {
    await page.getByRole('tab', { name: new RegExp(tab) }).click();
    await expect(page.getByRole('tab', { name: new RegExp(tab) })).toHaveAttribute('aria-selected', 'true');
  }
  await page.getByRole('link', { name: 'Ny sag' }).click();
  await expect(page.getByRole('heading', { name: 'Ny sag' })).toBeVisible();
  await page.getByRole('link', { name: 'Importér CSV' }).click();
  await expect(page.getByRole('heading', { name: 'Importér sager fra CSV' })).toBeVisible();
  for (const section of ['Felter', 'Arbejdsgange', 'Brugere og grupper', 'Eksport og import']) {
    await page.getByRole('link', { name: section === 'Felter' ? 'Administration' : section }).click();
    await expect(page.getByRole('link', { name: section })).toHaveAttribute('aria-current', 'page');
  }
  expect(problems).toEqual([]);
});

test('a page opened without the token, or with a stale one, says what to do', async ({ page, server, browser }) => {
  const origin = new URL(server.url).origin;
  await page.goto(`${origin}/`);
  await expect(page.getByTestId('transport-problem')).toContainText('npm run web');

  const stale = await browser.newPage();
  try {
    await stale.goto(`${origin}/#token=not-the-token`);
    await expect(stale.getByTestId('transport-problem')).toContainText('Sessionen er udløbet');
  } finally {
    await stale.close();
  }
});
