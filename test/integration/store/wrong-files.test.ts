// The store opens only its own file: each kind of wrong file, through each
// host's opening path (openApp as the Electron and web hosts call it, the web
// host's start, the CLI's commands), is refused with a Danish explanation
// naming the path, and left byte for byte as it was. The paths run in-process;
// the real entries run as processes (all at once) only for what a process
// adds: the exit code and stderr.
import Database from 'better-sqlite3';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE, openApp } from '../../../src-main/app/open-app';
import { EnvSecretStore } from '../../../src-main/app/secrets';
import { MemorySettingsStore } from '../../../src-main/app/settings';
import { startupErrorBox } from '../../../src-main/shell/startup-error';
import { startWebHost } from '../../../src-main/web/web-host';
import { useCli } from '../cli/run-cli';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const { cli } = useCli();
const dirs: string[] = [];
afterEach(() => {
  while (dirs.length) {
    const dir = dirs.pop() as string;
    chmodSync(dir, 0o700);
    rmSync(dir, { recursive: true, force: true });
  }
});
const tempDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'caseworker-wrong-'));
  dirs.push(dir);
  return dir;
};

/** A real case store with the demo data, closed cleanly (no -wal left). */
async function caseStore(dir: string): Promise<string> {
  const app = openApp({ dataDir: dir, settings: new MemorySettingsStore(), secrets: new EnvSecretStore({}), transport: 'cli' });
  await app.close();
  return join(dir, DATABASE_FILE);
}

type Kind = { name: string; problem: RegExp; make(file: string): void | Promise<void> };

const KINDS: Kind[] = [
  {
    name: "another program's SQLite file",
    problem: /database fra et andet program/,
    make: (file) => {
      const db = new Database(file);
      db.exec("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT); INSERT INTO notes (text) VALUES ('keep me')");
      db.close();
    },
  },
  {
    name: "another program's SQLite file with a schema version of its own",
    problem: /database fra et andet program/,
    make: (file) => {
      const db = new Database(file);
      db.exec('CREATE TABLE settings (k TEXT, v TEXT)');
      db.pragma('user_version = 3');
      db.close();
    },
  },
  {
    name: 'an empty SQLite database of no program',
    problem: /database fra et andet program/,
    make: (file) => {
      const db = new Database(file);
      db.pragma('user_version = 0');
      db.exec('VACUUM');
      db.close();
    },
  },
  { name: 'a zero-length file', problem: /er tom \(0 byte\)/, make: (file) => writeFileSync(file, '') },
  { name: 'a text file', problem: /er ikke en database for Sagsbehandler/, make: (file) => writeFileSync(file, 'navn;cpr\nJens;0101011234\n') },
  {
    name: 'a case store cut short by a failed copy',
    problem: /er beskadiget/,
    make: async (file) => {
      const full = await caseStore(join(file, '..', 'source'));
      writeFileSync(file, readFileSync(full));
      truncateSync(file, Math.floor(statSync(file).size / 2));
    },
  },
  {
    name: 'a case store with a damaged first page',
    problem: /er beskadiget|er ikke en database/,
    make: async (file) => {
      const full = await caseStore(join(file, '..', 'source'));
      const bytes = readFileSync(full);
      bytes.fill(0xa5, 100, 4096);
      writeFileSync(file, bytes);
    },
  },
];

/** One of the real entries (`src-main/…/main.ts`) as a child process through tsx, as npm runs it. */
function entry(args: string[], env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env, NODE_OPTIONS: '' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stderr }));
  });
}

const digest = (file: string): string => readFileSync(file).toString('base64');

async function wrongFile(kind: Kind): Promise<{ dir: string; file: string; before: string }> {
  const dir = tempDir();
  const file = join(dir, DATABASE_FILE);
  await kind.make(file);
  return { dir, file, before: digest(file) };
}

function expectUntouched(file: string, before: string): void {
  expect(digest(file)).toBe(before);
  expect(existsSync(`${file}-wal`)).toBe(false);
}

