// The JavaScript a phone downloads before Today can draw: the entry script and what it preloads.
// Runs after `vite build` (npm run test:e2e builds first); the figure does not depend on the machine.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { expect, test } from '@playwright/test';

const BUDGET_BYTES = 130 * 1024;

test('the first load is at most 130 KB of gzipped JavaScript', () => {
  const html = readFileSync('dist/index.html', 'utf8');
  const scripts = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1] ?? '');
  expect(scripts.length).toBeGreaterThan(0);
  const gzipped = scripts.reduce((sum, file) => sum + gzipSync(readFileSync(join('dist', file))).length, 0);
  console.log(`first load: ${(gzipped / 1024).toFixed(1)} KB gzipped in ${scripts.length} files`);
  expect(gzipped).toBeLessThanOrEqual(BUDGET_BYTES);
});
