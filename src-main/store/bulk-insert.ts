import type { Db } from './database';
import { preparedOnce } from './statement-cache';

/** Rows per multi-row INSERT: large enough that the per-statement cost (~1 µs) vanishes, well under SQLite's 32,766 parameters. */
const ROWS_PER_STATEMENT = 32;

/**
 * Inserts many rows into one table with multi-row `VALUES (…), (…)` statements,
 * prepared once per size. For bulk writes inside the caller's transaction (a CSV
 * import); each call to `add` is one row, written at the latest by `flush`.
 * Values the same for every row (the batch's workflow, its time) are named
 * parameters in the tuple, bound once per statement instead of once per row.
 */
export class BulkInsert {
  private readonly args: unknown[] = [];
  private readonly width: number;

  /**
   * @param head  `INSERT INTO table (a, b, c) VALUES`
   * @param tuple one row's placeholders, e.g. `(?, ?, 1, @at)`: `?` per row, `@name` from `shared`
   */
  constructor(
    private readonly db: Db,
    private readonly head: string,
    private readonly tuple: string,
    private readonly shared: Record<string, unknown> = {},
  ) {
    this.width = tuple.split('?').length - 1;
  }

  add(...row: unknown[]): void {
    if (row.length !== this.width) throw new Error(`BulkInsert: a row has ${row.length} values, the statement takes ${this.width}`);
    for (const value of row) this.args.push(value);
    if (this.args.length === this.width * ROWS_PER_STATEMENT) this.flush();
  }

  flush(): void {
    const rows = this.args.length / this.width;
    if (rows === 0) return;
    this.statement(rows).run(this.args, this.shared);
    this.args.length = 0;
  }

  private statement(rows: number) {
    return preparedOnce(this.db, `${this.head} ${Array.from({ length: rows }, () => this.tuple).join(', ')}`);
  }
}
