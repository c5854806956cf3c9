// The case store's WAL is copied into the database file by a second connection
// on its own thread, not inside the app's commits (issue 2: import speed).
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../../src-main/app/open-app';
import { useTestApps } from '../helpers/test-app';

const { open, tempDir } = useTestApps();

const until = async (what: string, ok: () => boolean, ms = 60_000): Promise<void> => {
  for (const start = Date.now(); !ok(); ) {
    if (Date.now() - start > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
};

describe('background WAL checkpoints', () => {
  it('copy committed pages into the database file without the app’s connection doing it, and the log is gone after closing', async () => {
    const dataDir = tempDir();
    const app = open({ dataDir, seedDemo: false });
    const file = join(dataDir, DATABASE_FILE);
    const { db } = app.services;
    // The app's own connection only checkpoints as a safety net, far beyond normal writes.
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(50_000);
    await until('the first checkpoint', () => statSync(file).size > 0);
    const before = statSync(file).size;

    // ~2 MB of new pages, committed: they are in the log, not yet in the file.
    db.exec('CREATE TABLE filler (x TEXT)');
    const insert = db.prepare('INSERT INTO filler (x) VALUES (?)');
    db.transaction(() => {
      for (let i = 0; i < 2000; i += 1) insert.run('x'.repeat(1000));
    })();
    expect(statSync(`${file}-wal`).size).toBeGreaterThan(2_000_000);
    // The second connection copies them over while this thread does nothing.
    await until('the background checkpoint', () => statSync(file).size >= before + 2_000_000);

    await app.close();
    // The last connection to close checkpoints the rest and removes the log.
    expect(existsSync(`${file}-wal`)).toBe(false);
  });
});
