import { describe, expect, it } from 'vitest';
import { splitDelay } from '../../src-renderer/screens/admin/workflows/delay-units';

describe('splitDelay', () => {
  it('reads a delay back in the largest even unit', () => {
    expect(splitDelay(14 * 86_400_000)).toEqual({ amount: 14, unit: 'days' });
    expect(splitDelay(-7 * 86_400_000)).toEqual({ amount: 7, unit: 'days' });
    expect(splitDelay(36 * 3_600_000)).toEqual({ amount: 36, unit: 'hours' });
    expect(splitDelay(90 * 60_000)).toEqual({ amount: 90, unit: 'minutes' });
    expect(splitDelay(0)).toEqual({ amount: 0, unit: 'days' });
  });
});