describe.each(KINDS)('$name', (kind) => {
  it.each(['electron', 'web'] as const)('openApp (the %s host) refuses it, names the path in Danish and changes nothing', async (transport) => {
    const { dir, file, before } = await wrongFile(kind);
    let thrown: unknown;
    try {
      const app = openApp({ dataDir: dir, settings: new MemorySettingsStore(), secrets: new EnvSecretStore({}), transport });
      await app.close();
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(Error);
    const message = (thrown as Error).message;
    expect(message).toMatch(kind.problem);
    expect(message).toContain(file);
    expectUntouched(file, before);
    // The Electron host shows it as is in its start-up box.
    expect(startupErrorBox(thrown).content).toContain(file);
  });

  it('startWebHost (what the web host process runs) refuses it before it listens, file unchanged', async () => {
    const { dir, file, before } = await wrongFile(kind);
    const started = startWebHost({ dataDir: dir, staticDir: join(ROOT, 'out', 'web'), port: 0, seedDemo: true, ephemeralSandboxPorts: true });
    await expect(started).rejects.toThrow(kind.problem);
    await expect(started).rejects.toThrow(file);
    expectUntouched(file, before);
  });

  it('the CLI refuses it (init and export), file unchanged', async () => {
    const { dir, file, before } = await wrongFile(kind);
    for (const command of ['init', 'export']) {
      const run = await cli(['--db', file, command], { dataDir: dir });
      expect(run.code, run.stderr).toBe(1);
      expect(run.stderr).toMatch(kind.problem);
      expect(run.stderr).toContain(file);
      expectUntouched(file, before);
    }
  });
});

// What only a process shows: the exit code and what reaches the terminal. The
// refusal itself is the same code for every kind (above, in-process), so two
// kinds go through the real entries, all four processes at once.
describe('the real entries as processes', () => {
  it('the web host and the CLI exit 1 with the Danish explanation on stderr, file unchanged', async () => {
    const kinds = KINDS.filter((k) => k.name === 'a zero-length file' || k.name === "another program's SQLite file");
    expect(kinds).toHaveLength(2);
    const runs = await Promise.all(
      kinds.flatMap((kind) => [
        wrongFile(kind).then(async (w) => ({ kind, ...w, run: await entry(['src-main/web/main.ts', '--port', '0', '--data-dir', w.dir], {}) })),
        wrongFile(kind).then(async (w) => ({ kind, ...w, run: await entry(['src-main/cli/main.ts', '--db', w.file, 'export'], { CASEWORKER_DATA_DIR: w.dir }) })),
      ]),
    );
    for (const { kind, file, before, run } of runs) {
      expect(run.code, run.stderr).toBe(1);
      expect(run.stderr).toMatch(kind.problem);
      expect(run.stderr).toContain(file);
      expectUntouched(file, before);
    }
  });
});

/**
 * How the test makes the store really read-only for the hosts it starts. File
 * modes stop an ordinary account, but root ignores them, and CI runs as root.
 * So as root: the file is made immutable (chattr +i: the kernel refuses every
 * write, root's included) where the container grants CAP_LINUX_IMMUTABLE, and
 * the hosts run with the data folder bind-mounted read-only in a user namespace
 * of their own (unshare -rm, a real EROFS) where user namespaces are allowed.
 * Each way is probed first; every way that works here is tested.
 */
type ReadOnlyWay = { name: string; inProcess: boolean; make(dir: string, file: string): void; undo(dir: string, file: string): void; wrap?(dir: string, argv: string[]): string[] };

const isRoot = process.getuid?.() === 0;
const chattr = (flag: string, file: string) => spawnSync('chattr', [flag, file], { encoding: 'utf8' }).status === 0;
/** Runs argv with `dir` bind-mounted read-only, in a user and mount namespace of its own. */
const inReadOnlyMount = (dir: string, argv: string[]) => [
  'unshare', '-rm', 'sh', '-c', 'mount --bind "$0" "$0" && mount -o remount,bind,ro "$0" && exec "$@"', dir, ...argv,
];

function probe(test: (file: string) => boolean): boolean {
  const dir = mkdtempSync(join(tmpdir(), 'caseworker-probe-'));
  const file = join(dir, 'probe');
  writeFileSync(file, 'x');
  try {
    return test(file);
  } finally {
    chattr('-i', file);
    rmSync(dir, { recursive: true, force: true });
  }
}

function readOnlyWays(): ReadOnlyWay[] {
  if (process.platform === 'win32') return [];
  if (!isRoot) {
    return [{ name: 'file mode 0400', inProcess: true, make: (_dir, file) => chmodSync(file, 0o400), undo: (_dir, file) => chmodSync(file, 0o600) }];
  }
  const ways: ReadOnlyWay[] = [];
  if (probe((file) => chattr('+i', file))) {
    ways.push({ name: 'immutable file (chattr +i)', inProcess: true, make: (_dir, file) => void chattr('+i', file), undo: (_dir, file) => void chattr('-i', file) });
  }
  const roMount = probe((file) => {
    const [cmd, ...args] = inReadOnlyMount(join(file, '..'), ['sh', '-c', `echo y >> "${file}"`]);
    const run = spawnSync(cmd as string, args, { encoding: 'utf8' });
    return run.status !== 0 && /read-only file system/i.test(run.stderr) && readFileSync(file, 'utf8') === 'x';
  });
  if (roMount) ways.push({ name: 'read-only bind mount (unshare)', inProcess: false, make: () => {}, undo: () => {}, wrap: inReadOnlyMount });
  return ways;
}

const WAYS = readOnlyWays();

// Root with neither way: say so, rather than pass a test that tried nothing.
describe.runIf(isRoot && WAYS.length === 0)('a read-only case store as root', () => {
  it('needs CAP_LINUX_IMMUTABLE (chattr) or user namespaces (unshare) to make a file read-only for root', () => {
    expect.fail('cannot make a file read-only for root here: run the tests as an ordinary user, or grant CAP_LINUX_IMMUTABLE or user namespaces');
  });
});

describe.skipIf(process.platform === 'win32').each(WAYS)('a read-only case store ($name)', (way) => {
  const hostRun = (args: string[], dir: string) => {
    const argv = [process.execPath, '--import', 'tsx', ...args];
    const [cmd, ...rest] = way.wrap ? way.wrap(dir, argv) : argv;
    return spawnSync(cmd as string, rest, {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, CASEWORKER_DATA_DIR: dir, NODE_OPTIONS: '' },
      timeout: 60_000,
    });
  };

  it('is refused by openApp, the web host and the CLI in Danish with the path, and the file is unchanged', async () => {
    const dir = tempDir();
    const file = await caseStore(dir);
    const before = digest(file);
    way.make(dir, file);
    try {
      if (way.inProcess) {
        expect(() => openApp({ dataDir: dir, settings: new MemorySettingsStore(), secrets: new EnvSecretStore({}), transport: 'web' })).toThrow(
          /skrivebeskyttet/,
        );
      }
      const web = hostRun(['src-main/web/main.ts', '--port', '0', '--data-dir', dir], dir);
      expect(web.status, web.stderr).toBe(1);
      expect(web.stderr).toMatch(/er skrivebeskyttet, så sagerne kan ikke gemmes/);
      expect(web.stderr).toContain(file);
      const cli = hostRun(['src-main/cli/main.ts', '--db', file, 'export'], dir);
      expect(cli.status, cli.stderr).toBe(1);
      expect(cli.stderr).toMatch(/skrivebeskyttet.*read-only/);
      expect(cli.stderr).toContain(file);
    } finally {
      way.undo(dir, file);
    }
    expectUntouched(file, before);
  }, 120_000);
});

