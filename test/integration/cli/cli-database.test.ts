import Database from 'better-sqlite3';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LATEST_VERSION, MIGRATIONS, migrate } from '../../../src-main/store/migrations';
import { STACK_FRAME, countOf, query, useCli } from './run-cli';

const { cli, cliProcess, tempDir } = useCli();

describe('cli init', () => {
  it('creates an empty database at --db, reports the schema versions and leaves it empty', async () => {
    const db = join(tempDir(), 'nested', 'case.sqlite');
    const first = await cli(['--db', db, 'init']);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`Created a new database (schema version 0 → ${LATEST_VERSION})`);
    expect(query<{ user_version: number }>(db, 'PRAGMA user_version')[0]?.user_version).toBe(LATEST_VERSION);
    for (const table of ['records', 'workflows', 'fields', 'users']) expect(countOf(db, table)).toBe(0);

    const again = await cli(['init', '--db', db]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(`up to date (schema version ${LATEST_VERSION})`);
  });

  it('migrates an older database and says from which version', async () => {
    const db = join(tempDir(), 'old.sqlite');
    // A schema-1 store: only the first migration, as an app of that version left it.
    const raw = new Database(db);
    migrate(raw, MIGRATIONS.slice(0, 1));
    raw.close();
    const run = await cli(['--db', db, 'init']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`Migrated the database from schema version 1 to ${LATEST_VERSION}`);
    expect(query<{ user_version: number }>(db, 'PRAGMA user_version')[0]?.user_version).toBe(LATEST_VERSION);
  });

  it('with --demo seeds the sandbox workspace into a new database only', async () => {
    const db = join(tempDir(), 'demo.sqlite');
    const first = await cli(['--db', db, 'init', '--demo']);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/Added the sandbox demo workspace: 2 workflows, \d+ fields, \d+ users, 200 records/);
    expect(countOf(db, 'records')).toBe(200);

    const again = await cli(['--db', db, 'init', '--demo']);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('the demo workspace was not added');
    expect(countOf(db, 'records')).toBe(200);
  });

  it('uses the data folder when no --db is given', async () => {
    const dataDir = tempDir();
    expect((await cli(['init'], { dataDir })).code).toBe(0);
    expect(existsSync(join(dataDir, 'caseworker.sqlite'))).toBe(true);
  });

  it('refuses a database from a newer app with database_too_new and leaves the file byte for byte', async () => {
    const db = join(tempDir(), 'newer.sqlite');
    const raw = new Database(db);
    raw.exec('CREATE TABLE future (x)');
    raw.pragma(`user_version = ${LATEST_VERSION + 5}`);
    raw.close();
    const before = readFileSync(db);
    for (const args of [['init'], ['init', '--demo'], ['export'], ['jobs', 'run']]) {
      const run = await cli(['--db', db, ...args]);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('newer version of the app');
      expect(run.stderr).toContain('has not been changed');
      expect(run.stderr).not.toMatch(STACK_FRAME);
    }
    expect(readFileSync(db).equals(before)).toBe(true);
  });

  it('refuses to migrate a database of another program', async () => {
    const db = join(tempDir(), 'other.sqlite');
    const raw = new Database(db);
    raw.exec('CREATE TABLE notes (x)');
    raw.close();
    const before = readFileSync(db);
    const run = await cli(['--db', db, 'init']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('database of another program');
    expect(readFileSync(db).equals(before)).toBe(true);
  });

  it('commands other than init do not create a database by accident', async () => {
    const db = join(tempDir(), 'typo.sqlite');
    const run = await cli(['--db', db, 'export']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('There is no database at');
    expect(run.stderr).toContain('init');
    expect(existsSync(db)).toBe(false);
  });
});

describe('cli arguments', () => {
  it('help lists every command and exits 0', async () => {
    for (const args of [['help'], ['--help'], ['-h']]) {
      const run = await cli(args);
      expect(run.code).toBe(0);
      for (const command of ['init', 'import <file.csv>', 'export', 'import-workspace', 'jobs run']) expect(run.stdout).toContain(command);
    }
    const one = await cli(['import', '--help']);
    expect(one.code).toBe(0);
    expect(one.stdout).toContain('--workflow');
  });

  it('an unknown command, an unknown option or a missing value is a clear error with exit 1', async () => {
    const cases: [string[], string][] = [
      [['frobnicate'], 'Unknown command "frobnicate"'],
      [['init', '--force'], 'Unknown option --force for the init command'],
      [['init', '--db'], 'The option --db needs a value'],
      [['init', '--demo=yes'], 'The option --demo takes no value'],
      [['help', 'nope'], 'Unknown command "nope"'],
      [[], 'No command given'],
      [['jobs', 'purge'], 'Unknown jobs command "purge"'],
    ];
    for (const [args, message] of cases) {
      const run = await cli(args);
      expect(run.code, args.join(' ')).toBe(1);
      expect(run.stderr).toContain(message);
      expect(run.stderr).toMatch(/^Error: /);
      expect(run.stderr).not.toMatch(STACK_FRAME);
    }
  });
});

// The tests above run the commands in-process; these run `npm run cli`'s real
// entry once each way, for what only a process shows: its exit code and terminal.
describe('the CLI process', () => {
  it('creates a database and exits 0, printing its result on stdout', () => {
    const db = join(tempDir(), 'case.sqlite');
    const run = cliProcess(['--db', db, 'init']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/schema/i);
    expect(existsSync(db)).toBe(true);
  });

  it('refuses an unknown command with exit 1 and one plain line, no stack trace', () => {
    const run = cliProcess(['frobnicate']);
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/^Error: Unknown command "frobnicate"/);
    expect(run.stderr).not.toMatch(STACK_FRAME);
  });
});
