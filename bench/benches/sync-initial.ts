// sync.initial: a worker signs in on a fresh browser profile with a caseload of N records until all of
// them are in the app's IndexedDB. Floor, in the same browser and run: one fetch of the same records
// as one JSON file from the same server, and a raw Dexie bulkPut of them into a fresh IndexedDB.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page, Request } from '@playwright/test';
import type { Template } from '../../tests/support/databases';
import { appBuild } from '../lib/app';
import {
  fillSignIn,
  LAST_SYNCED_TEXT,
  PENDING_SELECTOR,
  rxdbDatabasePrefix,
  signInButton,
} from '../lib/app-ui';
import { evaluateIn, launchBrowser, profileFile, profilePage } from '../lib/browser';
import { type Caseload, caseload } from '../lib/datasets';
import { log, PROFILE_DIR, ROOT, RUNS, sizesFor } from '../lib/env';
import { type Line, type Sample, summarize } from '../lib/report';
import { prepareDatabase, startServer } from '../lib/server';

const DEXIE_SCRIPT = join(ROOT, 'node_modules/dexie/dist/dexie.js');

export async function syncInitial(): Promise<Line[]> {
  const sizes = sizesFor({
    full: [1_000, 10_000, 50_000],
    quick: [1_000, 5_000],
    smoke: [50],
  });
  const staticDir = await appBuild();
  const lines: Line[] = [];
  for (const n of sizes) {
    const data = caseload({ records: n });
    const template = await prepareDatabase(data.dataset);
    // The floor's one file: the same documents as the pulls return, served by the same server.
    const floorPath = `/bench-floor/records-${n}.json`;
    mkdirSync(join(staticDir, 'bench-floor'), { recursive: true });
    const { elders, schedules, visits } = data.dataset;
    writeFileSync(join(staticDir, floorPath), JSON.stringify({ elders, schedules, visits }));

    const samples: Sample[] = [];
    for (let run = 0; run < RUNS; run++) {
      const sample = await runOnce(data, template, staticDir, floorPath);
      log(
        `sync.initial n=${data.records} run ${run + 1}: ours ${sample.ours.toFixed(0)} ms, floor ${sample.floor.toFixed(0)} ms`,
      );
      samples.push(sample);
    }
    if (PROFILE_DIR) await runOnce(data, template, staticDir, floorPath, `sync.initial-${n}`);
    lines.push({
      bench: 'sync.initial',
      n: data.records,
      ...summarize(samples),
      counts: { elders: elders.length, schedules: schedules.length, visits: visits.length },
      floor:
        'one fetch of the records as one JSON file from the same server + Dexie bulkPut into a fresh IndexedDB',
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
    const { page } = browser;
    await page.goto(`${server.url}/`);
    await fillSignIn(page, data.worker.username, data.worker.password);
    const api: Request[] = [];
    page.on('requestfinished', (request) => {
      if (request.url().includes('/api/')) api.push(request);
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
      throw new Error(`sync.initial: the records did not all arrive: ${watch.error}`);
    }
    let wireBytes = 0;
    for (const request of api) {
      const sizes = await request.sizes();
      wireBytes +=
        sizes.requestHeadersSize + sizes.requestBodySize + sizes.responseHeadersSize + sizes.responseBodySize;
    }
    const floor = await measureFloor(page, server.port, floorPath);
    const ours = watch.dataAt - watch.t0;
    return {
      ours,
      floor: floor.ms,
      extra: {
        ui_ms: (watch.uiAt ?? watch.dataAt) - watch.t0,
        wire_bytes: wireBytes,
        floor_wire_bytes: floor.bytes,
        api_requests: api.length,
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
