import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { cp, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test as base, expect } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';

const ROOT = resolve(import.meta.dirname, '../..');
// Generous: on a loaded machine a tsx start-up plus the first migration can take a minute.
const STARTUP_TIMEOUT_MS = 180_000;

export interface WebServer {
  /** `http://127.0.0.1:PORT/#token=…`, exactly as printed by the server. */
  url: string;
  dataDir: string;
}

/**
 * Starts the browser transport (`src-main/web/main.ts`) on a free port with a fresh
 * data folder and the demo workspace, and resolves with the URL it prints.
 * Like Actual Budget's per-test data folder: no test sees another's records.
 */
async function startServer(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  // `node --import tsx` rather than the tsx CLI: the CLI runs the script in a second
  // process, so our signals (and a last-resort SIGKILL) would hit only the wrapper.
  const args = ['--import', 'tsx', 'src-main/web/main.ts', '--port', '0', '--data-dir', dataDir, '--static', 'out/web'];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NODE_ENV: 'test' },
  });
  let stdout = '';
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in time.\nstdout:\n${stdout}\nstderr:\n${stderr}`)), STARTUP_TIMEOUT_MS);
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /Caseworker web: (http:\/\/\S+)/.exec(stdout);
      if (match?.[1]) {
        clearTimeout(timer);
        resolveUrl(match[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}.\nstdout:\n${stdout}\nstderr:\n${stderr}`));
    });
  });
  return { child, url };
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const started = Date.now();
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
  if (Date.now() - started > 2000) console.warn(`server took ${Date.now() - started} ms to stop`);
}

/**
 * The sandboxes' certificate authorities, which a host makes in its data folder
 * on first start and keeps (`sandbox-signatures-pki`, `sandbox/digital-post-pki`).
 * Making them means some ten RSA keys, the costliest part of a start; each
 * worker lets its first server make them and gives later servers a copy, as an
 * installation that has started before has them. Everything else (store, demo
 * data, settings) is still fresh per test.
 */
const PKI_FOLDERS = ['sandbox-signatures-pki', join('sandbox', 'digital-post-pki')];

async function copyPkiFolders(from: string, to: string): Promise<void> {
  for (const folder of PKI_FOLDERS) {
    const exists = await stat(join(from, folder)).then(
      (s) => s.isDirectory(),
      () => false,
    );
    // An incomplete folder is harmless: the host then makes that PKI anew.
    if (exists) await cp(join(from, folder), join(to, folder), { recursive: true, preserveTimestamps: true });
  }
}

export const test = base.extend<{ server: WebServer }, { sandboxPki: { dir: string; filled: boolean } }>({
  sandboxPki: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const dir = await mkdtemp(join(tmpdir(), 'caseworker-e2e-pki-'));
      try {
        await use({ dir, filled: false });
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
    { scope: 'worker' },
  ],
  // The browser context depends on the server so that Playwright closes the pages
  // (and their event streams) before it stops the server, not after.
  context: async ({ context, server: _server }, use) => {
    await use(context);
  },
  server: async ({ sandboxPki }, use) => {
    const dataDir = await mkdtemp(join(tmpdir(), 'caseworker-e2e-'));
    if (sandboxPki.filled) await copyPkiFolders(sandboxPki.dir, dataDir);
    const { child, url } = await startServer(dataDir);
    if (!sandboxPki.filled) {
      await copyPkiFolders(dataDir, sandboxPki.dir);
      sandboxPki.filled = true;
    }
    try {
      await use({ url, dataDir });
    } finally {
      await stopServer(child);
      await rm(dataDir, { recursive: true, force: true });
    }
  },
});

export { expect };

/**
 * The browser transport's API, called the way the renderer calls it (its own
 * client id = its own session). For set-up only: what an administrator would
 * otherwise click through in Administration.
 */
export function apiFor(server: WebServer) {
  const token = new URL(server.url).hash.replace('#token=', '');
  const clientId = `e2e-setup-${Math.random().toString(36).slice(2, 10)}`;
  return async <T>(method: string, input: unknown): Promise<T> => {
    const res = await fetch(new URL(`/api/${method}`, server.url), {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'X-Client-Id': clientId, 'Content-Type': 'application/json' },
      body: JSON.stringify(input),
    });
    const result = (await res.json()) as { ok: boolean; value?: T; error?: { message: string } };
    if (!result.ok) throw new Error(`${method}: ${result.error?.message}`);
    return result.value as T;
  };
}

/** Opens the app in a page (a new browser tab = a new client) and picks a user. */
export async function openAs(page: Page, server: WebServer, userName: string): Promise<void> {
  await page.goto(server.url);
  await page.getByRole('button', { name: new RegExp(userName) }).click();
  await expect(page.getByTestId('current-user')).toContainText(userName);
}

/** Administration → Arbejdsgange → "Ansøgning om tilskud" → a status's actions; returns the actions editor. */
export async function openStatusActions(page: Page, statusName: string): Promise<Locator> {
  await page.getByRole('link', { name: 'Administration' }).click();
  await page.getByRole('link', { name: 'Arbejdsgange' }).click();
  await page.getByRole('button', { name: 'Ansøgning om tilskud' }).click();
  const row = page.getByTestId('admin-status-row').filter({ has: page.locator(`input[value="${statusName}"]`) });
  await row.getByRole('button', { name: /Handlinger/ }).click();
  return page.getByTestId('actions-editor');
}

/** Opens a record from the "Alle sager" list by searching for it. */
export async function openRecordBySearch(page: Page, search: string): Promise<void> {
  await page.getByRole('link', { name: 'Alle sager' }).click();
  await page.getByLabel('Søg', { exact: true }).fill(search);
  const row = page.getByTestId('record-row').filter({ hasText: search }).first();
  await row.click();
  await expect(page.getByTestId('record-view')).toBeVisible();
}
