// app.start: offline cold start with the CPU slowed 4×, until Today is drawn. The worker's browser
// profile holds the app in the service worker's cache and 2,000 elders and 20,000 visits (with their
// planned visits) in IndexedDB; "cold" is a new browser process on that profile, offline, timed from
// navigation start to the frame after Today is drawn from the whole database (its due lists and
// the first rows of the elder list; the screen marks how many elders it was drawn from).
// Floor: the same app shell on a profile signed in as a worker with no elders (an empty database),
// started the same way.
import { SNAPSHOT_DATABASE, SNAPSHOT_STORE } from '../../src/app/db/todaySnapshot';
import { appBuild } from '../lib/app';
import {
  fillSignIn,
  LAST_SYNCED_TEXT,
  PENDING_SELECTOR,
  rxdbDatabasePrefix,
  signInButton,
  TODAY_HEADING_TEXT,
  TODAY_SCREEN_SELECTOR,
  waitForServiceWorker,
} from '../lib/app-ui';
import {
  evaluateIn,
  launchBrowser,
  pageScript,
  profileFile,
  profilePage,
  throttleCpu,
  waitUntilIn,
} from '../lib/browser';
import { type Caseload, caseload, type DatasetUser } from '../lib/datasets';
import { bySize, log, PROFILE_DIR, RUNS } from '../lib/env';
import { type Line, type Sample, summarize } from '../lib/report';
import { prepareDatabase, startServer } from '../lib/server';
import { installWatch, readWatch } from './sync-initial';

const CPU_SLOWDOWN = 4;
/** A pause before the browser closes, as a phone is not shut the moment its sync ends. */
const FLUSH_PAUSE_MS = 3_000;

export async function appStart(): Promise<Line[]> {
  const size = bySize({
    full: { elders: 2_000, visits: 20_000 },
    quick: { elders: 1_000, visits: 10_000 },
    smoke: { elders: 10, visits: 40 },
  });
  const data = caseload(size);
  const template = await prepareDatabase(data.dataset);
  const staticDir = await appBuild();

  // Set-up, online: each profile signs in once, syncs everything and gets the service worker. The
  // cold starts are offline, so the server staying up meanwhile changes nothing they measure.
  const server = await startServer({ template, staticDir });
  const appUrl = `${server.url}/`;
  const samples: Sample[] = [];
  try {
    const [ours, floor] = await Promise.all([
      prepareProfile(server.url, data, data.worker),
      prepareProfile(server.url, data, data.emptyWorker),
    ]);
    const profiles = { ours, floor };
    for (let run = 0; run < RUNS; run++) {
      // Alternate which goes first, so neither always meets a warmer machine.
      const first = run % 2 === 0 ? 'ours' : 'floor';
      const times: Record<string, StartTimes> = {};
      for (const which of first === 'ours' ? ['ours', 'floor'] : ['floor', 'ours']) {
        const expected = which === 'ours' ? data.dataset.elders.length : 0;
        times[which] = await coldStart(profiles[which as 'ours' | 'floor'], appUrl, expected);
      }
      const ours = times.ours as StartTimes;
      const floor = times.floor as StartTimes;
      const sample = {
        ours: ours.drawn,
        floor: floor.drawn,
        extra: { live_ms: ours.live, floor_live_ms: floor.live },
      };
      log(
        `app.start run ${run + 1}: ours ${ours.drawn.toFixed(0)} ms from the ${ours.first} (live ${ours.live.toFixed(0)}), floor ${floor.drawn.toFixed(0)} ms from the ${floor.first} (live ${floor.live.toFixed(0)})`,
      );
      samples.push(sample);
    }
    if (PROFILE_DIR) {
      await coldStart(profiles.ours, appUrl, data.dataset.elders.length, 'app.start');
      await coldStart(profiles.floor, appUrl, 0, 'app.start.floor');
    }
  } finally {
    await server.stop();
  }
  return [
    {
      bench: 'app.start',
      n: data.records,
      counts: {
        elders: data.dataset.elders.length,
        schedules: data.dataset.schedules.length,
        visits: data.dataset.visits.length,
      },
      cpu_slowdown: CPU_SLOWDOWN,
      ...summarize(samples),
      ours: 'offline cold start (new browser process, service worker cache) to the frame after Today is drawn from all its elders (due lists and first rows), from its snapshot or the database, whichever is first',
      floor: 'the same, signed in as a worker with no elders (empty database)',
      live: 'live_ms: the same start until Today is drawn from the open database (floor_live_ms for the empty one)',
    },
  ];
}

