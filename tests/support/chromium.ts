// Which Chromium the end-to-end tests and the benchmarks drive: Debian's where it is installed (CI and
// these machines, where Playwright's download is not reachable), Playwright's own elsewhere.
import { existsSync } from 'node:fs';

export const SYSTEM_CHROMIUM = '/usr/bin/chromium';

/** The executable to launch, or undefined for Playwright's own browser. */
export const chromiumExecutable: string | undefined = existsSync(SYSTEM_CHROMIUM)
  ? SYSTEM_CHROMIUM
  : undefined;
