// Timing helpers for the store benchmark: monotonic nanosecond clock, warm-up,
// percentiles and the one-JSON-line-per-figure report format.
import { loadavg } from 'node:os';

export interface Figure {
  metric: string;
  value: number;
  unit: string;
  /** The target from the issue; `pass` compares against it in the metric's direction. */
  target?: number;
  better?: 'higher' | 'lower';
  extra?: Record<string, number | string>;
}

const round = (n: number, digits = 3): number => Number(n.toFixed(digits));

export const elapsedMs = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e6;

/** Runs `fn` once and returns how long it took in milliseconds. */
export function timeOnce(fn: () => void): number {
  const start = process.hrtime.bigint();
  fn();
  return elapsedMs(start);
}

/** CPU time (user + system) this process has used, in milliseconds. */
export const cpuMs = (): number => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

/**
 * Wall-clock times of the last sampleLatencies run's calls are its result; the
 * CPU time of each call is kept here. On a machine shared with other work the
 * wall clock includes time spent waiting for a core, the CPU time does not, so
 * the two together tell a slow query from a busy machine.
 */
export let lastCpuTimes: number[] = [];

/** Runs `warmup` untimed calls, then `samples` timed calls; `fn` gets the call index. */
export function sampleLatencies(samples: number, warmup: number, fn: (i: number) => void): number[] {
  for (let i = 0; i < warmup; i += 1) fn(i);
  const times: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < samples; i += 1) {
    const cpuStart = cpuMs();
    const start = process.hrtime.bigint();
    fn(warmup + i);
    times.push(elapsedMs(start));
    cpu.push(cpuMs() - cpuStart);
  }
  lastCpuTimes = cpu;
  return times;
}

/** Nearest-rank percentile of a list of latencies. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
}

/** A p95 figure in ms with p50, max and the sample count alongside. */
export function latencyFigure(metric: string, times: number[], target: number): Figure {
  return {
    metric,
    value: percentile(times, 95),
    unit: 'ms',
    target,
    better: 'lower',
    extra: {
      p50_ms: round(percentile(times, 50)),
      max_ms: round(Math.max(...times)),
      samples: times.length,
      // Only when these are the times lastCpuTimes belongs to.
      ...(lastCpuTimes.length === times.length ? { cpu_p95_ms: round(percentile(lastCpuTimes, 95)) } : {}),
      load_avg_1m: round(loadavg()[0] ?? 0, 2),
    },
  };
}

export function report(f: Figure): void {
  const line: Record<string, unknown> = { bench: 'store', metric: f.metric, value: round(f.value), unit: f.unit };
  if (f.target !== undefined) {
    line.target = f.target;
    line.pass = f.better === 'higher' ? f.value >= f.target : f.value <= f.target;
  }
  Object.assign(line, Object.fromEntries(Object.entries(f.extra ?? {}).map(([k, v]) => [k, typeof v === 'number' ? round(v) : v])));
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

/** Progress for the person watching; stdout carries only the JSON figures. */
export const progress = (text: string): void => void process.stderr.write(`[bench] ${text}\n`);
