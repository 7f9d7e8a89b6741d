// The app runs under the server's Content-Security-Policy (src/server/http/headers.ts) with nothing
// refused: every screen of a worker and of a coordinator, offline start and sync included.
import { expect, type Page, test } from '@playwright/test';
import { openScreen, workerScreens } from './checks';
import { signIn, waitForSynced } from './helpers';

/** Collects what the page's policy refuses, as the browser reports it. */
async function watchPolicy(page: Page): Promise<string[]> {
  const refused: string[] = [];
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(
        `CSP refused ${event.violatedDirective}: ${event.blockedURI} (${event.sourceFile}:${event.lineNumber})`,
      );
    });
  });
  page.on('console', (message) => {
    const text = message.text();
    if (text.startsWith('CSP refused') || text.includes('Content Security Policy')) refused.push(text);
  });
  return refused;
}

test('the worker’s screens run under the policy with nothing refused', async ({ page }) => {
  const refused = await watchPolicy(page);
  const answer = await page.goto('/');
  expect(answer?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
  await signIn(page, 'worker1');
  await waitForSynced(page);
  const href = await page.getByTestId('elder-list').getByRole('link').first().getAttribute('href');
  const elderId = href?.split('/')[2];
  for (const screen of workerScreens(elderId ?? '')) {
    await openScreen(page, screen);
  }
  expect(refused).toEqual([]);
});

test('the coordinator’s screens run under the policy with nothing refused', async ({ page }) => {
  const refused = await watchPolicy(page);
  await signIn(page, 'coordinator');
  await waitForSynced(page);
  for (const screen of [
    '/#/manage',
    '/#/manage/register',
    '/#/manage/register/new',
    '/#/manage/register/import',
    '/#/manage/accounts',
    '/#/manage/accounts/new',
    '/#/manage/volunteers',
    '/#/manage/volunteers/new',
  ]) {
    await openScreen(page, screen);
  }
  expect(refused).toEqual([]);
});
