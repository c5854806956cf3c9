import type { Db } from '../../../src-main/store/database';

export interface CapturedQuery {
  sql: string;
  args: unknown[];
}

/**
 * Records every statement the production code prepares and runs while `fn`
 * runs, with its arguments, so a test can ask SQLite how it plans the real
 * query rather than a copy of it.
 */
export async function captureQueries(db: Db, fn: () => unknown): Promise<CapturedQuery[]> {
  const captured: CapturedQuery[] = [];
  const original = db.prepare;
  db.prepare = ((sql: string) => {
    const statement = original.call(db, sql);
    for (const method of ['get', 'all', 'run', 'iterate'] as const) {
      const run = statement[method] as (...args: unknown[]) => unknown;
      Object.defineProperty(statement, method, {
        value: (...args: unknown[]) => {
          captured.push({ sql, args });
          return run.apply(statement, args);
        },
      });
    }
    return statement;
  }) as Db['prepare'];
  try {
    await fn();
  } finally {
    db.prepare = original;
  }
  return captured;
}

/** SQLite's plan for a captured query, one detail line per step. */
export function queryPlan(db: Db, query: CapturedQuery): string[] {
  const rows = db.prepare(`EXPLAIN QUERY PLAN ${query.sql}`).all(...query.args) as { detail: string }[];
  return rows.map((r) => r.detail);
}
