import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../src-main/app/open-app';
import { openDatabase } from '../../src-main/store/database';
import { DatabaseTooNewError, LATEST_VERSION, MIGRATIONS, migrate } from '../../src-main/store/migrations';
import type { Migration } from '../../src-main/store/migrations/migration';
import { useTestApps } from './helpers/test-app';

const { tempDir, open } = useTestApps();

const userVersion = (db: Database.Database) => db.pragma('user_version', { simple: true }) as number;
const schema = (db: Database.Database) =>
  db.prepare("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name").all();
const tables = (db: Database.Database) =>
  (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name);

// Tables the foundation and the cost ledger promise; later migrations may add more.
const EXPECTED_TABLES = [
  'users',
  'groups',
  'memberships',
  'fields',
  'workflows',
  'statuses',
  'transitions',
  'status_actions',
  'records',
  'record_data',
  'records_search',
  'status_history',
  'audit_log',
  'jobs',
  'job_attempts',
  'cost_entries',
  'integration_settings',
];

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('migrate on an in-memory database', () => {
  it('brings an empty database to the latest version with every table', () => {
    const db = new Database(':memory:');
    expect(migrate(db)).toEqual({ from: 0, to: LATEST_VERSION });
    expect(userVersion(db)).toBe(LATEST_VERSION);
    expect(LATEST_VERSION).toBe(MIGRATIONS.length);
    expect(tables(db)).toEqual(expect.arrayContaining(EXPECTED_TABLES));
    // Field values live in record_data since migration 008; the old shape stays readable.
    expect(db.prepare("SELECT type FROM sqlite_master WHERE name = 'record_values'").pluck().get()).toBe('view');
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
  });

  it('numbers migrations 1..n in registry order', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_m, i) => i + 1));
  });

  it('is a no-op the second time', () => {
    const db = new Database(':memory:');
    migrate(db);
    const before = schema(db);
    expect(migrate(db)).toEqual({ from: LATEST_VERSION, to: LATEST_VERSION });
    expect(schema(db)).toEqual(before);
    expect(userVersion(db)).toBe(LATEST_VERSION);
    db.close();
  });

  it('runs only the pending migrations of a partly migrated database', () => {
    const db = new Database(':memory:');
    const ran: number[] = [];
    const registry: Migration[] = [1, 2, 3].map((version) => ({
      version,
      name: `m${version}`,
      up: (d) => {
        ran.push(version);
        d.exec(`CREATE TABLE t${version} (id INTEGER PRIMARY KEY)`);
      },
    }));
    migrate(db, registry.slice(0, 1));
    expect(migrate(db, registry)).toEqual({ from: 1, to: 3 });
    expect(ran).toEqual([1, 2, 3]);
    expect(tables(db).sort()).toEqual(['t1', 't2', 't3']);
    db.close();
  });

  it('is atomic: a failing migration leaves version and schema as they were', () => {
    const db = new Database(':memory:');
    const failing: Migration[] = [
      MIGRATIONS[0] as Migration,
      {
        version: 2,
        name: 'breaks half-way',
        up: (d) => {
          d.exec('CREATE TABLE half_done (id INTEGER PRIMARY KEY)');
          d.exec('ALTER TABLE records ADD COLUMN half_done TEXT');
          throw new Error('migration 2 broke');
        },
      },
    ];
    expect(() => migrate(db, failing)).toThrow('migration 2 broke');
    expect(userVersion(db)).toBe(0);
    expect(schema(db)).toEqual([]);
    db.close();
  });

  it('is atomic from an intermediate version too', () => {
    const db = new Database(':memory:');
    const good: Migration = { version: 1, name: 'one', up: (d) => d.exec('CREATE TABLE one (id INTEGER PRIMARY KEY)') };
    migrate(db, [good]);
    db.prepare('INSERT INTO one (id) VALUES (1)').run();
    const before = schema(db);
    const registry: Migration[] = [
      good,
      { version: 2, name: 'two', up: (d) => d.exec('CREATE TABLE two (id INTEGER PRIMARY KEY); DELETE FROM one') },
      { version: 3, name: 'three', up: () => { throw new Error('three failed'); } },
    ];
    expect(() => migrate(db, registry)).toThrow('three failed');
    expect(userVersion(db)).toBe(1);
    expect(schema(db)).toEqual(before);
    expect(db.prepare('SELECT count(*) AS n FROM one').get()).toEqual({ n: 1 });
    db.close();
  });

  it('refuses a misnumbered registry before touching the database', () => {
    const db = new Database(':memory:');
    const bad: Migration[] = [{ version: 2, name: 'skips one', up: (d) => d.exec('CREATE TABLE x (id INTEGER)') }];
    expect(() => migrate(db, bad)).toThrow(/version 1/);
    expect(schema(db)).toEqual([]);
    db.close();
  });

  it('refuses a database newer than the app with a clear DatabaseTooNewError', () => {
    const db = new Database(':memory:');
    db.pragma(`user_version = ${LATEST_VERSION + 1}`);
    let error: unknown;
    try {
      migrate(db);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DatabaseTooNewError);
    expect(error).toMatchObject({ code: 'database_too_new' });
    const message = (error as Error).message;
    expect(message).toContain(String(LATEST_VERSION + 1));
    expect(message).toContain(String(LATEST_VERSION));
    expect(message).toMatch(/newer version/);
    expect(message).toMatch(/not been changed/);
    expect(userVersion(db)).toBe(LATEST_VERSION + 1);
    expect(schema(db)).toEqual([]);
    db.close();
  });
});

describe('opening a database file', () => {
  const newerFile = (dir: string) => {
    const file = join(dir, DATABASE_FILE);
    const db = new Database(file);
    db.exec("CREATE TABLE from_the_future (id INTEGER PRIMARY KEY, note TEXT); INSERT INTO from_the_future (note) VALUES ('keep me')");
    db.pragma(`user_version = ${LATEST_VERSION + 5}`);
    db.close();
    return file;
  };

  it('openDatabase refuses a newer file and leaves its bytes unchanged', () => {
    const dir = tempDir();
    const file = newerFile(dir);
    const before = sha256(file);
    expect(() => openDatabase(file)).toThrow(DatabaseTooNewError);
    expect(sha256(file)).toBe(before);
    expect(existsSync(`${file}-wal`)).toBe(false);
    // Still readable by the app that wrote it.
    const db = new Database(file, { readonly: true });
    expect(userVersion(db)).toBe(LATEST_VERSION + 5);
    expect(db.prepare('SELECT note FROM from_the_future').pluck().get()).toBe('keep me');
    db.close();
  });

  it('openApp refuses it with code database_too_new, file unchanged', () => {
    const dir = tempDir();
    const file = newerFile(dir);
    const before = sha256(file);
    expect(() => open({ dataDir: dir })).toThrow(expect.objectContaining({ code: 'database_too_new' }));
    expect(sha256(file)).toBe(before);
  });

  it('creates and migrates a new file in WAL mode with foreign keys on, and reopens it unchanged', () => {
    const file = join(tempDir(), 'nested', 'case.sqlite');
    const first = openDatabase(file);
    expect(first.isNew).toBe(true);
    expect(first.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(first.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(userVersion(first.db)).toBe(LATEST_VERSION);
    const shape = schema(first.db);
    first.db.close();
    const second = openDatabase(file);
    expect(second.isNew).toBe(false);
    expect(schema(second.db)).toEqual(shape);
    second.db.close();
  });
});
