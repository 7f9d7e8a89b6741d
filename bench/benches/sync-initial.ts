// sync.initial: a worker signs in on a fresh browser profile with a caseload of N records until all of
// them are in the app's IndexedDB. Floor, in the same browser and run: one fetch of the same records
// as one JSON file from the same server, and a raw Dexie bulkPut of them into a fresh IndexedDB.
// sync.initial.3g: the same first sign-in and sync of a realistic caseload (1,000 records) on a weak
// signal (bench/lib/network.ts), the app already installed by its service worker. Floor: the same
// bytes, gzipped, in one request over the same emulated network.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { Template } from '../../tests/support/databases';
import { appBuild } from '../lib/app';
import {
  fillSignIn,
  LAST_SYNCED_TEXT,
  PENDING_SELECTOR,
  rxdbDatabasePrefix,
  signInButton,
  waitForServiceWorker,
} from '../lib/app-ui';
import { evaluateIn, launchBrowser, profileFile, profilePage } from '../lib/browser';
import { type Caseload, caseload } from '../lib/datasets';
import { log, type Mode, PROFILE_DIR, ROOT, RUNS, sizesFor } from '../lib/env';
import {
  emulateNetwork,
  type NetworkConditions,
  recordWire,
  THREE_G,
  wireAndFloor,
  wireTotals,
} from '../lib/network';
import { type Line, type Sample, summarize } from '../lib/report';
import { prepareDatabase, startServer } from '../lib/server';

const DEXIE_SCRIPT = join(ROOT, 'node_modules/dexie/dist/dexie.js');

interface Variant {
  bench: string;
  sizes: Record<Mode, number[]>;
  /** The emulated network; none: loopback as it is. */
  network?: NetworkConditions;
}

export function syncInitial(): Promise<Line[]> {
  return firstSync({
    bench: 'sync.initial',
    sizes: { full: [1_000, 10_000, 50_000], quick: [1_000, 5_000], smoke: [50] },
  });
}

export function syncInitial3g(): Promise<Line[]> {
  return firstSync({
    bench: 'sync.initial.3g',
    sizes: { full: [1_000], quick: [1_000], smoke: [50] },
    network: THREE_G,
  });
}

async function firstSync(variant: Variant): Promise<Line[]> {
  const sizes = sizesFor(variant.sizes);
  const staticDir = await appBuild();
  const lines: Line[] = [];
  for (const n of sizes) {
    const data = caseload({ records: n });
    const template = await prepareDatabase(data.dataset);
    const { elders, schedules, visits } = data.dataset;
    // The floor's one file: the same documents as the pulls return, served by the same server.
    const floorPath = `/bench-floor/records-${n}.json`;
    if (!variant.network) {
      mkdirSync(join(staticDir, 'bench-floor'), { recursive: true });
      writeFileSync(join(staticDir, floorPath), JSON.stringify({ elders, schedules, visits }));
    }

    const samples: Sample[] = [];
    for (let run = 0; run < RUNS; run++) {
      const sample = await runOnce(variant, data, template, staticDir, floorPath);
      log(
        `${variant.bench} n=${data.records} run ${run + 1}: ours ${sample.ours.toFixed(0)} ms, floor ${sample.floor.toFixed(0)} ms`,
      );
      samples.push(sample);
    }
    if (PROFILE_DIR) await runOnce(variant, data, template, staticDir, floorPath, `${variant.bench}-${n}`);
    lines.push({
      bench: variant.bench,
      n: data.records,
      ...summarize(samples),
      counts: { elders: elders.length, schedules: schedules.length, visits: visits.length },
      ...(variant.network
        ? {
            network: variant.network,
            floor:
              'one request of the same bytes (request and answer bodies, gzip -9) over the same emulated network',
          }
        : {
            floor:
              'one fetch of the records as one JSON file from the same server + Dexie bulkPut into a fresh IndexedDB',
          }),
    });
  }
  return lines;
}

export interface Watch {
  t0: number | null;
  dataAt: number | null;
  uiAt: number | null;
  error: string | null;
  done: Promise<void>;
}

