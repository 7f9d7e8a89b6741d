// The register of elders, as a coordinator keeps it in the app (offline writes, synced): a new elder
// with a new worker reaches that worker's Today; an archived elder leaves it, their history kept.
// Every test makes its own names, so the tests do not depend on each other's order.
import { expect, test } from '@playwright/test';
import { checkScreensInBothLanguages } from './checks';
import { DEMO_PASSWORD, phoneSignedIn, signIn, syncNow, waitForSynced } from './helpers';

const stamp = () => Date.now().toString(36);

test('a coordinator registers an elder for a new worker, who finds a visit due today', async ({
  page,
  browser,
}) => {
  const id = stamp();
  const username = `e2e.reg.${id}`;
  const workerName = `登记社工${id}`;
  const elderName = `登记长者${id}`;
  await signIn(page, 'coordinator');
  await waitForSynced(page);

  // A new worker of 东区街道, through Manage → Accounts.
  await page.getByRole('navigation').getByRole('link', { name: '管理' }).click();
  await page.getByRole('link', { name: /人员账号/ }).click();
  await page.getByRole('link', { name: '添加账号' }).click();
  await page.getByLabel('姓名').fill(workerName);
  await page.getByLabel('用户名', { exact: true }).fill(username);
  await page.getByLabel('东区街道').check();
  await page.getByLabel('新密码（至少 8 个字符）').fill('first-pass-1');
  await page.getByRole('button', { name: '创建账号' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`已创建账号：${workerName}`);
  // The new account reaches this phone's users with the next sync.
  await syncNow(page);

  // Manage → Register of elders → Register an elder.
  await page.getByRole('navigation').getByRole('link', { name: '管理' }).click();
  await page.getByRole('link', { name: /长者登记/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('长者登记');
  await page.getByRole('link', { name: '登记长者' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('登记长者');

  // Saving an empty form marks the fields, in Chinese, without writing anything.
  await page.getByRole('button', { name: '登记', exact: true }).click();
  await expect(page.getByRole('alert')).toHaveText('请按提示修改标红的项目。');
  await expect(page.locator('#elder-name-error')).toHaveText('请填写：姓名');
  await expect(page.getByLabel('姓名', { exact: true })).toBeFocused();

  await page.getByLabel('姓名', { exact: true }).fill(elderName);
  await page.getByLabel('女', { exact: true }).check();
  await page.getByLabel('出生日期').fill('1940-03-08');
  await page.getByLabel('镇街').selectOption('东区街道');
  await page.getByLabel('社区').selectOption('竹苑社区');
  await page.getByLabel('地址').fill('中山市东区竹苑路 8 号');
  await page.getByLabel('独居').check();
  await page.getByLabel('风险等级').selectOption({ label: '高风险' });
  await page.getByLabel('已签署信息采集同意书').check();
  await page.getByLabel('签署日期').fill('2026-01-05');
  await page.getByLabel('负责社工').selectOption({ label: workerName });
  await page.getByRole('button', { name: '登记', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`已登记：${elderName}`);
  await expect(page.getByTestId('planned')).toHaveText(/已安排 \d+ 次探访。/);
  await syncNow(page);

  // The same elder again is refused as a duplicate, and can be registered anyway.
  await page.getByRole('button', { name: '再登记一位' }).click();
  await page.getByLabel('姓名', { exact: true }).fill(elderName);
  await page.getByLabel('男', { exact: true }).check();
  await page.getByLabel('出生日期').fill('1940-03-08');
  await page.getByLabel('镇街').selectOption('东区街道');
  await page.getByLabel('社区').selectOption('竹苑社区');
  await page.getByLabel('负责社工').selectOption({ label: workerName });
  await page.getByRole('button', { name: '登记', exact: true }).click();
  await expect(page.getByTestId('duplicate')).toContainText('已有一位同名、同出生日期、同社区的长者');
  await page.getByRole('button', { name: '仍然登记' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`已登记：${elderName}`);

  // The second one's profile is changed from its register page: only what changed is saved.
  await page.getByRole('link', { name: `档案 · ${elderName}` }).click();
  await expect(page.getByLabel('姓名', { exact: true })).toHaveValue(elderName);
  await page.getByRole('button', { name: '保存修改' }).click();
  await expect(page.getByText('没有要保存的修改。')).toBeVisible();
  await page.getByLabel('电话', { exact: true }).fill('13800000000');
  await page.getByRole('button', { name: '保存修改' }).click();
  await expect(page.getByText('已保存。')).toBeVisible();
  await syncNow(page);

  // The new worker's phone: the elder is on Today with a visit due today.
  const worker = await phoneSignedIn(browser, username, 'first-pass-1');
  await expect(worker.page.getByTestId('due-today')).toContainText(elderName);
  await worker.context.close();
});

test('an archived elder leaves the worker’s Today and keeps their history', async ({ page, browser }) => {
  const worker = await phoneSignedIn(browser, 'worker1', DEMO_PASSWORD);
  // An elder of worker1's visited before (with a history). Which of them are due depends on what
  // the specs before this one recorded; the major event below plans them a visit today.
  await expect(worker.page.getByTestId('elder-list').locator('li').first()).toBeVisible();
  const elderId = await worker.page.evaluate(() => {
    const idOf = (href: string | null) => href?.split('/')[2] ?? '';
    const visited = [...document.querySelectorAll('[data-testid=elder-list] a')]
      .filter((a) => !a.textContent?.includes('从未'))
      .map((a) => idOf(a.getAttribute('href')));
    return visited[0] ?? '';
  });
  expect(elderId).not.toBe('');
  await worker.page.goto(`/#/elder/${elderId}`);
  const heading = await worker.page.getByRole('heading', { level: 1 }).textContent();
  const name = heading?.trim().split(/\s/)[0] ?? '';
  const history = worker.page.getByTestId('visit-history').locator('li');
  await expect(history.first()).toBeVisible();
  const visits = await history.count();
  // Any user may flag a major event from the profile: a visit planned for today.
  await worker.page.getByRole('button', { name: '重大变故' }).click();
  await expect(worker.page.getByTestId('major-event-done')).toHaveText(
    /已安排今天探访。|今天已经安排了探访。/,
  );

  await signIn(page, 'coordinator');
  await waitForSynced(page);
  await page.goto(`/#/manage/register/${elderId}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`档案 · ${name}`);
  await page.getByLabel('归档原因').selectOption({ label: '已搬离' });
  await page.getByRole('button', { name: '归档', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('探访记录都会保留，已计划的探访会取消');
  await expect(page.getByRole('button', { name: '取消' })).toBeFocused();
  await page.getByRole('button', { name: '确定归档' }).click();
  await expect(page.getByTestId('register-status')).toContainText('已搬离');
  await syncNow(page);

  // Archived: not in the register's default list, found among the archived.
  await page.goto('/#/manage/register');
  await page.getByLabel('查找').fill(name);
  await expect(page.getByTestId('register').locator(`li[data-elder-name="${name}"]`)).toHaveCount(0);
  await page.getByLabel('状态').selectOption({ label: '已归档' });
  await expect(page.getByTestId('register').locator(`li[data-elder-name="${name}"]`)).toContainText('已归档');

  // The worker's next sync takes the elder off Today's lists; the profile keeps the history.
  await worker.page.goto('/#/');
  await syncNow(worker.page);
  const dueLists = worker.page.locator(
    '[data-testid=overdue], [data-testid=due-today], [data-testid=coming-week]',
  );
  await expect(dueLists.locator(`a[href^="#/elder/${elderId}/"]`)).toHaveCount(0);
  await worker.page.goto(`/#/elder/${elderId}`);
  await expect(worker.page.getByTestId('visit-history').locator('li')).toHaveCount(visits);
  await worker.context.close();
});

test('the register screens pass the accessibility and 44 px checks, in both languages', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 640 });
  await signIn(page, 'coordinator');
  await waitForSynced(page);
  await page.goto('/#/manage/register');
  const first = await page.getByTestId('register').locator('a').first().getAttribute('href');
  const screens = ['/#/manage', '/#/manage/register', '/#/manage/register/new', `/${first}`];
  const found = await checkScreensInBothLanguages(page, screens, {
    // The form's own refusals on screen.
    label: 'new elder, refused',
    show: async () => {
      await page.goto('/#/manage/register/new');
      await page.locator('button[type="submit"]').click();
      await expect(page.locator('#elder-name-error')).toBeVisible();
    },
  });
  expect(found).toEqual([]);
});
