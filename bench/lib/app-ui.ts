// What the benchmarks know about the app's screens, in one place: the sign-in form, the sync bar,
// the Today screen, and where RxDB keeps the data in IndexedDB. Read from outside the product (DOM and
// raw IndexedDB); nothing here runs inside the app's code.
import type { Page } from '@playwright/test';
import { databaseNameFor } from '../../src/app/db/database';

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

/** The title of the Today screen and the list of the worker's elders under it. */
export const TODAY_HEADING_TEXT = '今日';
/** Today's screen, with data-elders = the number of elders it was drawn from. */
export const TODAY_SCREEN_SELECTOR = '[data-testid="today"]';
/** The sync bar's counter of waiting changes; the bar reads 上次同步 once a sync has finished. */
export const PENDING_SELECTOR = '[data-testid="pending"]';
export const LAST_SYNCED_TEXT = '上次同步';