/** Signs `user` in on a fresh profile, waits for the first full sync and the service worker; returns the profile. */
async function prepareProfile(url: string, data: Caseload, user: DatasetUser): Promise<string> {
  const query: SnapshotQuery = {
    database: SNAPSHOT_DATABASE,
    store: SNAPSHOT_STORE,
    userId: user.id,
    expected: user.id === data.worker.id ? snapshotCounts(data) : { elders: 0, lastVisit: 0, schedules: 0 },
  };
  let profileDir = await signInAndSync(url, data, user, query);
  // The cold starts rely on the snapshot, so a new process looks for it on a page of the origin
  // that does not run the app (the service worker leaves /api/ alone); if it is not there, the app
  // writes it again. (Both profiles hold it at the first look, even with no pause before closing: a
  // snapshot missing here means the set-up did not wait for the app to write it.)
  for (let attempt = 1; ; attempt++) {
    const check = await launchBrowser({ profileDir });
    try {
      await check.page.goto(`${url}/api/not-the-app`);
      if (await evaluateIn(check.page, snapshotHolds, query)) return profileDir;
      if (attempt === 3) throw new Error(`app.start: the Today snapshot of ${user.username} did not persist`);
      await check.page.goto(url);
      await waitUntilIn(check.page, snapshotHolds, query, { timeoutMs: 120_000 });
      await check.page.waitForTimeout(FLUSH_PAUSE_MS);
    } finally {
      await check.close();
    }
    profileDir = check.profileDir;
  }
}

async function signInAndSync(
  url: string,
  data: Caseload,
  user: DatasetUser,
  snapshot: SnapshotQuery,
): Promise<string> {
  const browser = await launchBrowser();
  try {
    const { page, context } = browser;
    const errors: string[] = [];
    context.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(String(error)));
    await page.goto(url);
    await fillSignIn(page, user.username, user.password);
    const mine = user.id === data.worker.id;
    const { elders, schedules, visits } = data.dataset;
    await evaluateIn(page, installWatch, {
      prefix: rxdbDatabasePrefix(user.id),
      expected: mine ? { elders: elders.length, schedules: schedules.length, visits: visits.length } : {},
      pendingSelector: PENDING_SELECTOR,
      lastSyncedText: LAST_SYNCED_TEXT,
      timeoutMs: 600_000,
    });
    await signInButton(page).click();
    const watch = await evaluateIn(page, readWatch, null);
    if (watch.error !== null)
      throw new Error(`app.start: the first sync of ${user.username} failed: ${watch.error}`);
    await waitForServiceWorker(page).catch((error: unknown) => {
      throw new Error(`${String(error)}\nconsole errors: ${errors.join(' | ') || 'none'}`);
    });
    // The cold starts draw Today from its snapshot first: it must hold the whole caseload, as after
    // a day's use, not a state from the middle of the first sync.
    await waitUntilIn(page, snapshotHolds, snapshot, { timeoutMs: 120_000 }).catch((error: unknown) => {
      throw new Error(`app.start: the Today snapshot of ${user.username} never held the caseload: ${error}`);
    });
    await page.waitForTimeout(FLUSH_PAUSE_MS);
    return browser.profileDir;
  } finally {
    await browser.close();
  }
}

interface SnapshotCounts {
  elders: number;
  lastVisit: number;
  schedules: number;
}

interface SnapshotQuery {
  database: string;
  store: string;
  userId: string;
  expected: SnapshotCounts;
}

/** What the worker's Today snapshot holds when complete: elders, latest visits, earliest planned visits. */
function snapshotCounts(data: Caseload): SnapshotCounts {
  const { elders, visits, schedules } = data.dataset;
  return {
    elders: elders.filter((e) => !e._deleted).length,
    lastVisit: new Set(visits.filter((v) => !v._deleted).map((v) => v.elderId)).size,
    schedules: new Set(schedules.filter((s) => !s._deleted && s.status === 'planned').map((s) => s.elderId))
      .size,
  };
}

/** Runs in the page: whether the stored Today snapshot (src/app/db/todaySnapshot.ts) has these counts. */
async function snapshotHolds(arg: SnapshotQuery): Promise<boolean> {
  const text = await new Promise<unknown>((resolve) => {
    const open = indexedDB.open(arg.database);
    // Not there: abort, so that looking does not create an empty database the app cannot use.
    open.onupgradeneeded = () => open.transaction?.abort();
    open.onerror = () => resolve(undefined);
    open.onsuccess = () => {
      const db = open.result;
      if (!db.objectStoreNames.contains(arg.store)) return resolve(undefined);
      const get = db.transaction(arg.store).objectStore(arg.store).get(arg.userId);
      get.onsuccess = () => resolve(get.result);
      get.onerror = () => resolve(undefined);
    };
  });
  if (typeof text !== 'string') return false;
  const stored = JSON.parse(text) as { elders: unknown[]; lastVisit: unknown[]; schedules: unknown[] };
  return (
    stored.elders.length === arg.expected.elders &&
    stored.lastVisit.length === arg.expected.lastVisit &&
    stored.schedules.length === arg.expected.schedules
  );
}

