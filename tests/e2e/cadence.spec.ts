// A town's visit cadence, as a coordinator sets it in Manage → 探访频次: a high-risk elder registered
// afterwards is planned by it. The cadence is put back in `finally`, since the other specs share the
// server's database and count on 东区街道's weekly default.
import { expect, type Page, test } from '@playwright/test';
import { expectTargetsFit, seriousViolations } from './checks';
import { DEMO_PASSWORD, serverDocuments, signIn, waitForSynced } from './helpers';

const TOWN = '东区街道';
const DEFAULTS = {
  high: { every: 1, unit: 'week' },
  key: { every: 1, unit: 'month' },
  general: { every: 3, unit: 'month' },
};

/** Puts the town's cadence back to the defaults through the API, as the coordinator. */
async function restoreCadence(page: Page): Promise<void> {
  const login = await page.request.post('/api/auth/login', {
    data: { username: 'coordinator', password: DEMO_PASSWORD },
  });
  const { token } = (await login.json()) as { token: string };
  const put = await page.request.put(`/api/places/${encodeURIComponent(TOWN)}/cadence`, {
    headers: { authorization: `Bearer ${token}` },
    data: DEFAULTS,
  });
  expect(put.status()).toBe(200);
}

test('a coordinator makes high-risk visits fortnightly in a town, and a new elder is planned so', async ({
  page,
  context,
}) => {
  const elderName = `频次长者${Date.now().toString(36)}`;
  await signIn(page, 'coordinator');
  await waitForSynced(page);
  try {
    await page.getByRole('navigation').getByRole('link', { name: '管理' }).click();
    await page.getByRole('link', { name: /探访频次/ }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('探访频次');
    const town = page.getByTestId('cadence-towns').locator(`li[data-town="${TOWN}"]`);
    await expect(town.locator('[data-tier=high]')).toHaveText('每 1 周');
    await expect(page.getByTestId('cadence-towns').locator('li')).toHaveCount(2);
    expect(await seriousViolations(page, 'cadence')).toEqual([]);

    // Offline, nothing can be changed, and the screen says why.
    await context.setOffline(true);
    await expect(page.getByTestId('offline-note')).toContainText('需要网络连接');
    await expect(town.getByRole('button', { name: '修改' })).toBeDisabled();
    await context.setOffline(false);

    await town.getByRole('button', { name: '修改' }).click();
    const form = page.getByTestId('cadence-form');
    // High risk rarer than key is refused on the screen, in Chinese, and nothing is sent.
    await form.getByLabel('高风险: 间隔').fill('5');
    await form.getByRole('button', { name: '保存' }).click();
    await expect(form.locator('#cadence-high-error')).toHaveText('高风险长者的探访不能比重点长者少。');
    expect(await seriousViolations(page, 'cadence form')).toEqual([]);
    await expectTargetsFit(page, 'cadence form');

    await form.getByLabel('高风险: 间隔').fill('2');
    await form.getByRole('button', { name: '保存' }).click();
    await expect(page.getByTestId('cadence-saved')).toContainText('已经排好的探访不会改动');
    await expect(town.locator('[data-tier=high]')).toHaveText('每 2 周');

    // A high-risk elder of the town is planned every two weeks: today, +14 and +28 days.
    await page.goto('/#/manage/register/new');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('登记长者');
    await page.getByLabel('姓名', { exact: true }).fill(elderName);
    await page.getByLabel('女', { exact: true }).check();
    await page.getByLabel('出生日期').fill('1938-05-02');
    await page.getByLabel('镇街').selectOption(TOWN);
    await page.getByLabel('社区').selectOption('竹苑社区');
    await page.getByLabel('风险等级').selectOption({ label: '高风险' });
    await page.getByLabel('负责社工').selectOption({ label: '梁嘉敏' });
    await page.getByRole('button', { name: '登记', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`已登记：${elderName}`);
    await expect(page.getByTestId('planned')).toHaveText('已安排 3 次探访。');
    await page.getByRole('button', { name: '立即同步' }).click();
    await expect(page.getByTestId('pending')).toHaveAttribute('data-count', '0');

    const elder = serverDocuments('elders').find((doc) => doc.name === elderName);
    expect(elder).toBeDefined();
    const dates = serverDocuments('schedules')
      .filter((doc) => doc.elderId === elder?.id && doc.status === 'planned')
      .map((doc) => String(doc.plannedDate))
      .sort();
    expect(dates).toHaveLength(3);
    const gaps = dates
      .slice(1)
      .map((date, i) => (Date.parse(date) - Date.parse(dates[i] ?? '')) / 86_400_000);
    expect(gaps).toEqual([14, 14]);
  } finally {
    await context.setOffline(false);
    await restoreCadence(page);
  }
});
