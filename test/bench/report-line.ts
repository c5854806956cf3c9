// One JSON line per figure on stdout ({"bench":…,"metric":…,"value":…,"unit":…}); progress on stderr.
export function reportLine(
  bench: string,
  metric: string,
  value: number,
  unit: string,
  target?: { target: number; better: 'higher' | 'lower' },
  extra: Record<string, number | string> = {},
): void {
  const line: Record<string, unknown> = { bench, metric, value: Number(value.toFixed(2)), unit };
  if (target) {
    line.target = target.target;
    line.pass = target.better === 'higher' ? value >= target.target : value <= target.target;
  }
  Object.assign(line, extra);
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

export const peakRssMb = (): number => process.resourceUsage().maxRSS / 1024;
