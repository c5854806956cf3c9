import { describe, expect, it } from 'vitest';
import { pollDelayMs, retryDelayMs } from '../../../src-main/signing/poll-schedule';

describe('polling Idura for an open order', () => {
  it('asks often while the letter is fresh and ever more rarely as the order ages', () => {
    const minute = 60_000;
    const ages = [0, 5 * minute, 30 * minute, 3 * 60 * minute, 2 * 24 * 60 * minute, 30 * 24 * 60 * minute];
    const delays = ages.map(pollDelayMs);
    expect(delays[0]).toBe(15_000);
    for (let i = 1; i < delays.length; i++) expect(delays[i]!).toBeGreaterThanOrEqual(delays[i - 1]!);
    expect(delays.at(-1)).toBe(2 * 60 * minute);
  });

  it('backs off after failures, doubling up to half an hour', () => {
    expect(retryDelayMs(1)).toBe(5_000);
    expect(retryDelayMs(2)).toBe(10_000);
    expect(retryDelayMs(20)).toBe(30 * 60_000);
  });
});
