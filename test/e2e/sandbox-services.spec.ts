import { expect, openAs, test } from './fixtures';

// Issue 13: the Integrations page shows where the app's own sandbox simulators
// really listen. The web host runs with --port 0, so every simulator is on a
// free port, never its default 4010/4020/4030.
test('Integrationer lists the real sandbox addresses, none on a default port', async ({ page, server }) => {
  await openAs(page, server, 'Mette Jensen');
  await page.getByRole('link', { name: 'Administration' }).click();
  await page.getByRole('link', { name: 'Integrationer' }).click();
  const panel = page.getByTestId('sandbox-services');
  await expect(panel.getByRole('heading', { name: 'Sandkasse-tjenester' })).toBeVisible();
  const defaults: Record<string, string> = { mitid: '4010', signatures: '4020', 'digital-post': '4030' };
  for (const [name, port] of Object.entries(defaults)) {
    const address = panel.getByTestId(`sandbox-service-${name}`).locator('code');
    await expect(address).toHaveText(/^http:\/\/127\.0\.0\.1:\d+/);
    expect(new URL((await address.textContent()) ?? '').port).not.toBe(port);
  }
  // The MitID settings name the same issuer the sandbox overview shows.
  const issuer = await panel.getByTestId('sandbox-service-mitid').locator('code').textContent();
  await expect(page.getByTestId('mitid-sandbox-issuer')).toHaveText(issuer ?? '');
});