async function runOnce(
  variant: Variant,
  data: Caseload,
  template: Template,
  staticDir: string,
  floorPath: string,
  profileName?: string,
): Promise<Sample> {
  const server = await startServer({
    template,
    staticDir,
    ...(profileName && PROFILE_DIR && { cpuProfileDir: join(PROFILE_DIR, `${profileName}-server`) }),
  });
  const browser = await launchBrowser();
  try {
    const { context, page } = browser;
    await page.goto(`${server.url}/`);
    // On a weak signal the app is installed first (app.install.3g times that): the worker types
    // their name and password for longer than the service worker takes to cache the app.
    if (variant.network) {
      await waitForServiceWorker(page);
      await emulateNetwork(context, page, variant.network);
    }
    await fillSignIn(page, data.worker.username, data.worker.password);
    const wire = recordWire(context, {
      keep: (url) => url.includes('/api/'),
      bodies: variant.network !== undefined,
    });
    const { elders, schedules, visits } = data.dataset;
    const timeoutMs = 120_000 + data.records * 10;
    await evaluateIn(page, installWatch, {
      prefix: rxdbDatabasePrefix(data.worker.id),
      expected: { elders: elders.length, schedules: schedules.length, visits: visits.length },
      pendingSelector: PENDING_SELECTOR,
      lastSyncedText: LAST_SYNCED_TEXT,
      timeoutMs,
    });
    const profiler = profileName ? await profilePage(page) : undefined;
    await signInButton(page).click();
    const watch = await evaluateIn(page, readWatch, null);
    if (profiler && PROFILE_DIR && profileName)
      await profiler.stop(profileFile(PROFILE_DIR, `${profileName}-app`));
    if (watch.error !== null || watch.t0 === null || watch.dataAt === null) {
      throw new Error(`${variant.bench}: the records did not all arrive: ${watch.error}`);
    }
    const ours = watch.dataAt - watch.t0;
    const ui_ms = (watch.uiAt ?? watch.dataAt) - watch.t0;
    if (variant.network) {
      const submitted = (await page.evaluate(() => performance.timeOrigin)) + watch.t0;
      const { exchanges, floorMs, figures } = await wireAndFloor(context, wire, variant.network, {
        bench: variant.bench,
        t0: submitted,
      });
      // When the last answer before the records were all in came: the rest is the app's own work.
      const answers = exchanges.map((e) => e.endedAt - submitted).filter((at) => at <= ours);
      return { ours, floor: floorMs, extra: { ui_ms, last_answer_ms: Math.max(...answers), ...figures } };
    }
    wire.stop();
    const exchanges = await wire.exchanges();
    const floor = await measureFloor(page, server.port, floorPath);
    const totals = wireTotals(exchanges);
    return {
      ours,
      floor: floor.ms,
      extra: {
        ui_ms,
        wire_bytes: totals.wire_bytes ?? 0,
        floor_wire_bytes: floor.bytes,
        api_requests: exchanges.length,
      },
    };
  } finally {
    await browser.close();
    await server.stop();
  }
}

/**
 * Runs in the page before sign-in: notes when the form is submitted, then polls raw IndexedDB every
 * 100 ms until RxDB's tables hold the expected number of documents, and notes when the sync bar says
 * the first sync is done (nothing waiting, a last sync time).
 */
