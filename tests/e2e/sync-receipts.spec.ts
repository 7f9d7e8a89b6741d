import { expect, test } from '@playwright/test';
import { signIn, syncNow, waitForServiceWorker, waitForSynced } from './helpers';

test('the receipt of a sync that sent a visit is still listed, in words, after the app is opened again', async ({
  page,
  context,
}) => {
  await signIn(page, 'worker1');
  await waitForSynced(page);
  await waitForServiceWorker(page);
  const href = await page.getByTestId('elder-list').getByRole('link').first().getAttribute('href');
  if (!href) throw new Error('no elder link');

  // No signal: the visit is recorded on the phone.
  await context.setOffline(true);
  await page.goto(`/${href}/visit`);
  await page.getByLabel('基本生活情况').fill('独居，精神不错');
  await page.getByRole('button', { name: '保存探访' }).click();
  await expect(page.getByTestId('visit-history')).toContainText('上门走访');
  // The bar names what waits as a worker knows it, not as "2 项更改".
  await expect(page.getByTestId('pending')).toContainText('1 次探访');

  // The signal returns and the worker syncs: the receipt says a visit went up.
  await context.setOffline(false);
  await syncNow(page);
  await page.goto('/#/sync');
  const sentTheVisit = page.getByTestId('receipt').filter({ hasText: '上传了 1 次探访' });
  await expect(sentTheVisit).toHaveCount(1);

  // Opened again: a new sync runs and moves nothing, and the visit's receipt stays in the list.
  await page.reload();
  await waitForSynced(page);
  await expect(page.getByTestId('receipt')).not.toHaveCount(1);
  await expect(sentTheVisit).toHaveCount(1);
  await expect(page.getByTestId('receipt').first()).toContainText('已与服务器一致');
});

test('a sync the server never answers is listed with why, in the worker’s words, not an error message', async ({
  page,
}) => {
  await signIn(page, 'worker1');
  await waitForSynced(page);
  // The phone shows signal, but nothing gets through to the server.
  await page.route('**/api/sync/**', (route) => route.abort('connectionfailed'));
  await page.goto('/#/sync');
  await page.getByRole('button', { name: '立即同步' }).click();
  const failed = page.getByTestId('receipt').first();
  await expect(failed).toContainText('同步未完成：连不上服务器。更改都保存在手机上，有信号时再同步。');
  await expect(failed).not.toContainText('network');
});
