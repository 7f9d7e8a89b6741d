import { type BrowserContext, expect, type Page, test } from '@playwright/test';
import { serverDocuments, signIn, waitForServiceWorker, waitForSynced } from './helpers';

async function openDevice(browser: import('@playwright/test').Browser, username: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, username);
  await waitForSynced(page);
  await waitForServiceWorker(page);
  return { context, page };
}

async function editElder(page: Page, elderId: string, fields: Record<string, string>) {
  await page.goto(`/#/elder/${elderId}/edit`);
  for (const [name, value] of Object.entries(fields)) await page.locator(`[name="${name}"]`).fill(value);
  await page.getByRole('button', { name: '保存修改' }).click();
  await expect(page.getByRole('link', { name: '修改资料' })).toBeVisible();
}

/** The signal comes back: the app syncs by itself. */
async function goOnline(page: Page, context: BrowserContext) {
  await context.setOffline(false);
  await expect(page.getByTestId('network')).toHaveText('在线');
  await expect(page.getByTestId('pending')).toHaveAttribute('data-count', '0');
}

async function syncNow(page: Page) {
  await page.getByRole('button', { name: '立即同步' }).click();
  await expect(page.getByRole('button', { name: '立即同步' })).toBeEnabled();
  await expect(page.getByTestId('pending')).toHaveAttribute('data-count', '0');
}

test('two devices edit one elder offline: both field edits survive and the clash is on both review lists', async ({
  browser,
}) => {
  const worker = await openDevice(browser, 'worker1');
  const coordinator = await openDevice(browser, 'coordinator');
  const worker1 = serverDocuments('users').find((u) => u.username === 'worker1');
  const target = serverDocuments('elders').find((e) => e.assignedWorkerId === worker1?.id);
  const elderId = String(target?.id);

  await worker.context.setOffline(true);
  await coordinator.context.setOffline(true);
  // One field each...
  await editElder(worker.page, elderId, { phone: '13912345678' });
  await editElder(coordinator.page, elderId, { address: '中山市东区新地址 8 号' });
  // ...then the same field, the coordinator last.
  await editElder(worker.page, elderId, { health: '血压偏高，已提醒按时服药' });
  await editElder(coordinator.page, elderId, { health: '血压平稳' });

  await goOnline(worker.page, worker.context);
  await goOnline(coordinator.page, coordinator.context);
  // The coordinator's device found the clash and merged: its receipt says so.
  await coordinator.page.goto('/#/sync');
  const newest = coordinator.page.getByTestId('receipt').first();
  await expect(newest).toContainText('1 条与别处的修改合并');
  await expect(newest).toContainText('1 条待核对');
  await syncNow(worker.page);

  const names = new Map(serverDocuments('users').map((u) => [String(u.username), String(u.displayName)]));
  const choices = {
    worker: {
      keep: `保留${names.get('coordinator')}的：血压平稳`,
      use: '改用我的：血压偏高，已提醒按时服药',
    },
    coordinator: {
      keep: '保留我的：血压平稳',
      use: `改用${names.get('worker1')}的：血压偏高，已提醒按时服药`,
    },
  };
  for (const [who, device] of [
    ['worker', worker],
    ['coordinator', coordinator],
  ] as const) {
    await device.page.goto(`/#/elder/${elderId}`);
    await expect(device.page.getByTestId('elder-phone')).toHaveText('13912345678');
    await expect(device.page.getByTestId('elder-address')).toHaveText('中山市东区新地址 8 号');
    await expect(device.page.getByTestId('elder-health')).toHaveText('血压平稳');
    await device.page.goto('/#/review');
    const entry = device.page
      .getByTestId('review-list')
      .getByRole('listitem')
      .filter({ hasText: '健康状况' });
    await expect(entry).toHaveCount(1);
    await expect(entry.getByTestId('kept-value')).toHaveText('血压平稳');
    await expect(entry.getByTestId('other-value')).toHaveText('血压偏高，已提醒按时服药');
    // In a worker's words: what clashed, who changed each side, and what each choice does.
    await expect(entry).toContainText('两台手机都改了「健康状况」');
    await expect(entry.getByTestId('kept-by')).toContainText(String(names.get('coordinator')));
    await expect(entry.getByTestId('other-by')).toContainText(String(names.get('worker1')));
    await expect(entry.getByTestId('keep-kept')).toHaveText(choices[who].keep);
    await expect(entry.getByTestId('keep-other')).toHaveText(choices[who].use);
  }

  // The server holds the merged record and the review entry.
  const stored = serverDocuments('elders').find((e) => e.id === elderId);
  expect(stored).toMatchObject({
    phone: '13912345678',
    address: '中山市东区新地址 8 号',
    health: '血压平稳',
  });
  expect(serverDocuments('reviews').filter((r) => r.recordId === elderId)).toHaveLength(1);

  await worker.context.close();
  await coordinator.context.close();
});
