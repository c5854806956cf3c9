// A smoke test of the whole desktop wiring where Electron cannot run: the built
// entry (out/main/index.js) starts under plain Node with `electron` mapped to a
// recording stub (electron-stub/), opens the real store in a fresh data folder,
// registers IPC, shows the hardened window, serves the app page over app://,
// starts the tray and the sandbox, and quits cleanly.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ipcChannel, METHOD_NAMES } from '../../../src-main/contract';
import { CONTENT_SECURITY_POLICY } from '../../../src-main/web/security-headers';

const ROOT = resolve(import.meta.dirname, '../../..');
const STUB = join(import.meta.dirname, 'electron-stub', 'register.mjs');

interface StubRecord {
  privilegedSchemes: { scheme: string; privileges: Record<string, boolean> }[];
  protocolHandlers: string[];
  appPageResponse: { status: number; csp: string | null; contentType: string | null; hasRoot: boolean } | null;
  windows: { options: { webPreferences: Record<string, unknown> }; loadedUrl: string | null }[];
  ipcChannels: string[];
  removedChannels: number;
  trays: number;
  permissionHandlers: number;
  cspHook: boolean;
  errorBoxes: { title: string; content: string }[];
  events: string[];
  exitCode: number | null;
}

let dataDir = '';
const readRecord = (): StubRecord | null => {
  try {
    return JSON.parse(readFileSync(join(dataDir, '..', 'stub-record.json'), 'utf8')) as StubRecord;
  } catch {
    return null;
  }
};

beforeAll(async () => {
  const build = spawnSync(process.execPath, [join(ROOT, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (build.status !== 0) throw new Error(`electron-vite build failed:\n${build.stdout}\n${build.stderr}`);
  const base = await mkdtemp(join(tmpdir(), 'built-entry-'));
  dataDir = join(base, 'data');
}, 240_000);

afterAll(async () => {
  if (dataDir) await rm(join(dataDir, '..'), { recursive: true, force: true });
});

describe('the built Electron entry under plain Node', () => {
  it('starts the whole app behind a hardened window and quits cleanly', async () => {
    const child = spawn(process.execPath, ['--import', STUB, join(ROOT, 'out/main/index.js')], {
      cwd: ROOT,
      env: {
        ...process.env,
        CASEWORKER_DATA_DIR: dataDir,
        ELECTRON_STUB_RECORD: join(dataDir, '..', 'stub-record.json'),
        CASEWORKER_SANDBOX_EPHEMERAL: '1',
        NODE_ENV: 'test',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));

    const started = (r: StubRecord | null): r is StubRecord =>
      r !== null && r.windows[0]?.loadedUrl != null && r.appPageResponse !== null && r.trays > 0 && r.ipcChannels.length === METHOD_NAMES.length;
    let record = readRecord();
    for (let i = 0; i < 600 && !started(record) && child.exitCode === null; i += 1) {
      await new Promise((r) => setTimeout(r, 100));
      record = readRecord();
    }
    if (!started(record)) {
      child.kill('SIGKILL');
      throw new Error(`the entry did not start: ${JSON.stringify(record)}\n${output}`);
    }

    // No start-up error, one IPC handler per contract method and no other channel.
    expect(record.errorBoxes).toEqual([]);
    expect([...record.ipcChannels].sort()).toEqual(METHOD_NAMES.map(ipcChannel).sort());
    // The window: isolated, sandboxed, no Node, the preload bridge only, the app:// page.
    const window = record.windows[0];
    expect(window?.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webviewTag: false });
    expect(String(window?.options.webPreferences.preload)).toMatch(/out[/\\]preload[/\\]index\.cjs$/);
    expect(existsSync(String(window?.options.webPreferences.preload))).toBe(true);
    expect(window?.loadedUrl).toBe('app://renderer/index.html');
    expect(record.privilegedSchemes.map((s) => s.scheme)).toEqual(['app']);
    expect(record.protocolHandlers).toEqual(['app']);
    expect(record.appPageResponse).toEqual({
      status: 200,
      csp: CONTENT_SECURITY_POLICY,
      contentType: 'text/html; charset=utf-8',
      hasRoot: true,
    });
    expect(record.permissionHandlers).toBe(3);
    expect(record.cspHook).toBe(true);
    expect(record.trays).toBe(1);
    // The real store, in the data folder it was given.
    expect(existsSync(join(dataDir, 'caseworker.sqlite'))).toBe(true);

    child.kill('SIGUSR2');
    expect(await exited).toBe(0);
    const final = readRecord();
    expect(final?.events).toContain('quit');
    expect(final?.removedChannels).toBe(METHOD_NAMES.length);
    // Closed cleanly: the store opens, migrated and seeded with the sandbox workspace.
    const db = new Database(join(dataDir, 'caseworker.sqlite'), { readonly: true });
    try {
      expect(db.pragma('user_version', { simple: true })).toBeGreaterThan(0);
      expect((db.prepare('SELECT count(*) AS n FROM records').get() as { n: number }).n).toBeGreaterThan(0);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      db.close();
    }
  }, 120_000);
});
