// The volunteers register (志愿者) as a coordinator keeps it, pairing, and the visit form picking a
// visit's volunteers from it: a registered volunteer reaches the server with their id, a one-off
// helper typed by name with none. Every test makes its own names.
import { expect, type Page, test } from '@playwright/test';
import { checkScreensInBothLanguages, expectTargetsFit, seriousViolations } from './checks';
import { DEMO_PASSWORD, phoneSignedIn, serverDocuments, signIn, syncNow, waitForSynced } from './helpers';

const stamp = () => Date.now().toString(36);

/** An elder of worker1's in 东区街道 (seeds/demo.json), paired with no volunteer in the demo. */
const ELDER_NAME = '钟金好';

/** The register page's id of the elder named `name`, found through the register's search. */
async function elderIdOf(page: Page, name: string): Promise<string> {
  await page.goto('/#/manage/register');
  await page.getByLabel('查找').fill(name);
  const href = await page
    .getByTestId('register')
    .locator(`li[data-elder-name="${name}"] a`)
    .first()
    .getAttribute('href');
  return href?.split('/').pop() ?? '';
}

test('a volunteer picked in a visit reaches the server with their id, a typed helper with none', async ({
  page,
  browser,
}) => {
  const id = stamp();
  const name = `志愿者${id}`;
  const helper = `邻居${id}`;
  await signIn(page, 'coordinator');
  await waitForSynced(page);

  // Manage → 志愿者 → 添加志愿者.
  await page.getByRole('navigation').getByRole('link', { name: '管理' }).click();
  await page.getByRole('link', { name: /志愿者/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('志愿者');
  await page.getByRole('link', { name: '添加志愿者' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('添加志愿者');

  // Bad input is named in Chinese, field by field, and nothing is written.
  await page.getByLabel('电话').fill('138abc');
  await page.getByLabel('出生年份').fill('58');
  await page.getByRole('button', { name: '添加', exact: true }).click();
  await expect(page.getByRole('alert')).toHaveText('请按提示修改标红的项目。');
  await expect(page.locator('#volunteer-name-error')).toHaveText('请填写：姓名');
  await expect(page.locator('#volunteer-phone-error')).toContainText('电话只能用数字');
  await expect(page.locator('#volunteer-birthYear-error')).toContainText('四位数字');
  await expect(page.locator('#volunteer-town-error')).toHaveText('请选择：镇街');
  await expect(page.getByLabel('姓名')).toBeFocused();

  await page.getByLabel('姓名').fill(name);
  await page.getByLabel('电话').fill('138 0013 8000');
  await page.getByLabel('出生年份').fill('1960');
  await page.getByLabel('镇街').selectOption('东区街道');
  await page.getByLabel('社区').selectOption('竹苑社区');
  await page.getByLabel('志愿服务队').fill('竹苑社区长者关爱志愿服务队');
  await page.getByRole('button', { name: '添加', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`已添加志愿者：${name}`);

  // The same person again is caught as a duplicate; not added unless asked to.
  await page.getByRole('button', { name: '再添加一位' }).click();
  await page.getByLabel('姓名').fill(name);
  await page.getByLabel('出生年份').fill('1960');
  await page.getByLabel('镇街').selectOption('东区街道');
  await page.getByRole('button', { name: '添加', exact: true }).click();
  await expect(page.getByTestId('duplicate')).toContainText('同名、同出生年份的志愿者');
  await page.goto('/#/manage/volunteers');
  await page.getByLabel('查找').fill(name);
  await expect(page.getByTestId('volunteers').locator('li')).toHaveCount(1);

  // Paired with an elder from the elder's page in the register.
  const elderId = await elderIdOf(page, ELDER_NAME);
  expect(elderId).not.toBe('');
  await page.goto(`/#/manage/register/${elderId}`);
  const pairing = page.getByTestId('elder-volunteers');
  await pairing
    .getByLabel('添加结对志愿者')
    .selectOption({ label: `${name} · 竹苑社区 · 竹苑社区长者关爱志愿服务队` });
  await pairing.getByRole('button', { name: '结对', exact: true }).click();
  await expect(pairing.getByRole('status')).toHaveText(`已和 ${name} 结对。`);
  await expect(pairing.locator(`li[data-volunteer-name="${name}"]`)).toBeVisible();
  await syncNow(page);

  // The volunteer's page lists the elder.
  await pairing.getByRole('link', { name }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`志愿者 · ${name}`);
  await expect(page.getByTestId('paired-elders')).toContainText(ELDER_NAME);
  const volunteerId = page.url().split('/').pop() ?? '';

  // worker1's phone: the visit form offers the paired volunteer first.
  const worker = await phoneSignedIn(browser, 'worker1', DEMO_PASSWORD);
  await worker.page.goto(`/#/elder/${elderId}/visit`);
  const choices = worker.page.getByTestId('volunteer-choices').locator('li');
  await expect(choices.first()).toContainText(name);
  await expect(choices.first()).toContainText('结对');
  await choices.getByRole('button', { name: new RegExp(name) }).click();
  await expect(choices.filter({ hasText: name })).toHaveCount(0);
  await worker.page.getByRole('button', { name: '添加未登记的帮忙者' }).click();
  const rows = worker.page.getByTestId('participant');
  await expect(rows.nth(1)).toContainText('未登记');
  await worker.page.locator('[name="participant-1-name"]').fill(helper);
  await worker.page.locator('[name="participant-1-minutes"]').fill('20');

  // Minutes are required of each one: the form says so, and nothing is saved.
  await worker.page.getByRole('button', { name: '保存探访' }).click();
  await expect(worker.page.getByRole('alert')).toHaveText('请填写每位志愿者的姓名和服务分钟数（0–1440）');
  await worker.page.locator('[name="participant-0-minutes"]').fill('90');
  await worker.page.getByRole('button', { name: '保存探访' }).click();
  await expect(worker.page.getByTestId('visit-history')).toBeVisible();
  await syncNow(worker.page);
  await worker.context.close();

  const visit = serverDocuments('visits').find((doc) =>
    (doc.participants as { name: string }[]).some((p) => p.name === helper),
  );
  expect(visit?.elderId).toBe(elderId);
  expect(visit?.participants).toEqual([
    { name, minutes: 90, volunteerId },
    { name: helper, minutes: 20, volunteerId: null },
  ]);
});

test('a volunteer marked as stopped is no longer offered for pairing, and serves again', async ({ page }) => {
  const id = stamp();
  const name = `停服志愿者${id}`;
  await signIn(page, 'coordinator');
  await waitForSynced(page);
  await page.goto('/#/manage/volunteers/new');
  await page.getByLabel('姓名').fill(name);
  await page.getByLabel('出生年份').fill('1955');
  await page.getByLabel('镇街').selectOption('东区街道');
  await page.getByRole('button', { name: '添加', exact: true }).click();
  await page.getByRole('link', { name: '查看这位志愿者' }).click();

  await page.getByRole('button', { name: '标为停止服务' }).click();
  await expect(page.getByTestId('volunteer-status')).toContainText(`${name} 已标为停止服务。`);
  await page.goto('/#/manage/volunteers');
  await page.getByLabel('查找').fill(name);
  await expect(page.getByTestId('volunteer-count')).toHaveText('没有符合条件的志愿者');
  await page.getByLabel('状态').selectOption({ label: '已停止服务' });
  await expect(page.getByTestId('volunteers').locator(`li[data-volunteer-name="${name}"]`)).toContainText(
    '已停止服务',
  );

  const elderId = await elderIdOf(page, ELDER_NAME);
  await page.goto(`/#/manage/register/${elderId}`);
  const options = page.getByTestId('elder-volunteers').getByLabel('添加结对志愿者').locator('option');
  await expect(options.first()).toBeAttached();
  await expect(options.filter({ hasText: name })).toHaveCount(0);

  await page.goto('/#/manage/volunteers');
  await page.getByLabel('查找').fill(name);
  await page.getByLabel('状态').selectOption({ label: '全部' });
  await page.getByTestId('volunteers').getByRole('link').first().click();
  await page.getByRole('button', { name: '恢复服务' }).click();
  await expect(page.getByTestId('volunteer-status')).toContainText(`${name} 已恢复服务。`);
  await page.goto(`/#/manage/register/${elderId}`);
  await expect(options.filter({ hasText: name })).toHaveCount(1);
});

test('the volunteer screens and the visit form’s picker pass the accessibility and 44 px checks', async ({
  page,
  browser,
}) => {
  await page.setViewportSize({ width: 360, height: 640 });
  await signIn(page, 'coordinator');
  await waitForSynced(page);
  const elderId = await elderIdOf(page, ELDER_NAME);
  await page.goto('/#/manage/volunteers');
  const first = await page.getByTestId('volunteers').locator('a').first().getAttribute('href');
  const screens = [
    '/#/manage/volunteers',
    '/#/manage/volunteers/new',
    `/${first}`,
    `/#/manage/register/${elderId}`,
  ];
  const found = await checkScreensInBothLanguages(page, screens, {
    label: 'new volunteer, refused',
    show: async () => {
      await page.goto('/#/manage/volunteers/new');
      await page.locator('button[type="submit"]').click();
      await expect(page.locator('#volunteer-name-error')).toBeVisible();
    },
  });

  const worker = await phoneSignedIn(browser, 'worker1', DEMO_PASSWORD);
  await worker.page.setViewportSize({ width: 360, height: 640 });
  await worker.page.goto(`/#/elder/${elderId}/visit`);
  await expect(worker.page.getByTestId('volunteer-choices').locator('li').first()).toBeVisible();
  await worker.page.getByRole('button', { name: '添加未登记的帮忙者' }).click();
  found.push(...(await seriousViolations(worker.page, 'visit form, volunteers')));
  await expectTargetsFit(worker.page, 'visit form, volunteers');
  await worker.context.close();
  expect(found).toEqual([]);
});