interface StartWatch {
  dom: number | null;
  /** What Today was first drawn from: 'snapshot' or 'live'. */
  first: string | null;
  frame: number | null;
  live: number | null;
  error: string | null;
  done: Promise<void>;
}

interface StartTimes {
  /** Today drawn, from either source. */
  drawn: number;
  /** The source it was first drawn from. */
  first: string;
  /** Today drawn from the open database. */
  live: number;
}

/** A new browser process on the profile, offline, CPU slowed: ms from navigation start to Today drawn. */
async function coldStart(
  profileDir: string,
  url: string,
  expected: number,
  profileName?: string,
): Promise<StartTimes> {
  const browser = await launchBrowser({ profileDir, offline: true });
  try {
    const { page } = browser;
    await throttleCpu(page, CPU_SLOWDOWN);
    await page.addInitScript(
      pageScript(watchStart, {
        heading: TODAY_HEADING_TEXT,
        screenSelector: TODAY_SCREEN_SELECTOR,
        expected,
        timeoutMs: 180_000,
      }),
    );
    const profiler = profileName ? await profilePage(page) : undefined;
    await page.goto(url, { waitUntil: 'commit' });
    const result = await evaluateIn(
      page,
      async () => {
        const w = (window as unknown as { __benchStart: StartWatch }).__benchStart;
        await w.done;
        return { dom: w.dom, first: w.first, frame: w.frame, live: w.live, error: w.error };
      },
      null,
    );
    if (profiler && PROFILE_DIR && profileName) await profiler.stop(profileFile(PROFILE_DIR, profileName));
    if (result.error !== null || result.frame === null || result.live === null) {
      throw new Error(`app.start: Today was not drawn: ${result.error}`);
    }
    return { drawn: result.frame, live: result.live, first: result.first ?? '' };
  } finally {
    await browser.close();
  }
}

/**
 * Runs in the page from its first script on: watches the DOM until the Today title and the elder
 * list with `expected` entries are there, then notes the time of the next frame's end.
 */
function watchStart(options: {
  heading: string;
  screenSelector: string;
  expected: number;
  timeoutMs: number;
}): void {
  if (location.protocol !== 'http:' && location.protocol !== 'https:') return;
  const w: Omit<StartWatch, 'done'> & { done?: Promise<void> } = {
    dom: null,
    first: null,
    frame: null,
    live: null,
    error: null,
  };
  (window as unknown as { __benchStart: typeof w }).__benchStart = w;
  w.done = new Promise<void>((resolve) => {
    /** The source Today is drawn from with all its elders ('snapshot' or 'live'), or null. */
    const drawnFrom = () => {
      const heading = document.querySelector('h1');
      if (!heading?.textContent?.includes(options.heading)) return null;
      // Today marks the count of elders it was drawn from; the lists show their first rows.
      const screen = document.querySelector(options.screenSelector);
      if (screen?.getAttribute('data-elders') !== String(options.expected)) return null;
      return screen.getAttribute('data-source');
    };
    // The frame that shows a change: a task posted from requestAnimationFrame runs after that frame.
    const afterFrame = (then: (at: number) => void) =>
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => then(performance.now());
        channel.port2.postMessage(null);
      });
    let liveSeen = false;
    const observer = new MutationObserver(() => {
      const source = drawnFrom();
      if (source === null) return;
      if (w.dom === null) {
        w.dom = performance.now();
        w.first = source;
        afterFrame((at) => {
          w.frame = at;
          if (w.live !== null) resolve();
        });
      }
      if (source === 'live' && !liveSeen) {
        liveSeen = true;
        observer.disconnect();
        afterFrame((at) => {
          w.live = at;
          if (w.frame !== null) resolve();
        });
      }
    });
    observer.observe(document, { childList: true, subtree: true, characterData: true, attributes: true });
    setTimeout(() => {
      if (w.live === null || w.frame === null) {
        w.error = 'timed out';
        resolve();
      }
    }, options.timeoutMs);
  });
}
