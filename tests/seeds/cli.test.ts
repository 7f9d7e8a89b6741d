import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { generateDataset } from '../../seeds/generate';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Runs the CLI as a user would, with tsx, from the repository root. */
function run(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'seeds/generate.ts', ...args],
      { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

const scratch = mkdtempSync(join(tmpdir(), 'tanfang-seeds-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('the generator CLI', () => {
  it.each([{ args: ['--elders', '-5'] }, { args: ['--elders=-5'] }, { args: ['--elders', 'many'] }])(
    'rejects a bad --elders ($args) with exit code 2 and says why',
    async ({ args }) => {
      const { code, stdout, stderr } = await run(...args);
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toMatch(/--elders/);
      expect(stderr).toMatch(/usage:/);
    },
  );

  it.each([{ args: ['--today', '2026-02-30'] }, { args: ['--colour', 'red'] }])(
    'rejects other bad arguments ($args) with exit code 2',
    async ({ args }) => {
      const { code, stderr } = await run(...args);
      expect(code).toBe(2);
      expect(stderr).toMatch(/usage:/);
    },
  );

  it('writes the requested dataset to stdout as JSON with its base date', async () => {
    const { code, stdout } = await run('--elders', '7', '--seed', '42', '--today', '2027-06-15');
    expect(code).toBe(0);
    const { baseDate, ...dataset } = JSON.parse(stdout);
    expect(baseDate).toBe('2027-06-15');
    expect(dataset).toEqual(generateDataset({ elders: 7, seed: 42, today: '2027-06-15' }));
  });

  it('writes the demo set to --out by default', async () => {
    const out = join(scratch, 'demo.json');
    const { code, stdout } = await run('--out', out);
    expect(code).toBe(0);
    expect(stdout).toBe('');
    const { baseDate, ...dataset } = JSON.parse(readFileSync(out, 'utf8'));
    expect(baseDate).toBe('2026-11-29');
    expect(dataset).toEqual(generateDataset({ elders: 60, seed: 1, today: '2026-11-29' }));
  });
});
