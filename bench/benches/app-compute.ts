// app.due and app.search: the app's own domain code, bundled from src/domain with esbuild and run in
// a browser page with the CPU slowed 4×, over a worker's records. Floor: a plain array filter over
// the same records in the same page.
//  - app.due: computeDue (src/domain/cadence.ts) for 5,000 elders with their visits and planned visits,
//    as the Today screen runs it.
//  - app.search: one keystroke in elder search at 5,000 elders, with the search function of
//    src/domain/search.ts when there is one; skipped (said so) when the app has no search.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { build } from 'esbuild';
import { evaluateIn, launchBrowser, profileFile, profilePage, throttleCpu } from '../lib/browser';
import { caseload } from '../lib/datasets';
import { bySize, log, PROFILE_DIR, ROOT, RUNS } from '../lib/env';
import { type Line, summarize } from '../lib/report';

const CPU_SLOWDOWN = 4;
const SEARCH_MODULE = join(ROOT, 'src/domain/search.ts');

/** The domain functions the page calls, as a classic script setting window.__benchDomain. */
async function bundleDomain(): Promise<{ code: string; hasSearch: boolean }> {
  const hasSearch =
    existsSync(SEARCH_MODULE) && /export function searchElders\b/.test(readFileSync(SEARCH_MODULE, 'utf8'));
  const entry = [
    "import { computeDue } from './src/domain/cadence';",
    hasSearch ? "import { searchElders } from './src/domain/search';" : 'const searchElders = undefined;',
    'window.__benchDomain = { computeDue, searchElders };',
  ].join('\n');
  const result = await build({
    stdin: { contents: entry, resolveDir: ROOT, loader: 'ts', sourcefile: 'bench-domain.ts' },
    bundle: true,
    format: 'iife',
    target: 'es2022',
    // Minified like the app, but with the functions' own names, so a profile can name them.
    minifyWhitespace: true,
    minifySyntax: true,
    write: false,
    logLevel: 'silent',
  });
  const text = result.outputFiles[0]?.text;
  if (text === undefined) throw new Error('esbuild produced nothing');
  return { code: `${text}\n//# sourceURL=bench-domain.js`, hasSearch };
}

interface Records {
  elders: Array<{ id: string; name: string; _deleted: boolean }>;
  visits: Array<{ elderId: string; startedAt: string; _deleted: boolean }>;
  schedules: Array<{ status: string; _deleted: boolean }>;
}

async function withRecordsPage<T>(
  elders: number,
  work: (run: number, page: Page) => Promise<T>,
): Promise<{ results: T[]; counts: Record<string, number>; hasSearch: boolean }> {
  const data = caseload({ elders });
  const { code, hasSearch } = await bundleDomain();
  const json = JSON.stringify({
    elders: data.dataset.elders,
    visits: data.dataset.visits,
    schedules: data.dataset.schedules,
  });
  const browser = await launchBrowser();
  const results: T[] = [];
  try {
    for (let run = 0; run < RUNS + (PROFILE_DIR ? 1 : 0); run++) {
      // A fresh page per run: a new JavaScript heap, code not yet optimised, as when the screen opens.
      const page = await browser.context.newPage();
      await page.setContent('<!doctype html><meta charset="utf-8"><title>bench</title>');
      await page.addScriptTag({ content: code });
      await evaluateIn(
        page,
        (text: string) => {
          (window as unknown as { __records: unknown }).__records = JSON.parse(text);
        },
        json,
      );
      await throttleCpu(page, CPU_SLOWDOWN);
      const profiling = PROFILE_DIR && run === RUNS;
      const profiler = profiling ? await profilePage(page) : undefined;
      const result = await work(run, page);
      if (profiler && PROFILE_DIR) await profiler.stop(profileFile(PROFILE_DIR, `app.compute-${run}`));
      if (!profiling) results.push(result);
      await page.close();
    }
  } finally {
    await browser.close();
  }
  const counts = {
    elders: data.dataset.elders.length,
    schedules: data.dataset.schedules.length,
    visits: data.dataset.visits.length,
  };
  return { results, counts, hasSearch };
}

