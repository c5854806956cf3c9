export const UNIT_MS = { minutes: 60_000, hours: 3_600_000, days: 86_400_000 } as const;
export type DelayUnit = keyof typeof UNIT_MS;

/** The largest unit that divides the delay evenly, so "14 dage" reads back as 14 days. */
export function splitDelay(ms: number): { amount: number; unit: DelayUnit } {
  const abs = Math.abs(ms);
  for (const unit of ['days', 'hours', 'minutes'] as const) {
    if (abs % UNIT_MS[unit] === 0) return { amount: abs / UNIT_MS[unit], unit };
  }
  return { amount: Math.round(abs / UNIT_MS.minutes), unit: 'minutes' };
}
