import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';
import { chromiumExecutable } from './tests/support/chromium';

// One fresh server database per run. Set here, in the runner, so the test workers inherit it and
// can look into the same SQLite file.
process.env.TANFANG_E2E_DATA_DIR ??= mkdtempSync(join(tmpdir(), 'tanfang-e2e-'));
const dataDir = process.env.TANFANG_E2E_DATA_DIR;
const port = Number(process.env.TANFANG_E2E_PORT ?? 8181);

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  use: {
    baseURL: `http://localhost:${port}`,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 390, height: 844 },
    launchOptions: {
      executablePath: chromiumExecutable,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  webServer: {
    command: 'npx tsx seeds/serve-demo.ts',
    url: `http://localhost:${port}/`,
    reuseExistingServer: false,
    timeout: 60_000,
    env: {
      PORT: String(port),
      DATA_DIR: dataDir,
      STATIC_DIR: process.env.TANFANG_E2E_STATIC_DIR ?? 'dist',
      TZ: 'Asia/Shanghai',
    },
  },
});
