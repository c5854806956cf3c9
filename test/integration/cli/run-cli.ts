// Runs the real CLI as a child process (as `npm run cli --` does, through tsx)
// against databases in a temp folder that is removed after each test.
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function useCli() {
  const dirs: string[] = [];
  afterEach(() => {
    while (dirs.length) rmSync(dirs.pop() as string, { recursive: true, force: true });
  });

  const tempDir = (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'caseworker-cli-'));
    dirs.push(dir);
    return dir;
  };

  /** The CLI with `args`; the data folder points into a temp folder so nothing outside it is touched. */
  const cli = (args: string[], options: { dataDir?: string; input?: string } = {}): CliRun => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'src-main/cli/main.ts', ...args], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, CASEWORKER_DATA_DIR: options.dataDir ?? tempDir(), NODE_OPTIONS: '' },
      timeout: 60_000,
    });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
  };

  return { tempDir, cli };
}

/** A read-only look into a database the CLI wrote. */
export function query<T>(file: string, sql: string, ...args: unknown[]): T[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all(...args) as T[];
  } finally {
    db.close();
  }
}

export const countOf = (file: string, table: string): number => query<{ n: number }>(file, `SELECT count(*) AS n FROM ${table}`)[0]?.n ?? -1;

/** No stack frames in what an administrator sees. */
export const STACK_FRAME = /^\s+at .+\(.+:\d+:\d+\)$/m;
