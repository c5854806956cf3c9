// The import's transactions are sized by time (issue 13): the writer asks how
// many rows fit its budget. Fed made-up costs here (no clock): the size
// follows the cost per row, within its bounds, at most doubling or halving.
import { describe, expect, it } from 'vitest';
import { WriteSizer } from '../../src-main/csv-import/write-sizer';

const options = { targetMs: 40, minRows: 100, maxRows: 5000, startRows: 500 };

describe('WriteSizer', () => {
  it('grows towards the rows that fit the target, by at most a doubling per transaction', () => {
    const sizer = new WriteSizer(options);
    expect(sizer.rows()).toBe(500);
    // 0.01 ms a row: 4,000 rows fit 40 ms.
    const seen: number[] = [];
    for (let i = 0; i < 6; i += 1) {
      sizer.observe(sizer.rows(), sizer.rows() * 0.01);
      seen.push(sizer.rows());
    }
    expect(seen).toEqual([1000, 2000, 4000, 4000, 4000, 4000]);
  });

  it('shrinks when rows get slower (a loaded machine), by at most halving, never below its minimum', () => {
    const sizer = new WriteSizer(options);
    const seen: number[] = [];
    for (let i = 0; i < 6; i += 1) {
      // 2 ms a row: 20 rows would fit.
      sizer.observe(sizer.rows(), sizer.rows() * 2);
      seen.push(sizer.rows());
    }
    expect(seen).toEqual([250, 125, 100, 100, 100, 100]);
  });

  it('never exceeds its maximum, and one slow transaction does not swing it from fast to minimal', () => {
    const sizer = new WriteSizer(options);
    for (let i = 0; i < 10; i += 1) sizer.observe(sizer.rows(), 0);
    expect(sizer.rows()).toBe(5000);
    // One 400 ms commit among fast ones: the average moves, the size halves at most.
    sizer.observe(5000, 400);
    expect(sizer.rows()).toBeGreaterThanOrEqual(2500);
    sizer.observe(5000, -1);
    sizer.observe(0, 10);
    expect(sizer.rows()).toBeGreaterThanOrEqual(2500);
  });
});
