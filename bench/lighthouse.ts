// npm run lighthouse: Lighthouse (its default mobile preset: a phone's screen, simulated slow 4G and
// a CPU four times slower) on the sign-in page and on Today of a signed-in worker, each several times
// on a fresh browser profile, against the built app (`dist`, or STATIC_DIR) served by `npm start`'s
// server on a new database with the demo data. Builds nothing: run `npm run build` first.
//
// One JSON line per audit, then one median line per page, on stdout; progress on stderr. Exits 1 when
// a median score of performance, accessibility or best practices is under 0.95.
//
//   LIGHTHOUSE_RUNS=N        audits per page (3)
//   LIGHTHOUSE_PAGES=a,b     sign-in, today or both (the default)
//   LIGHTHOUSE_REPORTS=dir   also write each audit's report and trace there (JSON)
//   LIGHTHOUSE_CPU_PROFILE=1 the traces carry a CPU profile (which slows the scripts: figures void)
//   LIGHTHOUSE_OPENED_BEFORE=0  audit Today as first opened after the sign-in, not as on later days
//   STATIC_DIR=dir           the build to serve (dist)
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium } from '@playwright/test';
import lighthouse, { type Flags, type Result } from 'lighthouse';
import { waitForTodaySnapshot } from '../tests/e2e/helpers';
import { SYSTEM_CHROMIUM } from '../tests/support/chromium';
import { freePort } from '../tests/support/ports';
import { fillSignIn, LAST_SYNCED_TEXT, signInButton, TODAY_SCREEN_SELECTOR } from './lib/app-ui';
import { ROOT } from './lib/env';
import { median, round } from './lib/report';
import { releaseOnExit, removeDir, stopChild, tempDir, trackChild } from './lib/resources';

const MIN_SCORE = 0.95;
/** Under this benchmark index Lighthouse warns that the host is too slow for its default 4x CPU. */
const SLOW_HOST = 1000;
const CATEGORIES = ['performance', 'accessibility', 'best-practices'] as const;
const PAGES = ['sign-in', 'today'] as const;
type PageName = (typeof PAGES)[number];
const WORKER = { username: 'worker1', password: 'tanfang-demo' };

const runs = Math.max(1, Number(process.env.LIGHTHOUSE_RUNS ?? 3) || 3);
const pages = (process.env.LIGHTHOUSE_PAGES ?? PAGES.join(','))
  .split(',')
  .map((name) => name.trim())
  .filter((name): name is PageName => (PAGES as readonly string[]).includes(name));
const reportDir = process.env.LIGHTHOUSE_REPORTS || undefined;
const staticDir = resolve(ROOT, process.env.STATIC_DIR || 'dist');

releaseOnExit();

const log = (...parts: unknown[]) => console.error('[lighthouse]', ...parts);

