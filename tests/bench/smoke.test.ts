// The benchmark harness must not rot: `npm run bench` is not part of `npm test`, so this runs every
// benchmark once at a tiny size (BENCH_SMOKE=1: 50 records, K = 5 workers...) and checks the shape of
// each JSON line. The figures of so small a run mean nothing; only that each benchmark still works.
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
// The harness makes its temp dirs (databases, browser profiles) here, so the test can see it cleaned up.
const scratch = mkdtempSync(join(tmpdir(), 'tanfang-bench-smoke-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const BENCHMARKS = [
  'sync.initial',
  'sync.push',
  'server.rush',
  'app.start',
  'app.search',
  'app.due',
  'app.register',
  'app.import',
  'bundle',
  'sync.initial.3g',
  'sync.push.3g',
  'app.install.3g',
];

function runSmoke(): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'bench/run.ts'],
      {
        cwd: root,
        encoding: 'utf8',
        maxBuffer: 16 * 1024 * 1024,
        // On timeout the harness gets SIGTERM and stops its servers and browsers itself.
        timeout: 170_000,
        env: { ...process.env, BENCH_SMOKE: '1', BENCH_TMPDIR: scratch, BENCH_PROFILE: '' },
      },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

describe('the benchmark harness (npm run bench), once at a tiny size', () => {
  it('prints one well-formed JSON line per figure for every benchmark, and cleans up', async () => {
    const { code, stdout, stderr } = await runSmoke();
    expect(code, stderr).toBe(0);
    const lines = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.filter((l) => 'error' in l)).toEqual([]);
    expect([...new Set(lines.map((l) => l.bench))].sort()).toEqual([...BENCHMARKS].sort());

    for (const line of lines) {
      if (line.bench === 'bundle') {
        expect(line.gzip_bytes, JSON.stringify(line)).toBeGreaterThan(0);
        // gzip frames its output in about 20 bytes, so a chunk of a few dozen bytes gzips larger
        // than it is (a 121-byte chunk to 129); anything bigger must shrink.
        const frame = 24;
        expect(line.gzip_bytes as number, JSON.stringify(line)).toBeLessThanOrEqual(
          (line.bytes as number) + frame,
        );
        continue;
      }
      if (line.bench === 'app.search' && 'skipped' in line) continue;
      for (const field of [
        'n',
        'runs',
        'ours_ms',
        'floor_ms',
        'ratio',
        'ours_min_ms',
        'ours_max_ms',
        'floor_min_ms',
        'floor_max_ms',
        'ratio_min',
        'ratio_max',
      ]) {
        expect(line[field], `${line.bench}.${field}`).toBeTypeOf('number');
      }
      expect(line.floor_ms, `${line.bench}.floor_ms`).toBeGreaterThan(0);
      // app.search and app.due time one call in the page: over the smoke's handful of elders it can
      // take less than the browser's timer step (0.1 ms) and read as 0 ms.
      if (line.bench === 'app.search' || line.bench === 'app.due') {
        expect(line.ratio, `${line.bench}.ratio`).toBeGreaterThanOrEqual(0);
      } else {
        expect(line.ratio, `${line.bench}.ratio`).toBeGreaterThan(0);
      }
      expect(line.ours_min_ms as number).toBeLessThanOrEqual(line.ours_ms as number);
      expect(line.ours_max_ms as number).toBeGreaterThanOrEqual(line.ours_ms as number);
    }
    const byName = (name: string) => lines.find((l) => l.bench === name) ?? {};
    for (const database of ['sqlite', 'postgres']) {
      const rush = lines.find((l) => l.bench === 'server.rush' && l.database === database);
      expect(rush, `server.rush on ${database}`).toMatchObject({
        errors: 0,
        p99_ms: expect.any(Number),
        syncs_per_s: expect.any(Number),
      });
    }
    expect(byName('sync.initial')).toMatchObject({
      wire_bytes: expect.any(Number),
      floor_wire_bytes: expect.any(Number),
    });
    expect(byName('sync.push')).toMatchObject({ raw_insert_ms: expect.any(Number) });
    // On the emulated weak signal: bytes and round trips, ours and the floor's (one request).
    for (const name of ['sync.initial.3g', 'sync.push.3g', 'app.install.3g']) {
      const line = byName(name);
      expect(line, name).toMatchObject({
        network: { latency: 150, downloadThroughput: 200_000, uploadThroughput: 93_750 },
        wire_bytes: expect.any(Number),
        round_trips: expect.any(Number),
        floor_wire_bytes: expect.any(Number),
      });
      expect(line.round_trips as number, name).toBeGreaterThanOrEqual(1);
      // The emulation holds: no exchange can beat its 150 ms round trip.
      expect(line.floor_ms as number, name).toBeGreaterThanOrEqual(150);
      expect(line.ours_ms as number, name).toBeGreaterThanOrEqual(150);
    }
    expect(byName('app.install.3g').worker_round_trips as number).toBeGreaterThan(0);

    // Every server, browser and temp dir it made is gone.
    expect(readdirSync(scratch).filter((name) => name.startsWith('tanfang-bench-'))).toEqual([]);
  }, 180_000);
});
