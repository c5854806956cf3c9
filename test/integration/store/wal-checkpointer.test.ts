// The case store's WAL is copied into the database file by a second connection
// on its own thread, not inside the app's commits (issue 2: import speed).
import Database from 'better-sqlite3';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../../src-main/app/open-app';
import { openDatabase } from '../../../src-main/store/database';
import { LONG_LOG_PAGES, startBackgroundCheckpoints } from '../../../src-main/store/wal-checkpointer';
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

describe('a long writer and the log', () => {
  /** A store with background checkpoints and a write of ~100 pages, committed as an import commits. */
  const longWriter = () => {
    const file = join(tempDir(), 'long-writer.sqlite');
    const { db } = openDatabase(file);
    const checkpoints = startBackgroundCheckpoints(db, file);
    db.exec('CREATE TABLE filler (x TEXT)');
    const insert = db.prepare('INSERT INTO filler (x) VALUES (?)');
    const write = db.transaction(() => {
      for (let i = 0; i < 100; i += 1) insert.run('x'.repeat(1000));
    });
    // A transaction per turn of the event loop, without a break long enough for the
    // log to start again by itself, until the checkpoints say it is long.
    const untilLogIsLong = async (): Promise<Promise<void>> => {
      for (const start = Date.now(); ; ) {
        const pause = checkpoints.whenLogIsShort();
        if (pause) return pause;
        if (Date.now() - start > 60_000) throw new Error('the log was never reported long');
        write.immediate();
        await new Promise((r) => setImmediate(r));
      }
    };
    const close = async () => {
      db.close();
      await checkpoints.stop();
    };
    return { file, db, checkpoints, write, untilLogIsLong, close };
  };

  it('waits for a catch-up when the log is long, and its next write starts the log afresh (no checkpoint inside its COMMIT)', async () => {
    const { db, checkpoints, write, untilLogIsLong, close } = longWriter();
    try {
      await (await untilLogIsLong());
      write.immediate();
      // Counted by a checkpoint on this connection: the log holds only that last write (~100 pages), not the ~16,000 before.
      const [after] = db.pragma('wal_checkpoint(PASSIVE)') as { log: number }[];
      expect(after!.log).toBeLessThan(LONG_LOG_PAGES / 10);
      expect(checkpoints.whenLogIsShort()).toBeNull();
    } finally {
      await close();
    }
  });

  it('writes on after a catch-up that could not copy the log (another connection still reads an old snapshot), instead of pausing again and again', async () => {
    const { file, checkpoints, write, untilLogIsLong, close } = longWriter();
    write.immediate();
    // A reader elsewhere (the CLI, say) holds its snapshot: no checkpoint can copy past it.
    const reader = new Database(file, { readonly: true });
    reader.exec('BEGIN');
    reader.prepare('SELECT count(*) FROM filler').get();
    try {
      await (await untilLogIsLong());
      // The log is still long, but the writer is let through until the next timed checkpoint measures it again.
      expect(checkpoints.whenLogIsShort()).toBeNull();
    } finally {
      reader.exec('COMMIT');
      reader.close();
      await close();
    }
  });
});
