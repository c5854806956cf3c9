// Runs the real CLI against databases in a temp folder that is removed after each
// test: in-process through runCli (what main.ts calls), so a test's time is the
// command's work and not a tsx start-up per call; `cliProcess` runs the real entry
// as a child process (as `npm run cli --` does) for what only a process shows:
// exit codes and what reaches the terminal.
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach } from 'vitest';
import { runCli } from '../../../src-main/cli/run-cli';

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

  /**
   * The CLI with `args`, in this process; the data folder points into a temp
   * folder so nothing outside it is touched. Calls in one file run one at a time
   * (the data folder is read from the environment, as main.ts reads it).
   */
  const cli = async (args: string[], options: { dataDir?: string } = {}): Promise<CliRun> => {
    const stdout: string[] = [];
    const stderr: string[] = [];
    const saved = process.env.CASEWORKER_DATA_DIR;
    process.env.CASEWORKER_DATA_DIR = options.dataDir ?? tempDir();
    try {
      const code = await runCli(args, {
        out: (line) => void stdout.push(`${line}\n`),
        err: (line) => void stderr.push(`${line}\n`),
        write: (text) => void stdout.push(text),
      });
      return { code, stdout: stdout.join(''), stderr: stderr.join('') };
    } finally {
      if (saved === undefined) delete process.env.CASEWORKER_DATA_DIR;
      else process.env.CASEWORKER_DATA_DIR = saved;
    }
  };

  /** The real entry as a child process, through tsx. */
  const cliProcess = (args: string[], options: { dataDir?: string } = {}): CliRun => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'src-main/cli/main.ts', ...args], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, CASEWORKER_DATA_DIR: options.dataDir ?? tempDir(), NODE_OPTIONS: '' },
      timeout: 60_000,
    });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
  };

  return { tempDir, cli, cliProcess };
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
