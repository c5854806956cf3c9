import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { BulkInsert } from '../../src-main/store/bulk-insert';

describe('BulkInsert', () => {
  it('writes every row in order across full statements and the remainder, with shared values bound once per statement', () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, batch TEXT, n INTEGER)');
    const bulk = new BulkInsert(db, 'INSERT INTO t (id, name, batch, n) VALUES', '(?, ?, @batch, ?)', { batch: 'b1' });
    // 32 rows per statement: 70 rows are two full statements and a remainder of 6.
    for (let i = 1; i <= 70; i += 1) bulk.add(i, `navn ${i}`, i * 2);
    expect(db.prepare('SELECT count(*) FROM t').pluck().get()).toBe(64);
    bulk.flush();
    bulk.flush();
    const rows = db.prepare('SELECT * FROM t ORDER BY id').all() as { id: number; name: string; batch: string; n: number }[];
    expect(rows).toHaveLength(70);
    expect(rows[69]).toEqual({ id: 70, name: 'navn 70', batch: 'b1', n: 140 });
    expect(new Set(rows.map((r) => r.batch))).toEqual(new Set(['b1']));
  });

  it('refuses a row with the wrong number of values', () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE t (a, b)');
    const bulk = new BulkInsert(db, 'INSERT INTO t (a, b) VALUES', '(?, ?)');
    expect(() => bulk.add(1)).toThrow(/1 values, the statement takes 2/);
  });
});
