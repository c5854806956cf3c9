// The data folder holds CPR numbers: created 0700, every file in it 0600, in
// every host (openApp as Electron and the web host call it, the CLI's commands,
// the web settings file, the sandbox journal).
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FileSettingsStore } from '../../../src-main/app/file-settings-store';
import { DATABASE_FILE, openApp } from '../../../src-main/app/open-app';
import { EnvSecretStore } from '../../../src-main/app/secrets';
import { MemorySettingsStore } from '../../../src-main/app/settings';
import type { ParsedMemo } from '../../../src-main/sandbox/digital-post/memo-validator';
import { SandboxState } from '../../../src-main/sandbox/digital-post/sandbox-state';
import { useCli } from '../cli/run-cli';

const { cli } = useCli();
const dirs: string[] = [];
afterEach(() => {
  while (dirs.length) rmSync(dirs.pop() as string, { recursive: true, force: true });
});
const tempDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'caseworker-modes-'));
  dirs.push(dir);
  return dir;
};
const mode = (path: string): number => statSync(path).mode & 0o777;

/** Every file under `dir` with a mode other than 0600, and every folder other than 0700. */
function notPrivate(dir: string): string[] {
  const wrong: string[] = [];
  if (mode(dir) !== 0o700) wrong.push(`${dir} ${mode(dir).toString(8)}`);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) wrong.push(...notPrivate(path));
    else if (mode(path) !== 0o600) wrong.push(`${path} ${mode(path).toString(8)}`);
  }
  return wrong;
}

describe.skipIf(process.platform === 'win32')('the data folder is private', () => {
  it.each(['electron', 'web'] as const)('openApp (%s) creates the folder 0700 and the store, its log and the settings 0600', async (transport) => {
    const dataDir = join(tempDir(), 'Sagsbehandler');
    const settings = new FileSettingsStore(join(dataDir, 'settings.json'));
    const app = openApp({ dataDir, settings, secrets: new EnvSecretStore({}), transport, seedDemo: true });
    settings.update({ language: 'en' });
    // While open: the WAL and shared-memory files exist too.
    expect(readdirSync(dataDir)).toEqual(expect.arrayContaining([DATABASE_FILE, `${DATABASE_FILE}-wal`, 'settings.json']));
    expect(notPrivate(dataDir)).toEqual([]);
    await app.close();
    expect(notPrivate(dataDir)).toEqual([]);
  });

  it("tightens the app's own data folder and store left readable by an older version", async () => {
    const dataDir = join(tempDir(), 'Sagsbehandler');
    const first = openApp({ dataDir, settings: new MemorySettingsStore(), secrets: new EnvSecretStore({}), transport: 'web', seedDemo: false });
    await first.close();
    chmodSync(dataDir, 0o755);
    chmodSync(join(dataDir, DATABASE_FILE), 0o644);
    const again = openApp({ dataDir, settings: new MemorySettingsStore(), secrets: new EnvSecretStore({}), transport: 'web' });
    expect(notPrivate(dataDir)).toEqual([]);
    await again.close();
  });

  it('the CLI creates the data folder 0700 and the store 0600; a folder named by --db keeps its mode', async () => {
    const dataDir = join(tempDir(), 'Sagsbehandler');
    const init = await cli(['init', '--demo'], { dataDir });
    expect(init.code, init.stderr).toBe(0);
    expect(notPrivate(dataDir)).toEqual([]);

    const shared = join(tempDir(), 'shared');
    mkdirSync(shared, { mode: 0o755 });
    chmodSync(shared, 0o755);
    const file = join(shared, 'cases.sqlite');
    const run = await cli(['--db', file, 'init'], { dataDir });
    expect(run.code, run.stderr).toBe(0);
    expect(mode(shared)).toBe(0o755);
    expect(mode(file)).toBe(0o600);
  });

  it('the sandbox journal (CPR numbers and letters) is 0600 in a 0700 folder, also when an older one was 0644', () => {
    const dataDir = tempDir();
    chmodSync(dataDir, 0o700);
    const journal = join(dataDir, 'sandbox', 'digital-post.jsonl');
    const state = new SandboxState(journal);
    const memo = { messageUuid: '5b1c2a4e-0000-4000-8000-000000000001', recipientId: '0101011234' } as ParsedMemo;
    state.accept(memo, Date.now(), 'RECEIVED', 1000);
    expect(notPrivate(dataDir)).toEqual([]);

    chmodSync(journal, 0o644);
    chmodSync(join(dataDir, 'sandbox'), 0o755);
    new SandboxState(journal);
    expect(notPrivate(dataDir)).toEqual([]);
  });

  it('the settings file is rewritten 0600 even over a readable leftover', () => {
    const dir = tempDir();
    chmodSync(dir, 0o700);
    writeFileSync(join(dir, 'settings.json.tmp'), '{}', { mode: 0o644 });
    new FileSettingsStore(join(dir, 'settings.json')).update({ language: 'da' });
    expect(notPrivate(dir)).toEqual([]);
  });
});