export async function appDue(): Promise<Line[]> {
  const elders = bySize({ full: 5_000, quick: 5_000, smoke: 50 });
  const today = caseload({ elders: 0 }).today;
  const { results, counts } = await withRecordsPage(elders, async (run, page) => {
    const sample = await evaluateIn(
      page,
      (arg: { today: string }) => {
        const { elders, visits, schedules } = (window as unknown as { __records: Records }).__records;
        // biome-ignore lint/suspicious/noExplicitAny: the bundle's globals.
        const domain = (window as any).__benchDomain;
        const started = performance.now();
        const due = domain.computeDue({ elders, visits, schedules, today: arg.today });
        const ours = performance.now() - started;
        const warm: number[] = [];
        for (let i = 0; i < 3; i++) {
          const again = performance.now();
          domain.computeDue({ elders, visits, schedules, today: arg.today });
          warm.push(performance.now() - again);
        }
        // The floor is far below the timer's resolution at small sizes: repeated for 50 ms, averaged.
        let repeats = 0;
        let kept = 0;
        const floorStarted = performance.now();
        do {
          kept += elders.filter((e) => !e._deleted).length;
          kept += visits.filter((v) => !v._deleted).length;
          kept += schedules.filter((s) => !s._deleted && s.status === 'planned').length;
          repeats++;
        } while (performance.now() - floorStarted < 50);
        const floor = (performance.now() - floorStarted) / repeats;
        return { ours, floor, warm: warm.sort((a, b) => a - b)[1], items: due.length + kept * 0 };
      },
      { today },
    );
    log(`app.due run ${run + 1}: ours ${sample.ours.toFixed(1)} ms, floor ${sample.floor.toFixed(2)} ms`);
    return { ours: sample.ours, floor: sample.floor, extra: { warm_ms: sample.warm ?? sample.ours } };
  });
  return [
    {
      bench: 'app.due',
      n: counts.elders,
      counts,
      cpu_slowdown: CPU_SLOWDOWN,
      ...summarize(results),
      ours: 'computeDue (src/domain/cadence.ts) over all elders, visits and planned visits, first call in a fresh page (warm_ms: later calls)',
      floor: 'a plain array filter over the same records (averaged over repeats for 50 ms)',
    },
  ];
}

export async function appSearch(): Promise<Line[]> {
  const elders = bySize({ full: 5_000, quick: 5_000, smoke: 50 });
  if (!(await bundleDomain()).hasSearch)
    return [{ bench: 'app.search', skipped: 'no search in the app yet' }];
  const data = caseload({ elders: 0 });
  const { results, counts } = await withRecordsPage(elders, async (run, page) => {
    const sample = await evaluateIn(
      page,
      (arg: { today: string }) => {
        const { elders, visits } = (window as unknown as { __records: Records }).__records;
        // biome-ignore lint/suspicious/noExplicitAny: the bundle's globals.
        const domain = (window as any).__benchDomain;
        // What the screen holds before anyone types: each elder's last visit day.
        const lastVisits = new Map<string, string>();
        for (const v of visits) {
          if (v._deleted) continue;
          const day = v.startedAt.slice(0, 10);
          const known = lastVisits.get(v.elderId);
          if (known === undefined || day > known) lastVisits.set(v.elderId, day);
        }
        // The worker types the first two characters of a name: the second keystroke is measured.
        const name = elders[Math.floor(elders.length / 2)]?.name ?? '陈';
        const query = (text: string) => ({ text, tiers: [], categories: [], sort: 'name' });
        const firstStarted = performance.now();
        domain.searchElders(elders, lastVisits, query(name.slice(0, 1)), arg.today);
        const first = performance.now() - firstStarted;
        const text = name.slice(0, 2);
        const started = performance.now();
        const matches = domain.searchElders(elders, lastVisits, query(text), arg.today);
        const ours = performance.now() - started;
        // Repeated for 50 ms and averaged: one filter is below the timer's resolution.
        let repeats = 0;
        let plain = 0;
        const floorStarted = performance.now();
        do {
          plain = elders.filter((e) => !e._deleted && e.name.includes(text)).length;
          repeats++;
        } while (performance.now() - floorStarted < 50);
        const floor = (performance.now() - floorStarted) / repeats;
        return { ours, floor, first, matches: matches.length, plain };
      },
      { today: data.today },
    );
    log(
      `app.search run ${run + 1}: ours ${sample.ours.toFixed(1)} ms, floor ${sample.floor.toFixed(2)} ms (${sample.matches} matches)`,
    );
    return {
      ours: sample.ours,
      floor: sample.floor,
      extra: { first_keystroke_ms: sample.first, matches: sample.matches },
    };
  });
  return [
    {
      bench: 'app.search',
      n: counts.elders,
      cpu_slowdown: CPU_SLOWDOWN,
      ...summarize(results),
      ours: 'searchElders (src/domain/search.ts), the second keystroke of a name, sorted by name',
      floor: 'a plain array filter of the names over the same elders (averaged over repeats for 50 ms)',
    },
  ];
}
