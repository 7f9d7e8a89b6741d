// How big and how many: the mode (full, BENCH_QUICK=1, or the smoke test's BENCH_SMOKE=1) decides the
// sizes, and every figure is the median of RUNS runs on fresh state.
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export type Mode = 'full' | 'quick' | 'smoke';

export const MODE: Mode =
  process.env.BENCH_SMOKE === '1' ? 'smoke' : process.env.BENCH_QUICK === '1' ? 'quick' : 'full';

/** Where CPU profiles go when BENCH_PROFILE=DIR: one extra, unmeasured run per figure is profiled. */
export const PROFILE_DIR = process.env.BENCH_PROFILE || undefined;

/**
 * At least 3 runs per figure; the smoke test makes one tiny run of each benchmark. A profiling session
 * (BENCH_PROFILE) may ask for fewer with BENCH_RUNS, since it is after the profiles, not the figures.
 */
export const RUNS =
  MODE === 'smoke' ? 1 : Math.max(PROFILE_DIR ? 1 : 3, Number(process.env.BENCH_RUNS ?? 3) || 3);

export function bySize<T>(choices: Record<Mode, T>): T {
  return choices[MODE];
}

/** The sizes of a benchmark that has several (N records, K workers); BENCH_SIZES=1000,5000 overrides. */
export function sizesFor(choices: Record<Mode, number[]>): number[] {
  const given = (process.env.BENCH_SIZES ?? '')
    .split(',')
    .map((s) => Number(s.trim()))
    .filter((n) => Number.isInteger(n) && n > 0);
  return given.length > 0 ? given : choices[MODE];
}

/** The region's time zone: the server, the browser and the generated data all count days in it. */
export const TIME_ZONE = 'Asia/Shanghai';

export function log(...parts: unknown[]): void {
  const time = new Date().toISOString().slice(11, 19);
  process.stderr.write(`[bench ${time}] ${parts.map(String).join(' ')}\n`);
}
