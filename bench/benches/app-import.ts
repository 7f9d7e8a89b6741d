// app.import: a coordinator imports a register of 5,000 elders from an XLSX, in the real app. The
// coordinator signs in and syncs a small register, opens Manage → 长者登记 → 从表格导入, and chooses
// the file; timed from choosing it to the app saying the elders are in: reading and checking every
// row (check_ms, until the preview shows), then writing the elders and their planned visits to the
// device (write_ms, from the button to the message). Sending them to the server afterwards is not
// timed; each run waits for it, so the next one does not share the CPU with it. Each run imports
// new names, so the device's register grows by the file each run.
// Floor: in the same page, as many records of the same size written to IndexedDB in one
// transaction: what storing them costs before RxDB, the outbox and every check.
import type { Page } from '@playwright/test';
import writeXlsxFile from 'write-excel-file/node';
import { IMPORT_COLUMN_KEYS, IMPORT_COLUMNS, type ImportColumn } from '../../src/domain/registerImport';
import { appBuild } from '../lib/app';
import { PENDING_SELECTOR, signInAndSync } from '../lib/app-ui';
import { evaluateIn, launchBrowser } from '../lib/browser';
import { BENCH_PASSWORD, caseload } from '../lib/datasets';
import { bySize, log, RUNS } from '../lib/env';
import { type Line, type Sample, summarize } from '../lib/report';
import { prepareDatabase, startServer } from '../lib/server';

const IMPORT_HASH = '#/manage/register/import';
const TOWN = '东区街道';
const COMMUNITIES = ['竹苑社区', '起湾社区', '花苑社区'];
const TIERS = ['高风险', '重点', '一般'];

/** A sheet of `size` elders of TOWN for the bench's worker, their names starting with `prefix`. */
async function sheet(prefix: string, size: number): Promise<Buffer> {
  const rows = Array.from({ length: size }, (_, i) => {
    const cells: Partial<Record<ImportColumn, string>> = {
      name: `${prefix}${i}`,
      gender: i % 2 === 0 ? '女' : '男',
      birthDate: `19${30 + (i % 30)}-0${1 + (i % 9)}-1${i % 10}`,
      town: TOWN,
      community: COMMUNITIES[i % COMMUNITIES.length],
      address: `中山市东区竹苑路 ${i + 1} 号`,
      phone: `138${String(i).padStart(8, '0')}`,
      categories: i % 3 === 0 ? '独居、高龄' : '空巢',
      riskTier: TIERS[i % TIERS.length],
      consentGiven: '是',
      consentDate: '2026-01-05',
      worker: 'bench-worker',
      livingSituation: '独居，子女在外地工作',
    };
    return IMPORT_COLUMN_KEYS.map((key) => cells[key] ?? '');
  });
  return writeXlsxFile([IMPORT_COLUMN_KEYS.map((key) => IMPORT_COLUMNS[key].header), ...rows]).toBuffer();
}

/** Writes `count` records shaped like `sample` into a fresh IndexedDB store in one transaction. */
function rawWriteMs(page: Page, sample: object, count: number): Promise<number> {
  return evaluateIn(
    page,
    async (arg: { sample: object; count: number }) => {
      const name = 'bench-import-floor';
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(name, 1);
        request.onupgradeneeded = () => request.result.createObjectStore('docs', { keyPath: 'id' });
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const started = performance.now();
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction('docs', 'readwrite');
        const store = tx.objectStore('docs');
        for (let i = 0; i < arg.count; i++) store.put({ ...arg.sample, id: `floor-${i}` });
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
      const ms = performance.now() - started;
      db.close();
      await new Promise((resolve) => {
        const request = indexedDB.deleteDatabase(name);
        request.onsuccess = request.onerror = () => resolve(null);
      });
      return ms;
    },
    { sample, count },
  );
}

export async function appImport(): Promise<Line[]> {
  const size = bySize({ full: 5_000, quick: 5_000, smoke: 20 });
  const data = caseload({ elders: bySize({ full: 60, quick: 60, smoke: 10 }) });
  const dataset = { ...data.dataset, visits: [] };
  const template = await prepareDatabase(dataset);
  const server = await startServer({ template, staticDir: await appBuild() });
  const browser = await launchBrowser();
  const samples: Sample[] = [];
  const stamp = Date.now().toString(36);
  try {
    const { page } = browser;
    await signInAndSync(page, server.url, 'bench-coordinator', BENCH_PASSWORD);
    const sample = dataset.elders[0] ?? {};
    for (let run = 0; run < RUNS; run++) {
      const buffer = await sheet(`导入${stamp}-${run}-`, size);
      await page.goto(`${server.url}/${IMPORT_HASH}`);
      await page.reload();
      // Enabled once the screen has the place list to check towns against.
      const input = page.locator('input[name="spreadsheet"]:enabled');
      await input.waitFor({ state: 'attached', timeout: 60_000 });
      const started = Date.now();
      await input.setInputFiles({ name: 'register.xlsx', mimeType: 'application/octet-stream', buffer });
      const button = page.getByRole('button', { name: `导入 ${size} 位长者` });
      await button.waitFor({ timeout: 120_000 });
      const checked = Date.now();
      await button.click();
      const done = page.getByTestId('import-done');
      await done.waitFor({ timeout: 300_000 });
      const written = Date.now();
      const planned = Number(/安排了 (\d+) 次探访/.exec((await done.textContent()) ?? '')?.[1] ?? 0);
      // Sent before the next run, outside the timing.
      await page.waitForFunction(
        (selector) => document.querySelector(selector)?.getAttribute('data-count') === '0',
        PENDING_SELECTOR,
        { timeout: 600_000 },
      );
      const floor = await rawWriteMs(page, sample, size + planned);
      log(
        `app.import run ${run + 1}: check ${checked - started} ms, write ${written - checked} ms (${size} elders, ${planned} planned visits); floor ${floor.toFixed(0)} ms`,
      );
      samples.push({
        ours: written - started,
        floor,
        extra: { check_ms: checked - started, write_ms: written - checked, planned_visits: planned },
      });
    }
  } finally {
    await browser.close();
    await server.stop();
  }
  return [
    {
      bench: 'app.import',
      n: size,
      ...summarize(samples),
      ours: 'choosing an XLSX of n elders on Manage → 长者登记 → 从表格导入 until the app says they are in: reading and checking every row (check_ms), then writing the elders, their planned visits and the outbox to the device (write_ms)',
      floor:
        'as many records (elders and planned visits) of an elder’s size written to IndexedDB in one transaction in the same page',
    },
  ];
}
