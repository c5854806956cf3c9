import { defineConfig } from '@playwright/test';

// End-to-end tests drive the real renderer (out/web, built by `npm run test:e2e`)
// in Debian's Chromium against the real browser transport; each test starts its
// own server with a fresh data folder (see test/e2e/fixtures.ts).
export default defineConfig({
  testDir: 'test/e2e',
  // Timeouts only catch a hung test; they are not performance budgets. On a
  // loaded 2-core machine (several test runs at once) a step takes many times
  // longer than alone, so the budgets are generous and no spec sets a smaller one.
  timeout: 300_000,
  expect: { timeout: 60_000 },
  // Two workers on the 2-core CI machine: each test owns a server process and a browser context.
  workers: 2,
  fullyParallel: true,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  reporter: [['list']],
  outputDir: 'test-results',
  use: {
    browserName: 'chromium',
    locale: 'da-DK',
    timezoneId: 'Europe/Copenhagen',
    viewport: { width: 1400, height: 900 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
});
