// sync.push.3g: the end of a shift on a weak signal (bench/lib/network.ts). A worker signed in and
// synced a realistic caseload (1,000 records), then, with no signal, recorded 20 visits through the
// visit form, each of a planned visit: the visit closes it, and the app plans the elder's next routine
// visits anew from the visit (the plan changes, about five a visit). The signal comes back as 3G:
// timed from then until the app's sync run is over (nothing waiting, no sync running); the server's
// database is then checked to hold the visits and the closings. Floor: the same bytes up and down,
// gzipped, in one request over the same emulated network.
import type { Page } from '@playwright/test';
import type { Schedule, Visit } from '../../src/domain/schemas';
import type { Template } from '../../tests/support/databases';
import { appBuild } from '../lib/app';
import {
  NETWORK_SELECTOR,
  OFFLINE_TEXT,
  PENDING_SELECTOR,
  PROGRESS_SELECTOR,
  recordVisitThroughForm,
  signInAndSync,
  waitForServiceWorker,
} from '../lib/app-ui';
import { evaluateIn, launchBrowser } from '../lib/browser';
import { type Caseload, caseload } from '../lib/datasets';
import { bySize, log, RUNS } from '../lib/env';
import { emulateNetwork, NO_SIGNAL, recordWire, THREE_G, wireAndFloor } from '../lib/network';
import { type Line, type Sample, summarize } from '../lib/report';
import { prepareDatabase, startServer, storedDocuments } from '../lib/server';

export async function syncPush3g(): Promise<Line[]> {
  const visits = bySize({ full: 20, quick: 20, smoke: 2 });
  const data = caseload({ records: bySize({ full: 1_000, quick: 1_000, smoke: 50 }) });
  const closing = plannedToClose(data, visits);
  const template = await prepareDatabase(data.dataset);
  const staticDir = await appBuild();
  const samples: Sample[] = [];
  for (let run = 0; run < RUNS; run++) {
    const sample = await runOnce(data, template, staticDir, closing);
    log(
      `sync.push.3g n=${visits} run ${run + 1}: ours ${sample.ours.toFixed(0)} ms, floor ${sample.floor.toFixed(0)} ms`,
    );
    samples.push(sample);
  }
  return [
    {
      bench: 'sync.push.3g',
      n: visits,
      ...summarize(samples),
      caseload: data.records,
      network: THREE_G,
      ours: 'signal back (offline to 3G) until the sync run is over: nothing waiting, no sync running',
      floor:
        'one request of the same bytes (request and answer bodies, gzip -9) over the same emulated network',
    },
  ];
}

/** A planned visit each of `count` elders, the nearest to today first, with a past visit's texts. */
function plannedToClose(data: Caseload, count: number): { schedule: Schedule; texts: Visit }[] {
  const todayMs = Date.parse(data.today);
  const distance = (s: Schedule) => Math.abs(Date.parse(s.plannedDate) - todayMs);
  const planned = data.dataset.schedules
    .filter((s) => s.status === 'planned' && !s._deleted)
    .sort((a, b) => distance(a) - distance(b));
  const chosen: { schedule: Schedule; texts: Visit }[] = [];
  const elders = new Set<string>();
  for (const schedule of planned) {
    if (chosen.length === count) break;
    if (elders.has(schedule.elderId)) continue;
    elders.add(schedule.elderId);
    const texts = data.dataset.visits[chosen.length % data.dataset.visits.length];
    if (!texts) throw new Error('sync.push.3g: the caseload has no visits to copy texts from');
    chosen.push({ schedule, texts });
  }
  if (chosen.length < count)
    throw new Error(`sync.push.3g: only ${chosen.length} elders have a planned visit`);
  return chosen;
}

