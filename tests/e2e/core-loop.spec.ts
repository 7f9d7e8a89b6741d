import { expect, test } from '@playwright/test';
import {
  DEMO_PASSWORD,
  serverDocuments,
  signIn,
  waitForServiceWorker,
  waitForSynced,
  waitForTodaySnapshot,
} from './helpers';

test('a worker records a visit with no signal and the coordinator sees it after sync', async ({
  browser,
}) => {
  const worker = await browser.newContext();
  let page = await worker.newPage();

  // Signed in, the worker lands on Today: what is overdue and due, then their elders.
  await signIn(page, 'worker1');
  await waitForSynced(page);
  await waitForServiceWorker(page);
  await expect(page.getByTestId('overdue').getByRole('listitem').first()).toBeVisible();
  const elderRows = page.getByTestId('elder-list').getByRole('listitem');
  const elderCount = await elderRows.count();
  expect(elderCount).toBeGreaterThan(5);
  const firstOverdue = page.getByTestId('overdue').getByRole('link').first();
  const elderName = (await firstOverdue.locator('strong').textContent()) ?? '';
  expect(elderName).not.toBe('');

  // No signal; the tab is closed and the app opened again: the service worker and IndexedDB serve it.
  // Today is drawn first from what it last showed, then from the database once that is open.
  await waitForTodaySnapshot(page, elderCount);
  await worker.setOffline(true);
  await page.close();
  page = await worker.newPage();
  await page.addInitScript(() => {
    const observer = new MutationObserver(() => {
      const today = document.querySelector('[data-testid="today"]');
      if (!today) return;
      observer.disconnect();
      const first = { source: today.getAttribute('data-source'), elders: today.getAttribute('data-elders') };
      (window as unknown as { firstToday: typeof first }).firstToday = first;
    });
    observer.observe(document, { childList: true, subtree: true });
  });
  await page.goto('/');
  await expect(page.getByTestId('network')).toHaveText('离线');
  await expect(page.getByTestId('today')).toHaveAttribute('data-source', 'live');
  await expect(page.getByTestId('elder-list').getByRole('listitem')).toHaveCount(elderCount);
  const firstToday = await page.evaluate(() => (window as unknown as { firstToday: unknown }).firstToday);
  expect(firstToday).toEqual({ source: 'snapshot', elders: String(elderCount) });

  // Still offline: open the elder and record the visit.
  await page
    .getByTestId('elder-list')
    .getByRole('link', { name: new RegExp(elderName) })
    .first()
    .click();
  await expect(page.getByRole('heading', { name: new RegExp(elderName) })).toBeVisible();
  await page.getByRole('link', { name: '记录探访' }).click();
  await page.getByLabel('电话/视频').check();
  await page.getByLabel('基本生活情况').fill('独居，饮食正常，屋内整洁');
  await page.getByLabel('燃气').check();
  await page.getByLabel('身体状况').fill('腿脚不便，血压稳定');
  await page.getByLabel('精神与情绪').fill('情绪较好，有些孤单');
  await page.getByLabel('送餐').check();
  await page.getByLabel('心理疏导').check();
  await page.getByLabel('发现的需求').fill('需要安装燃气报警器');
  await page.getByLabel('需要跟进').check();
  await page.getByLabel('紧急程度').selectOption('high');
  const note = `离线探访 ${Date.now()}`;
  await page.getByLabel('备注').fill(note);
  await page.getByRole('button', { name: '保存探访' }).click();

  // Back on the elder's page: the visit is there, and the changes wait for the signal.
  await expect(page.getByTestId('visit-history')).toContainText(note);
  await expect(page.getByTestId('pending')).not.toHaveAttribute('data-count', '0');
  await page.getByRole('link', { name: /返回/ }).click();
  await expect(page.getByTestId('overdue')).not.toContainText(elderName);

  // The signal returns: sync runs by itself and the server's database holds the visit.
  await worker.setOffline(false);
  await expect(page.getByTestId('network')).toHaveText('在线');
  await expect(page.getByTestId('pending')).toHaveAttribute('data-count', '0');
  const stored = serverDocuments('visits').find((doc) => doc.notes === note);
  expect(stored).toMatchObject({
    mode: 'call',
    safetyRisks: ['gas'],
    services: ['meal_delivery', 'psychological_support'],
    followUp: { needed: true, urgency: 'high', note: '' },
    _deleted: false,
  });
  const schedule = serverDocuments('schedules').find((doc) => doc.visitId === stored?.id);
  expect(schedule?.status).toBe('done');

  // The coordinator, on another device, sees it.
  const coordinator = await browser.newContext();
  const other = await coordinator.newPage();
  await signIn(other, 'coordinator');
  await waitForSynced(other);
  // The town's elders are listed by name, the first 50 at once: the elder may be among the rest.
  const showAll = other.getByTestId('elder-list').locator('xpath=following-sibling::button[1]');
  if (await showAll.isVisible()) await showAll.click();
  await other
    .getByTestId('elder-list')
    .getByRole('link', { name: new RegExp(elderName) })
    .first()
    .click();
  await expect(other.getByTestId('visit-history')).toContainText(note);

  await worker.close();
  await coordinator.close();
});

test('a wrong password is refused with a clear message', async ({ page }) => {
  await page.goto('/');
  await page.getByLabel('用户名').fill('worker1');
  await page.getByLabel('密码').fill('not-the-password');
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByRole('alert')).toHaveText('用户名或密码不正确');
});

test('the database code is downloaded while the sign-in screen shows, and run only once someone signs in', async ({
  page,
}) => {
  // Run while the form shows, it would hold up a slow phone's main thread as the person types
  // (docs/benchmarks.md, "Lighthouse"). Downloaded then (prefetched, and precached by the service
  // worker), the first sync still starts when the server answers the sign-in, not after a download
  // over the phone's connection.
  const databaseCode = /\/assets\/services-[\w-]+\.js$/;
  const fetched: string[] = [];
  page.on('request', (request) => {
    if (databaseCode.test(request.url())) fetched.push(request.resourceType());
  });
  await page.goto('/');
  await expect(page.getByRole('button', { name: '登录' })).toBeVisible();
  await waitForServiceWorker(page);
  await expect.poll(() => fetched.length).toBeGreaterThan(0);
  expect(fetched).not.toContain('script');

  const run = page.waitForResponse(
    (response) => databaseCode.test(response.url()) && response.request().resourceType() === 'script',
  );
  await page.getByLabel('用户名').fill('worker1');
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  expect((await run).fromServiceWorker()).toBe(true);
  await waitForSynced(page);
});