/** A child process that prints `ready` on stdout or stderr once it is up; its output is kept for errors. */
async function startChild(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  ready: RegExp,
): Promise<{ child: ChildProcess; match: RegExpMatchArray; stop(): Promise<void> }> {
  const child = spawn(command, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  trackChild(child);
  let output = '';
  const match = await new Promise<RegExpMatchArray>((resolve, reject) => {
    const timer = setTimeout(() => fail(`${command} did not start within 60 s`), 60_000);
    const fail = (why: string) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${why}\n${output.slice(-2000)}`));
    };
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const found = output.match(ready);
      if (found) {
        clearTimeout(timer);
        resolve(found);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => fail(`${command} exited with ${code} while starting`));
  });
  // Keep draining the output so a chatty process never blocks on a full pipe.
  child.stdout?.removeAllListeners('data').resume();
  child.stderr?.removeAllListeners('data').resume();
  return {
    child,
    match,
    stop: () => stopChild(child, 10_000),
  };
}

/** `npm start`'s server (seeds/serve-demo.ts): the demo data loaded into a new database. */
async function startServer() {
  const port = await freePort();
  const dataDir = tempDir('lighthouse-data');
  const server = await startChild(
    process.execPath,
    ['--import', 'tsx', 'seeds/serve-demo.ts'],
    { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, STATIC_DIR: staticDir },
    /Tanfang is running/,
  );
  return {
    url: `http://localhost:${port}`,
    async stop() {
      await server.stop();
      removeDir(dataDir);
    },
  };
}

/** Debian's Chromium, headless, on a fresh profile, with the DevTools port Lighthouse drives. */
async function startChromium() {
  const profile = tempDir('lighthouse-profile');
  const browser = await startChild(
    SYSTEM_CHROMIUM,
    [
      '--headless=new',
      '--no-sandbox',
      '--remote-debugging-port=0',
      `--user-data-dir=${profile}`,
      '--no-first-run',
      '--no-default-browser-check',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-default-apps',
      '--disable-extensions',
      '--mute-audio',
      // The app's people read Chinese: the page in their language, as the e2e tests have it.
      '--lang=zh-CN',
      '--accept-lang=zh-CN,zh',
      'about:blank',
    ],
    process.env,
    /DevTools listening on ws:\/\/[^:]+:(\d+)\//,
  );
  return {
    port: Number(browser.match[1]),
    async stop() {
      await browser.stop();
      removeDir(profile);
    },
  };
}

/**
 * Signs the worker in through the form, as on a phone, and waits until the first sync is done and
 * Today's snapshot is written: the audit then opens the app as a worker does on any later day.
 */
async function signInOnce(debuggingPort: number, url: string): Promise<void> {
  const browser = await chromium.connectOverCDP(`http://127.0.0.1:${debuggingPort}`);
  try {
    const context = browser.contexts()[0];
    if (!context) throw new Error('the browser has no default context');
    const page = await context.newPage();
    await page.goto(`${url}/`);
    await fillSignIn(page, WORKER.username, WORKER.password);
    await signInButton(page).click();
    await page.getByText(LAST_SYNCED_TEXT).first().waitFor({ timeout: 120_000 });
    await page.locator(`${TODAY_SCREEN_SELECTOR}[data-source="live"]`).waitFor({ timeout: 60_000 });
    const elders = Number(await page.locator(TODAY_SCREEN_SELECTOR).getAttribute('data-elders'));
    await waitForTodaySnapshot(page, elders);
    // The service worker has the app cached, as after any first sign-in.
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
      timeout: 30_000,
    });
    if (process.env.LIGHTHOUSE_OPENED_BEFORE !== '0') {
      // Opened once more, as on any day after the first: the browser then keeps the scripts compiled.
      await page.reload();
      await page.locator(`${TODAY_SCREEN_SELECTOR}[data-source="live"]`).waitFor({ timeout: 60_000 });
      await page.getByText(LAST_SYNCED_TEXT).first().waitFor({ timeout: 60_000 });
      await page.waitForTimeout(1_000);
    }
    await page.close();
  } finally {
    await browser.close();
  }
}

interface Figures {
  performance: number;
  accessibility: number;
  bestPractices: number;
  tbtMs: number;
  cls: number;
  lcpMs: number;
  fcpMs: number;
  /** Lighthouse's measure of this machine's speed as the audit began (higher is faster). */
  benchmarkIndex: number;
}

function figuresOf(lhr: Result): Figures {
  const score = (id: string) => {
    const value = lhr.categories[id]?.score;
    if (typeof value !== 'number') throw new Error(`no ${id} score: ${lhr.runtimeError?.message ?? ''}`);
    return value;
  };
  const numeric = (id: string) => lhr.audits[id]?.numericValue ?? Number.NaN;
  return {
    performance: score('performance'),
    accessibility: score('accessibility'),
    bestPractices: score('best-practices'),
    tbtMs: Math.round(numeric('total-blocking-time')),
    cls: Math.round(numeric('cumulative-layout-shift') * 1000) / 1000,
    lcpMs: Math.round(numeric('largest-contentful-paint')),
    fcpMs: Math.round(numeric('first-contentful-paint')),
    benchmarkIndex: Math.round(lhr.environment.benchmarkIndex),
  };
}

