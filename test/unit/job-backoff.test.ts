import { describe, expect, it } from 'vitest';
import { backoffMs } from '../../src-main/jobs/job-queue';

describe('backoffMs: exponential with full jitter', () => {
  it.each([
    [1, 2_000],
    [2, 4_000],
    [3, 8_000],
    [4, 16_000],
    [9, 512_000],
    [10, 600_000],
    [30, 600_000],
  ])('attempt %i waits between half and all of %i ms', (attempt, ceiling) => {
    expect(backoffMs(attempt, () => 0)).toBe(ceiling / 2);
    expect(backoffMs(attempt, () => 0.999_999)).toBeCloseTo(ceiling, -1);
    const mid = backoffMs(attempt, () => 0.5);
    expect(mid).toBe(Math.round((ceiling * 3) / 4));
  });

  it('never waits less than a second nor more than ten minutes', () => {
    for (let attempt = 0; attempt < 60; attempt += 1) {
      const wait = backoffMs(attempt);
      expect(wait).toBeGreaterThanOrEqual(1_000);
      expect(wait).toBeLessThanOrEqual(600_000);
    }
  });

  it('grows with the attempt number', () => {
    const fixed = () => 0.3;
    const waits = [1, 2, 3, 4, 5].map((a) => backoffMs(a, fixed));
    expect([...waits].sort((a, b) => a - b)).toEqual(waits);
    expect(new Set(waits).size).toBe(waits.length);
  });
});