async function runOnce(
  data: Caseload,
  template: Template,
  staticDir: string,
  closing: { schedule: Schedule; texts: Visit }[],
): Promise<Sample> {
  const server = await startServer({ template, staticDir });
  const browser = await launchBrowser();
  try {
    const { context, page } = browser;
    // The shift starts online: signed in, synced, the app installed.
    await signInAndSync(page, server.url, data.worker.username, data.worker.password);
    await waitForServiceWorker(page);
    const network = await emulateNetwork(context, page, NO_SIGNAL);
    await page.locator(NETWORK_SELECTOR, { hasText: OFFLINE_TEXT }).waitFor({ timeout: 30_000 });
    for (const { schedule, texts } of closing) {
      await recordVisitThroughForm(page, { elderId: schedule.elderId, scheduleId: schedule.id, texts });
    }
    // Each visit closes its planned visit, and the app plans the elder's next routine visits anew
    // from it: those are plan changes too.
    const changes = await settledCount(page);
    if (changes < 2 * closing.length) {
      throw new Error(
        `sync.push.3g: ${changes} changes waiting for ${closing.length} visits and their closings`,
      );
    }

    // The signal comes back.
    const wire = recordWire(context, { keep: (url) => url.includes('/api/') });
    await evaluateIn(page, installPushWatch, { pending: PENDING_SELECTOR, progress: PROGRESS_SELECTOR });
    await network.set(THREE_G);
    const watch = await evaluateIn(page, readPushWatch, 300_000);
    if (watch.error !== null || watch.doneAt === null || watch.pushedAt === null) {
      throw new Error(`sync.push.3g: the sync did not finish: ${watch.error}`);
    }
    checkServer(server.databaseFile, closing);
    const { floorMs, figures } = await wireAndFloor(context, wire, THREE_G, {
      bench: 'sync.push.3g',
      t0: (await page.evaluate(() => performance.timeOrigin)) + watch.t0,
    });
    return {
      ours: watch.doneAt - watch.t0,
      floor: floorMs,
      extra: {
        pushed_ms: watch.pushedAt - watch.t0,
        plan_changes: changes - closing.length,
        ...figures,
      },
    };
  } finally {
    await browser.close();
    await server.stop();
  }
}

/** The number of changes the sync bar says are waiting, once it has not moved for a second. */
async function settledCount(page: Page): Promise<number> {
  const read = async () => Number((await page.locator(PENDING_SELECTOR).getAttribute('data-count')) || 0);
  let last = await read();
  for (let still = 0; still < 4; ) {
    await page.waitForTimeout(250);
    const now = await read();
    still = now === last ? still + 1 : 0;
    last = now;
  }
  return last;
}

interface PushWatch {
  t0: number;
  /** Nothing waiting any more. */
  pushedAt: number | null;
  /** The sync run is over too (it was seen running). */
  doneAt: number | null;
  error: string | null;
  done?: Promise<void>;
}

/** Runs in the page: notes the time now, then watches the sync bar on every change of the page. */
function installPushWatch({ pending, progress }: { pending: string; progress: string }): void {
  const w: PushWatch = { t0: performance.now(), pushedAt: null, doneAt: null, error: null };
  (window as unknown as { __push: PushWatch }).__push = w;
  let sawRun = false;
  w.done = new Promise<void>((resolve) => {
    const check = () => {
      const now = performance.now();
      const running = document.querySelector(progress) !== null;
      sawRun ||= running;
      const nothingWaiting = document.querySelector(pending)?.getAttribute('data-count') === '0';
      if (nothingWaiting) w.pushedAt ??= now;
      if (sawRun && !running && nothingWaiting) {
        w.doneAt = now;
        observer.disconnect();
        clearInterval(timer);
        resolve();
      }
    };
    const observer = new MutationObserver(check);
    observer.observe(document.body, {
      subtree: true,
      childList: true,
      attributes: true,
      characterData: true,
    });
    const timer = setInterval(check, 50);
  });
}

async function readPushWatch(timeoutMs: number): Promise<PushWatch> {
  const w = (window as unknown as { __push: PushWatch }).__push;
  const timedOut = new Promise<void>((resolve) =>
    setTimeout(() => {
      w.error ??= 'timed out';
      resolve();
    }, timeoutMs),
  );
  await Promise.race([w.done, timedOut]);
  return { t0: w.t0, pushedAt: w.pushedAt, doneAt: w.doneAt, error: w.error };
}

/** The server holds each planned visit closed by a visit it also holds. */
function checkServer(file: string | undefined, closing: { schedule: Schedule }[]): void {
  if (file === undefined) throw new Error('sync.push.3g runs on a SQLite file');
  const schedules = storedDocuments(
    file,
    'schedules',
    closing.map((c) => c.schedule.id),
  ) as Schedule[];
  const visitIds = schedules.filter((s) => s.status === 'done' && s.visitId).map((s) => s.visitId as string);
  const visits = storedDocuments(file, 'visits', visitIds);
  if (visitIds.length !== closing.length || visits.length !== closing.length) {
    throw new Error(
      `sync.push.3g: the server has ${visitIds.length} of the ${closing.length} planned visits closed and ${visits.length} of their visits`,
    );
  }
}