describe('a store that cannot be created', () => {
  it('is refused in Danish with the path, by openApp and the CLI, not with a raw system error', async () => {
    const dir = tempDir();
    const notAFolder = join(dir, 'a-file');
    writeFileSync(notAFolder, 'x');
    const file = join(notAFolder, 'data', DATABASE_FILE);
    expect(() =>
      openApp({ dataDir: join(notAFolder, 'data'), settings: new MemorySettingsStore(), secrets: new EnvSecretStore({}), transport: 'electron' }),
    ).toThrow(/kan ikke oprettes/);
    const run = await cli(['--db', file, 'init'], { dataDir: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`Databasefilen ${file} kan ikke oprettes`);
  });
});

describe('demo data', () => {
  it('is seeded only into a file created just now, never into an existing case store without records', async () => {
    const dir = tempDir();
    const app = openApp({ dataDir: dir, settings: new MemorySettingsStore(), secrets: new EnvSecretStore({}), transport: 'web', seedDemo: false });
    await app.close();
    const again = openApp({ dataDir: dir, settings: new MemorySettingsStore(), secrets: new EnvSecretStore({}), transport: 'web' });
    const records = (again.services.db.prepare('SELECT count(*) AS n FROM records').get() as { n: number }).n;
    await again.close();
    expect(records).toBe(0);
  });

  it('a new data folder gets the demo, in a folder and files no other account can read', async () => {
    const dir = join(tempDir(), 'fresh', 'Sagsbehandler');
    const app = openApp({ dataDir: dir, settings: new MemorySettingsStore(), secrets: new EnvSecretStore({}), transport: 'web' });
    const records = (app.services.db.prepare('SELECT count(*) AS n FROM records').get() as { n: number }).n;
    await app.close();
    expect(records).toBeGreaterThan(0);
    if (process.platform !== 'win32') {
      expect(statSync(dir).mode & 0o777).toBe(0o700);
      expect(statSync(join(dir, DATABASE_FILE)).mode & 0o777).toBe(0o600);
    }
  });
});