/** The audits under 1 that weigh in a score: what to look at when a score drops. */
function losses(lhr: Result): string[] {
  const out: string[] = [];
  for (const category of CATEGORIES) {
    for (const ref of lhr.categories[category]?.auditRefs ?? []) {
      const audit = lhr.audits[ref.id];
      if (ref.weight > 0 && audit && audit.score !== null && audit.score < 1) {
        out.push(`${audit.id} ${audit.score}${audit.displayValue ? ` (${audit.displayValue})` : ''}`);
      }
    }
  }
  return out;
}

async function audit(page: PageName, run: number, url: string): Promise<Figures> {
  const browser = await startChromium();
  try {
    if (page === 'today') await signInOnce(browser.port, url);
    const flags: Flags = {
      port: browser.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: [...CATEGORIES],
      // Lighthouse would otherwise clear the site's storage, and with it the session.
      disableStorageReset: page === 'today',
      // V8's sampler in the trace: where the time goes, but it slows the first run of each script
      // several times over, so the figures of such a run mean nothing.
      ...(process.env.LIGHTHOUSE_CPU_PROFILE === '1' && {
        additionalTraceCategories: 'disabled-by-default-v8.cpu_profiler',
      }),
    };
    const result = await lighthouse(`${url}/`, flags);
    if (!result) throw new Error('Lighthouse gave no result');
    if (reportDir) {
      mkdirSync(reportDir, { recursive: true });
      writeFileSync(join(reportDir, `${page}-${run}.json`), result.report as string);
      // The trace, for Chrome DevTools' performance panel (load it there) or a script.
      writeFileSync(join(reportDir, `${page}-${run}.trace.json`), JSON.stringify(result.artifacts.Trace));
    }
    const figures = figuresOf(result.lhr);
    log(page, run, 'below 1:', losses(result.lhr).join('; ') || 'nothing');
    if (figures.benchmarkIndex < SLOW_HOST) {
      log(`benchmark index ${figures.benchmarkIndex}: a host slower than Lighthouse's 4x CPU assumes`);
    }
    return figures;
  } finally {
    await browser.stop();
  }
}

async function main(): Promise<number> {
  if (!existsSync(join(staticDir, 'index.html'))) {
    console.error(`No build in ${staticDir}: run \`npm run build\` first.`);
    return 2;
  }
  if (!existsSync(SYSTEM_CHROMIUM)) {
    console.error(`Lighthouse here runs Debian's Chromium, ${SYSTEM_CHROMIUM}, which is not installed.`);
    return 2;
  }
  const built = statSync(join(staticDir, 'index.html')).mtime.toISOString();
  const server = await startServer();
  log(`server on ${server.url}, the build of ${built} in ${staticDir}`);
  const results = new Map<PageName, Figures[]>(pages.map((page) => [page, []]));
  try {
    for (let run = 1; run <= runs; run++) {
      for (const page of pages) {
        const figures = await audit(page, run, server.url).catch((error: unknown) => {
          // Once more on a new browser: a shared machine's hiccup should not end a long run.
          log(page, run, 'failed, once more:', error instanceof Error ? error.message : error);
          return audit(page, run, server.url);
        });
        results.get(page)?.push(figures);
        console.log(JSON.stringify({ lighthouse: page, run, ...figures }));
      }
    }
  } finally {
    await server.stop();
  }
  let failed = false;
  for (const [page, list] of results) {
    const keys = Object.keys(list[0] ?? {}) as (keyof Figures)[];
    const medians = Object.fromEntries(keys.map((key) => [key, round(median(list.map((f) => f[key])), 3)]));
    const below = CATEGORIES.map((c) => (c === 'best-practices' ? 'bestPractices' : c)).filter(
      (key) => (medians[key] ?? 0) < MIN_SCORE,
    );
    if (below.length > 0) failed = true;
    console.log(
      JSON.stringify({ lighthouse: page, median: true, runs: list.length, built, ...medians, below }),
    );
  }
  return failed ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
