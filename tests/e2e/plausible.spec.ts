import { expect, type Page, test } from '@playwright/test';
import { signIn, waitForSynced } from './helpers';

async function firstElderHref(page: Page): Promise<string> {
  await signIn(page, 'worker1');
  await waitForSynced(page);
  const href = await page.getByTestId('elder-list').getByRole('link').first().getAttribute('href');
  if (!href) throw new Error('no elder link');
  return href;
}

test('the visit form refuses a visit that records nothing or starts later than now, and says why', async ({
  page,
}) => {
  const href = await firstElderHref(page);
  await page.goto(`/${href}/visit`);
  await page.getByRole('button', { name: '保存探访' }).click();
  await expect(page.getByRole('alert')).toHaveText(/这次探访还没有记录任何内容/);

  await page.getByLabel('基本生活情况').fill('独居，精神不错');
  // 13 days ahead, as typed on a phone in Zhongshan (the tests' time zone, UTC+8).
  const typed = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 16);
  const later = Date.now() + 13 * 86_400_000;
  await page.getByLabel('开始时间').fill(typed(later));
  await page.getByLabel('结束时间').fill(typed(later + 3_600_000));
  await page.getByRole('button', { name: '保存探访' }).click();
  await expect(page.getByRole('alert')).toHaveText(/开始时间不能比现在晚 10 分钟以上/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('记录探访');
});

test('editing an elder refuses a phone that is not a phone number, and keeps the old one', async ({
  page,
}) => {
  const href = await firstElderHref(page);
  await page.goto(`/${href}`);
  await page.getByRole('link', { name: '修改资料' }).click();
  await page.locator('input[name="phone"]').fill('abc');
  await page.getByRole('button', { name: '保存修改' }).click();
  await expect(page.getByRole('alert')).toHaveText(/电话号码只能有数字/);
  await page.goto(`/${href}`);
  await expect(page.getByRole('link', { name: '修改资料' })).toBeVisible();
  await expect(page.locator('a[href="tel:abc"]')).toHaveCount(0);
});

test('a planned visit cannot be moved to a day before today, and the row says why', async ({ page }) => {
  await signIn(page, 'worker1');
  await waitForSynced(page);
  await page.getByRole('link', { name: '计划' }).click();
  const rows = page.getByTestId('schedule-row');
  await expect(rows.first()).toBeVisible();
  const before = await rows.count();
  await rows.first().getByRole('button', { name: '改期' }).click();
  await rows.first().getByLabel('新日期').fill('2020-01-01');
  await rows.first().getByRole('button', { name: '保存修改' }).click();
  await expect(rows.first().getByRole('alert')).toHaveText(/不能改到今天以前的日期/);
  await expect(rows).toHaveCount(before);
  await expect(page.getByTestId('pending')).toHaveAttribute('data-count', '0');
});
