// Figures: the median of the runs (with min and max), each run's ratio taken against the floor measured
// in that same run, so a noisy machine moves both sides together. One JSON line per figure on stdout.

export interface Sample {
  ours: number;
  floor: number;
  /** Further figures of the run (bytes, percentiles...); the line gives their medians. */
  extra?: Record<string, number>;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** The q-quantile (0..1) by the nearest-rank method. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length)));
  return sorted[rank - 1] as number;
}

export function round(value: number, digits = 1): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** Milliseconds: one decimal from 100 up, three significant digits below (0.00312 stays non-zero). */
function roundMs(value: number): number {
  if (!Number.isFinite(value) || value === 0) return value;
  return Math.abs(value) >= 100 ? round(value, 1) : Number(value.toPrecision(3));
}

/** Ratios keep three significant digits: 1.23, 12.3, 123. */
function roundRatio(value: number): number {
  if (!Number.isFinite(value)) return value;
  const digits = value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return round(value, digits);
}

export function summarize(samples: readonly Sample[]): Record<string, number> {
  const ours = samples.map((s) => s.ours);
  const floor = samples.map((s) => s.floor);
  const ratios = samples.map((s) => s.ours / s.floor);
  const line: Record<string, number> = {
    runs: samples.length,
    ours_ms: roundMs(median(ours)),
    floor_ms: roundMs(median(floor)),
    ratio: roundRatio(median(ratios)),
    ours_min_ms: roundMs(Math.min(...ours)),
    ours_max_ms: roundMs(Math.max(...ours)),
    floor_min_ms: roundMs(Math.min(...floor)),
    floor_max_ms: roundMs(Math.max(...floor)),
    ratio_min: roundRatio(Math.min(...ratios)),
    ratio_max: roundRatio(Math.max(...ratios)),
  };
  const keys = new Set(samples.flatMap((s) => Object.keys(s.extra ?? {})));
  for (const key of keys) {
    const values = samples.map((s) => s.extra?.[key]).filter((v): v is number => v !== undefined);
    line[key] =
      key.endsWith('_bytes') || key === 'errors' ? Math.round(median(values)) : round(median(values));
  }
  return line;
}

export type Line = { bench: string } & Record<string, unknown>;

export function emit(line: Line): void {
  process.stdout.write(`${JSON.stringify(line)}\n`);
}
