// What the benchmarks know about the app's screens, in one place: the sign-in form, the sync bar,
// the Today screen, and where RxDB keeps the data in IndexedDB. Read from outside the product (DOM and
// raw IndexedDB); nothing here runs inside the app's code.
import type { Page } from '@playwright/test';
import { databaseNameFor } from '../../src/app/db/database';
import { hrefFor } from '../../src/app/ui/router';
import { waitUntilIn } from './browser';

/** RxDB's Dexie storage keeps each collection in its own IndexedDB database named with this prefix. */
export function rxdbDatabasePrefix(userId: string): string {
  return `rxdb-dexie-${databaseNameFor(userId)}--`;
}

export async function fillSignIn(page: Page, username: string, password: string): Promise<void> {
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
}

export function signInButton(page: Page) {
  return page.getByRole('button', { name: '登录' });
}

/** Opens the app at `url`, signs in and waits until the first sync has finished. */
export async function signInAndSync(page: Page, url: string, username: string, password: string) {
  await page.goto(`${url}/`);
  await fillSignIn(page, username, password);
  await signInButton(page).click();
  await page.locator(PENDING_SELECTOR).waitFor({ timeout: 120_000 });
  await page.getByText(LAST_SYNCED_TEXT).waitFor({ timeout: 300_000 });
}

/** What a worker writes in the visit form. */
export interface VisitTexts {
  livingSituation: string;
  physicalState: string;
  mentalState: string;
  needs: string;
  notes: string;
}

/**
 * Records a visit of the planned visit `scheduleId` through the visit form, as a worker does (the
 * visit closes it), and waits until it is saved and the app is back on the elder's page.
 */
export async function recordVisitThroughForm(
  page: Page,
  { elderId, scheduleId, texts }: { elderId: string; scheduleId: string; texts: VisitTexts },
): Promise<void> {
  await page.evaluate(
    (hash) => {
      location.hash = hash;
    },
    hrefFor({ name: 'visit', elderId, scheduleId }),
  );
  await page.getByLabel('基本生活情况').fill(texts.livingSituation);
  await page.getByLabel('身体状况').fill(texts.physicalState);
  await page.getByLabel('精神与情绪').fill(texts.mentalState);
  await page.getByLabel('发现的需求').fill(texts.needs);
  await page.getByLabel('备注').fill(texts.notes);
  await page.getByRole('button', { name: '保存探访' }).click();
  await page.waitForFunction((hash) => location.hash === hash, hrefFor({ name: 'elder', elderId }), {
    timeout: 30_000,
  });
}

/** The title of the Today screen and the list of the worker's elders under it. */
export const TODAY_HEADING_TEXT = '今日';
/** Today's screen, with data-elders = the number of elders it was drawn from. */
export const TODAY_SCREEN_SELECTOR = '[data-testid="today"]';
/** The sync bar's counter of waiting changes; the bar reads 上次同步 once a sync has finished. */
export const PENDING_SELECTOR = '[data-testid="pending"]';
export const LAST_SYNCED_TEXT = '上次同步';

/** The sync bar's dot: 在线 or 离线, as the app reads the browser's online and offline events. */
export const NETWORK_SELECTOR = '[data-testid="network"]';
export const OFFLINE_TEXT = '离线';
/** Shown in the sync bar while a sync runs. */
export const PROGRESS_SELECTOR = '[data-testid="progress"]';

/**
 * Waits until the service worker is activated: the app is in its cache (whether this page is already
 * controlled does not matter for a new browser process). On a timeout the error says how far the
 * registration got, which a CI log otherwise hides.
 */
export async function waitForServiceWorker(page: Page): Promise<void> {
  const activated = async () => {
    const registration = await navigator.serviceWorker?.getRegistration();
    return registration?.active?.state === 'activated';
  };
  try {
    await waitUntilIn(page, activated, null, { timeoutMs: 120_000 });
  } catch (error) {
    const state = await page
      .evaluate(async () => {
        if (!('serviceWorker' in navigator)) return `no serviceWorker (secure context: ${isSecureContext})`;
        const registration = await navigator.serviceWorker.getRegistration();
        if (!registration) return `not registered (readyState ${document.readyState})`;
        const { installing, waiting, active } = registration;
        return `installing ${installing?.state}, waiting ${waiting?.state}, active ${active?.state}`;
      })
      .catch((stateError: unknown) => `state unreadable: ${String(stateError)}`);
    throw new Error(`the service worker was not activated (${state}): ${String(error)}`);
  }
}
