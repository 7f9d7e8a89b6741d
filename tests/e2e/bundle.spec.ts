// The JavaScript a phone downloads before Today can draw: the entry script and what it preloads.
// Runs after `vite build` (npm run test:e2e builds first, into dist, or TANFANG_E2E_STATIC_DIR); the
// figure does not depend on the machine.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { expect, test } from '@playwright/test';

const BUDGET_BYTES = 130 * 1024;
const BUILD = process.env.TANFANG_E2E_STATIC_DIR ?? 'dist';

test('the first load is at most 130 KB of gzipped JavaScript', () => {
  const html = readFileSync(join(BUILD, 'index.html'), 'utf8');
  const scripts = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1] ?? '');
  expect(scripts.length).toBeGreaterThan(0);
  const gzipped = scripts.reduce((sum, file) => sum + gzipSync(readFileSync(join(BUILD, file))).length, 0);
  console.log(`first load: ${(gzipped / 1024).toFixed(1)} KB gzipped in ${scripts.length} files`);
  expect(gzipped).toBeLessThanOrEqual(BUDGET_BYTES);
});

// A page that listens for `unload` is never kept in the back/forward cache, and Chrome reports the
// listener as deprecated (Lighthouse's best practices). RxDB's leader election would add one through
// the `unload` package; vite.config.ts replaces it with src/app/db/unload.ts.
test('no script of the app listens for unload', () => {
  const scripts = readdirSync(join(BUILD, 'assets')).filter((file) => file.endsWith('.js'));
  const listening = scripts.filter((file) =>
    /addEventListener\(\s*["'`]unload["'`]/.test(readFileSync(join(BUILD, 'assets', file), 'utf8')),
  );
  expect(listening).toEqual([]);
});
