import AxeBuilder from '@axe-core/playwright';
import { expect, openAs, test } from './fixtures';
import { ROUTES } from './routes';

// Every screen an administrator can reach, at the narrowest width the app is built
// for: the header fits without sideways scrolling, and axe finds no serious or
// critical violation. A screenshot of each at 1280 px is kept in test-results/.
// The route list (routes.ts) is shared with danish-words.spec.ts.

// 1280 px is the narrowest: what fits there fits on every wider screen.
const width = 1280;
{
  test(`every screen fits at ${width} px and has no serious accessibility violation`, async ({ page, server }, testInfo) => {
    await page.setViewportSize({ width, height: 860 });
    const failures: string[] = [];
    const check = async (name: string): Promise<void> => {
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      if (overflow > 0) failures.push(`${name}: the page scrolls sideways by ${overflow} px`);
      const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
      for (const v of results.violations.filter((x) => x.impact === 'serious' || x.impact === 'critical')) {
        failures.push(`${name}: ${v.id} (${v.impact}) ${v.nodes.length}× – ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
      }
      // Kept in test-results/ as the run's artifacts.
      await page.screenshot({ path: testInfo.outputPath(`${name.replace(/[^\wæøåÆØÅ-]+/g, '-')}-${width}.png`), fullPage: true });
    };
    // The start screen, before anyone has signed in.
    await page.goto(server.url);
    await expect(page.locator('#main')).toBeVisible();
    await check('Start');
    await openAs(page, server, 'Mette Jensen');
    for (const [name, hash] of ROUTES) {
      await page.goto(`${server.url.split('#')[0]}${hash}`);
      await expect(page.getByTestId('current-user')).toBeVisible();
      await expect(page.locator('#main')).toBeVisible();
      // Let the screen's first load settle (lists and forms load after the frame).
      await page.waitForLoadState('networkidle');
      const header = await page.locator('.app-header').boundingBox();
      const tools = await page.locator('.header-tools').boundingBox();
      if (header && tools && tools.x + tools.width > header.x + header.width + 1) failures.push(`${name}: the header's tools stick out on the right`);
      await check(name);
    }
    expect(failures).toEqual([]);
  });
}
