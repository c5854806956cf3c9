/**
 * How many rows the import writes in its next transaction, chosen by time
 * rather than a fixed count: each transaction should hold the app's thread
 * for about `targetMs`, so the event loop gets a turn well within the 100 ms
 * issue 13 allows, while cheap rows go in large transactions (fewer commits:
 * the store bench's rate) and costly ones (many fields) in small ones. The
 * caller measures the app thread's CPU time (row-checking-thread.ts).
 *
 * The cost per row is a moving average of the transactions written so far;
 * the size changes by at most a factor of two from one transaction to the
 * next, so one slow commit (a checkpoint, a garbage collection) does not
 * swing it, and it stays within [minRows, maxRows].
 */
export class WriteSizer {
  private msPerRow: number | null = null;
  private current: number;

  constructor(
    private readonly options: { targetMs: number; minRows: number; maxRows: number; startRows: number },
  ) {
    this.current = clamp(options.startRows, options.minRows, options.maxRows);
  }

  /** Rows for the next transaction. */
  rows(): number {
    return this.current;
  }

  /** A transaction of `rows` rows took `ms`. */
  observe(rows: number, ms: number): void {
    if (rows <= 0 || !(ms >= 0)) return;
    const perRow = ms / rows;
    this.msPerRow = this.msPerRow === null ? perRow : 0.7 * this.msPerRow + 0.3 * perRow;
    const wanted = this.msPerRow > 0 ? this.options.targetMs / this.msPerRow : this.options.maxRows;
    const next = Math.min(this.current * 2, Math.max(this.current / 2, wanted));
    this.current = clamp(Math.round(next), this.options.minRows, this.options.maxRows);
  }
}

const clamp = (n: number, min: number, max: number): number => Math.min(max, Math.max(min, n));