export function installWatch(options: {
  prefix: string;
  expected: Record<string, number>;
  pendingSelector: string;
  lastSyncedText: string;
  timeoutMs: number;
}): void {
  const w: Omit<Watch, 'done'> & { done?: Promise<void> } = {
    t0: null,
    dataAt: null,
    uiAt: null,
    error: null,
  };
  (window as unknown as { __bench: typeof w }).__bench = w;
  document.addEventListener(
    'submit',
    () => {
      w.t0 ??= performance.now();
    },
    true,
  );
  const connections = new Map<string, IDBDatabase>();
  const open = (name: string) =>
    new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(name);
      request.onsuccess = () => {
        const db = request.result;
        db.onversionchange = () => {
          db.close();
          connections.delete(name);
        };
        resolve(db);
      };
      request.onerror = () => reject(request.error);
    });
  const count = (db: IDBDatabase) =>
    new Promise<number>((resolve, reject) => {
      const request = db.transaction('docs', 'readonly').objectStore('docs').count();
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  const allThere = async () => {
    const names = (await indexedDB.databases())
      .map((d) => d.name ?? '')
      .filter((n) => n.startsWith(options.prefix));
    for (const [collection, expected] of Object.entries(options.expected)) {
      const name = names.find((n) => n.endsWith(`--${collection}`));
      if (name === undefined) return false;
      const db = connections.get(name) ?? (await open(name));
      connections.set(name, db);
      if (!db.objectStoreNames.contains('docs') || (await count(db)) < expected) return false;
    }
    return true;
  };
  w.done = new Promise<void>((resolve) => {
    const deadline = Date.now() + options.timeoutMs;
    const tick = async () => {
      try {
        if (w.t0 !== null) {
          const bar = document.querySelector(options.pendingSelector);
          if (
            w.uiAt === null &&
            bar?.getAttribute('data-count') === '0' &&
            (bar.parentElement?.textContent ?? '').includes(options.lastSyncedText)
          ) {
            w.uiAt = performance.now();
          }
          if (w.dataAt === null && (await allThere())) w.dataAt = performance.now();
        }
      } catch (error) {
        w.error = String(error);
      }
      if ((w.dataAt !== null && w.uiAt !== null) || w.error !== null || Date.now() > deadline) {
        if (w.dataAt === null && w.error === null) w.error = 'timed out';
        for (const db of connections.values()) db.close();
        resolve();
      } else {
        setTimeout(tick, 100);
      }
    };
    setTimeout(tick, 100);
  });
}

export async function readWatch(): Promise<Omit<Watch, 'done'>> {
  const w = (window as unknown as { __bench: Watch }).__bench;
  await w.done;
  return { t0: w.t0, dataAt: w.dataAt, uiAt: w.uiAt, error: w.error };
}

/** One fetch of the same records as JSON from the same server, and a raw Dexie bulkPut of them. */
async function measureFloor(
  appPage: Page,
  port: number,
  floorPath: string,
): Promise<{ ms: number; bytes: number }> {
  // Another origin of the same server (localhost, not 127.0.0.1): no service worker there, and a blank
  // page, so nothing else runs while the floor is measured.
  const origin = `http://localhost:${port}`;
  const page = await appPage.context().newPage();
  try {
    await page.route(`${origin}/__bench_floor`, (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: '<!doctype html><meta charset="utf-8"><title>floor</title>',
      }),
    );
    await page.goto(`${origin}/__bench_floor`);
    await page.unrouteAll();
    await page.addScriptTag({ path: DEXIE_SCRIPT });
    let bytes = 0;
    const finished = new Promise<void>((resolve) => {
      page.on('requestfinished', async (request) => {
        if (!request.url().endsWith(floorPath)) return;
        const sizes = await request.sizes();
        bytes = sizes.requestHeadersSize + sizes.responseHeadersSize + sizes.responseBodySize;
        resolve();
      });
    });
    const ms = await evaluateIn(
      page,
      async (url: string) => {
        // biome-ignore lint/suspicious/noExplicitAny: Dexie's UMD build, loaded by addScriptTag.
        const Dexie = (window as any).Dexie;
        const started = performance.now();
        const response = await fetch(url);
        const records = (await response.json()) as Record<'elders' | 'schedules' | 'visits', unknown[]>;
        const db = new Dexie('bench-floor');
        db.version(1).stores({ elders: 'id', schedules: 'id', visits: 'id' });
        await Promise.all([
          db.elders.bulkPut(records.elders),
          db.schedules.bulkPut(records.schedules),
          db.visits.bulkPut(records.visits),
        ]);
        const ms = performance.now() - started;
        db.close();
        return ms;
      },
      `${origin}${floorPath}`,
    );
    await finished;
    return { ms, bytes };
  } finally {
    await page.close();
  }
}
