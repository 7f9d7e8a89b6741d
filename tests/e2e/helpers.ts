import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { expect } from '@playwright/test';
import Database from 'better-sqlite3';
import { SNAPSHOT_DATABASE, SNAPSHOT_STORE } from '../../src/app/db/todaySnapshot';

export const DEMO_PASSWORD = 'tanfang-demo';

export async function signIn(page: Page, username: string): Promise<void> {
  await page.goto('/');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /今日/ })).toBeVisible();
}

/** Waits until the first sync is done: nothing waiting and the last sync time shown. */
export async function waitForSynced(page: Page): Promise<void> {
  await expect(page.getByTestId('pending')).toHaveAttribute('data-count', '0');
  await expect(page.getByText(/上次同步/)).toBeVisible();
}

/** Waits until the service worker controls the page, so it can start with no network. */
export async function waitForServiceWorker(page: Page): Promise<void> {
  await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, undefined, {
    timeout: 30_000,
  });
}

/** Reads the server's own database file, as an operator would. */
export function serverDocuments(collection: string): Array<Record<string, unknown>> {
  const dir = process.env.TANFANG_E2E_DATA_DIR;
  if (!dir) throw new Error('TANFANG_E2E_DATA_DIR is not set (playwright.config.ts sets it)');
  const db = new Database(join(dir, 'tanfang.sqlite'), { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare('SELECT doc FROM documents WHERE collection = ?').all(collection) as {
      doc: string;
    }[];
    return rows.map((row) => JSON.parse(row.doc) as Record<string, unknown>);
  } finally {
    db.close();
  }
}

/**
 * Waits until Today's snapshot on the device holds `elders` elders. The app writes it once the data
 * has been still for 400 ms, or at once when it goes to the background, which closing a page here
 * does not signal: a test that closes the page right after a sync would otherwise race that write.
 * Polled with page.evaluate, which awaits the page's answer: page.waitForFunction would take the
 * check's promise itself as true and return at once, snapshot or not.
 */
export async function waitForTodaySnapshot(page: Page, elders: number): Promise<void> {
  const holds = () =>
    page.evaluate(
      async ({ expected, databaseName, storeName }) => {
        // Opened only once the app has made it: opening it first would make it without its store.
        const names = (await indexedDB.databases()).map((database) => database.name);
        if (!names.includes(databaseName)) return false;
        const texts = await new Promise<unknown[]>((resolve) => {
          const request = indexedDB.open(databaseName);
          request.onerror = () => resolve([]);
          request.onsuccess = () => {
            const database = request.result;
            if (!database.objectStoreNames.contains(storeName)) {
              database.close();
              resolve([]);
              return;
            }
            const all = database.transaction(storeName, 'readonly').objectStore(storeName).getAll();
            all.onsuccess = () => {
              database.close();
              resolve(all.result);
            };
            all.onerror = () => {
              database.close();
              resolve([]);
            };
          };
        });
        return texts.some(
          (text) =>
            typeof text === 'string' &&
            (JSON.parse(text) as { elders?: unknown[] }).elders?.length === expected,
        );
      },
      { expected: elders, databaseName: SNAPSHOT_DATABASE, storeName: SNAPSHOT_STORE },
    );
  await expect.poll(holds, { intervals: [100], timeout: 10_000 }).toBe(true);
}

/**
 * Opens the app on a page of its own browser context, as a phone other than the first one would,
 * and submits the sign-in form; the caller checks what the app answers.
 */
export async function phoneSignIn(browser: Browser, username: string, password: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto('/');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  return { context, page };
}

/** Signs in on another phone (a browser context of its own) and waits for its first sync. */
export async function phoneSignedIn(browser: Browser, username: string, password: string) {
  const phone = await phoneSignIn(browser, username, password);
  await expect(phone.page.getByRole('heading', { level: 1, name: /今日/ })).toBeVisible();
  await waitForSynced(phone.page);
  return phone;
}

/** Presses the sync bar's "sync now" and waits until nothing is left to send. */
export async function syncNow(page: Page): Promise<void> {
  await page.getByRole('button', { name: '立即同步' }).click();
  await expect(page.getByTestId('pending')).toHaveAttribute('data-count', '0');
}
