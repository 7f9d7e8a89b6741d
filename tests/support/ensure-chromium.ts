// Run before the end-to-end tests (`npm run test:e2e`): makes sure a Chromium is there to drive.
// `npm ci` does not download Playwright's browser, so on a machine without Debian's Chromium the
// tests would fail with "Executable doesn't exist"; this installs Playwright's instead, or says
// clearly what to do when that cannot be done.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { chromiumExecutable, SYSTEM_CHROMIUM } from './chromium';

function playwrightChromiumPresent(): boolean {
  try {
    return existsSync(chromium.executablePath());
  } catch {
    return false;
  }
}

if (chromiumExecutable) {
  console.log(`end-to-end tests: using ${chromiumExecutable}`);
} else if (playwrightChromiumPresent()) {
  console.log(`end-to-end tests: using Playwright's Chromium (${chromium.executablePath()})`);
} else {
  console.log(`end-to-end tests: no ${SYSTEM_CHROMIUM}; installing Playwright's Chromium...`);
  const install = spawnSync('npx', ['playwright', 'install', 'chromium'], { stdio: 'inherit' });
  if (install.status !== 0 || !playwrightChromiumPresent()) {
    console.error(
      [
        'end-to-end tests: no Chromium to run them in.',
        `  ${SYSTEM_CHROMIUM} does not exist, and \`npx playwright install chromium\` failed.`,
        '  Either install Chromium from your system (Debian or Ubuntu: `sudo apt-get install chromium`),',
        '  or run `npx playwright install --with-deps chromium` where its download is reachable,',
        '  then run the tests again.',
      ].join('\n'),
    );
    process.exitCode = 1;
  }
}
