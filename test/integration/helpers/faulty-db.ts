// A fault-injecting wrapper around the real store: while a fault is set, every
// statement that writes throws the SQLite (or errno) code a sick disk gives;
// reads keep working, as they do on a full or read-only disk. Statements are
// wrapped when prepared, so cached statements see the fault too.
import type Database from 'better-sqlite3';
import type { Db } from '../../../src-main/store/database';

export interface FaultyDb {
  db: Db;
  /**
   * Sets the code every write throws from now on (null: writes work again);
   * with `only`, just the writes whose SQL matches it (a disk that has room for
   * a small write but not for a larger one).
   */
  fail(code: string | null, only?: RegExp): void;
  /** How many writes were refused. */
  readonly refused: number;
}

export function faultyDb(real: Db): FaultyDb {
  let fault: string | null = null;
  let only: RegExp | null = null;
  let refused = 0;
  const guard = (statement: Database.Statement) => {
    if (fault && !statement.readonly && (!only || only.test(statement.source))) {
      refused += 1;
      throw Object.assign(new Error(`injected ${fault}`), { code: fault });
    }
  };
  const wrapStatement = (statement: Database.Statement): Database.Statement =>
    new Proxy(statement, {
      get(target, prop) {
        const v = Reflect.get(target, prop, target) as unknown;
        if (typeof v !== 'function') return v;
        if (prop === 'run' || prop === 'get' || prop === 'all' || prop === 'iterate')
          return (...args: unknown[]) => {
            guard(target);
            return (v as (...a: unknown[]) => unknown).apply(target, args);
          };
        // pluck(), raw(), expand() … return the statement: keep the wrapper.
        return (...args: unknown[]) => {
          const out = (v as (...a: unknown[]) => unknown).apply(target, args);
          return out === target ? wrapStatement(target) : out;
        };
      },
    });
  const db = new Proxy(real, {
    get(target, prop) {
      if (prop === 'prepare') return (sql: string) => wrapStatement(target.prepare(sql));
      const v = Reflect.get(target, prop, target) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
  return {
    db,
    fail: (code, pattern) => {
      fault = code;
      only = pattern ?? null;
    },
    get refused() {
      return refused;
    },
  };
}
