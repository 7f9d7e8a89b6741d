// Headless Chromium launched as the e2e tests launch it (playwright.config.ts): Debian's chromium
// where it exists, the same flags, a phone-sized Chinese page in the region's time zone. Each launch
// gets a fresh profile directory unless one is given (the cold start reuses one on purpose).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from '@playwright/test';
import { chromiumExecutable as executablePath } from '../../tests/support/chromium';
import { TIME_ZONE } from './env';
import { tempDir } from './resources';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export interface Launched {
  context: BrowserContext;
  page: Page;
  profileDir: string;
  close(): Promise<void>;
}

export async function launchBrowser(
  options: { profileDir?: string; offline?: boolean } = {},
): Promise<Launched> {
  const profileDir = options.profileDir ?? tempDir('profile');
  const context = await chromium.launchPersistentContext(profileDir, {
    headless: true,
    executablePath,
    args: CHROMIUM_ARGS,
    locale: 'zh-CN',
    timezoneId: TIME_ZONE,
    viewport: { width: 390, height: 844 },
    offline: options.offline ?? false,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return { context, page, profileDir, close: () => context.close() };
}

/** Slows the page's CPU (CDP Emulation.setCPUThrottlingRate), as on a cheap phone. */
export async function throttleCpu(page: Page, rate: number): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
}

/** Samples the page's JavaScript with CDP's Profiler until `stop` is called; writes a .cpuprofile. */
export async function profilePage(page: Page): Promise<{ stop(file: string): Promise<void> }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
  await cdp.send('Profiler.start');
  return {
    async stop(file) {
      const { profile } = await cdp.send('Profiler.stop');
      writeFileSync(file, JSON.stringify(profile));
      await cdp.detach();
    },
  };
}

export function profileFile(dir: string, name: string): string {
  return join(dir, `${name.replace(/[^a-z0-9.-]+/gi, '_')}.cpuprofile`);
}

/**
 * Runs `fn(arg)` in the page. tsx compiles the bench with esbuild's keepNames, which wraps nested
 * functions in a `__name` helper the page does not have; the source is sent with a stand-in for it.
 */
export function pageScript<A>(fn: (arg: A) => unknown, arg: A): string {
  return `(() => { const __name = (f) => f; return (${fn.toString()})(${JSON.stringify(arg)}); })()`;
}

export async function evaluateIn<R, A>(page: Page, fn: (arg: A) => R | Promise<R>, arg: A): Promise<R> {
  return (await page.evaluate(pageScript(fn, arg))) as R;
}

/**
 * Waits until `fn(arg)` in the page comes out true, asking every `pollMs`. Not page.waitForFunction:
 * it takes an async check's promise itself as true and returns at once. A check that throws (the
 * page navigating under it) counts as not yet; the last such error is in the timeout's message.
 */
export async function waitUntilIn<A>(
  page: Page,
  fn: (arg: A) => boolean | Promise<boolean>,
  arg: A,
  { timeoutMs, pollMs = 250 }: { timeoutMs: number; pollMs?: number },
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown = null;
  for (;;) {
    try {
      if (await evaluateIn(page, fn, arg)) return;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      const cause = lastError === null ? '' : ` (last check threw: ${String(lastError)})`;
      throw new Error(`not true after ${timeoutMs} ms${cause}`);
    }
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}
