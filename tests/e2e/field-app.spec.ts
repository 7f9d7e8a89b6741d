import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { chromium, expect, type Page, test } from '@playwright/test';
import { chooseSettings, expectTargetsFit, openScreen, seriousViolations, workerScreens } from './checks';
import { serverDocuments, signIn, waitForServiceWorker, waitForSynced } from './helpers';

async function signedIn(page: Page, username = 'worker1') {
  await signIn(page, username);
  await waitForSynced(page);
}

async function firstElderId(page: Page): Promise<string> {
  const href = await page.getByTestId('elder-list').getByRole('link').first().getAttribute('href');
  const id = href?.split('/')[2];
  if (!id) throw new Error(`no elder link: ${href}`);
  return id;
}

test('the language can be switched to English and back, and the choice is kept', async ({ page }) => {
  await signedIn(page);
  await page.getByRole('link', { name: '设置' }).click();
  await page.getByLabel('语言').selectOption('en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sync & settings');
  await page.reload();
  await page.getByRole('link', { name: 'Today' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /Today/ })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByLabel('Language').selectOption('zh-CN');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('同步与设置');
});

test("a coordinator's Today draws the first 50 elders of the town and the rest on request", async ({
  page,
}) => {
  // The coordinator's towns' elders on the register as the server holds them: 60 from the demo,
  // plus those the specs before this one registered.
  const towns = ['东区街道', '小榄镇'];
  const onRegister = serverDocuments('elders').filter(
    (e) => !e._deleted && e.archivedOn == null && towns.includes(e.town as string),
  ).length;
  expect(onRegister).toBeGreaterThan(50);
  await signedIn(page, 'coordinator');
  const rows = page.getByTestId('elder-list').getByRole('listitem');
  await expect(page.getByTestId('today')).toHaveAttribute('data-elders', String(onRegister));
  await expect(rows).toHaveCount(50);
  await page.getByRole('button', { name: `显示全部 ${onRegister} 位` }).click();
  await expect(rows).toHaveCount(onRegister);
  await expect(page.getByRole('button', { name: `显示全部 ${onRegister} 位` })).toHaveCount(0);
});

test('a visit being typed survives closing the app and is gone once saved', async ({ page }) => {
  await signedIn(page);
  const elderId = await firstElderId(page);
  await page.goto(`/#/elder/${elderId}/visit`);
  await page.getByRole('button', { name: '已到达' }).click();
  await page.getByLabel('基本生活情况').fill('一切如常，正在交谈');
  await page.getByLabel('送餐').check();
  await page.getByRole('button', { name: '添加未登记的帮忙者' }).click();
  await page.locator('[name="participant-0-name"]').fill('陈志愿');
  await page.locator('[name="participant-0-minutes"]').fill('45');

  await page.reload();
  await expect(page.getByLabel('基本生活情况')).toHaveValue('一切如常，正在交谈');
  await expect(page.getByLabel('送餐')).toBeChecked();
  await expect(page.locator('[name="participant-0-minutes"]')).toHaveValue('45');
  await expect(page.getByLabel('开始时间')).not.toHaveValue('');

  await page.getByRole('button', { name: '保存探访' }).click();
  await expect(page.getByTestId('visit-history')).toContainText('送餐');
  await page.goto(`/#/elder/${elderId}/visit`);
  await expect(page.getByLabel('基本生活情况')).toHaveValue('');
});

test('a visit that ends before it starts is refused with a message a person understands', async ({
  page,
}) => {
  await signedIn(page);
  const elderId = await firstElderId(page);
  await page.goto(`/#/elder/${elderId}/visit`);
  await page.getByLabel('开始时间').fill('2026-11-29T10:00');
  await page.getByLabel('结束时间').fill('2026-11-29T09:00');
  await page.getByRole('button', { name: '保存探访' }).click();
  await expect(page.getByRole('alert')).toHaveText('结束时间不能早于开始时间');
});

test('elders are found by name as one types, and filtered by tier', async ({ page }) => {
  await signedIn(page);
  await page.getByRole('link', { name: '长者', exact: true }).click();
  const results = page.getByTestId('elders-results').getByRole('listitem');
  await expect(results.first()).toBeVisible();
  const total = await results.count();
  expect(total).toBeGreaterThan(5);
  const name = (await results.first().locator('strong').textContent()) ?? '';
  await page.getByLabel('查找').fill(name);
  await expect(results.first()).toContainText(name);
  expect(await results.count()).toBeLessThan(total);
  await page.getByLabel('查找').fill('');
  await page.getByLabel('风险等级').selectOption('high');
  await expect(results.first()).toContainText('高风险');
  for (const row of await results.all()) await expect(row).toContainText('高风险');
});

test("a worker corrects an elder's contacts in the field; a contact without a name is refused", async ({
  page,
}) => {
  await signedIn(page);
  const elderId = await firstElderId(page);
  await page.goto(`/#/elder/${elderId}/edit`);
  await expect(page.getByRole('button', { name: '保存修改' })).toBeVisible();
  const contacts = page.getByTestId('contact');
  const before = await contacts.count();
  expect(before).toBeGreaterThan(0);

  // A new phone for the first contact, and a neighbour added as an emergency contact.
  await contacts.first().getByLabel('联系电话').fill('13700001111');
  await page.getByRole('button', { name: '添加联系人' }).click();
  const added = contacts.nth(before);
  await added.getByLabel('关系').fill('邻居');
  await added.getByLabel('联系电话').fill('13600002222');
  await added.getByLabel('紧急联系人').check();
  // No name: refused, in words a person understands, and nothing is saved.
  await page.getByRole('button', { name: '保存修改' }).click();
  await expect(page.getByRole('alert')).toHaveText(
    `请检查第 ${before + 1} 位联系人：姓名必填，电话不超过 30 字`,
  );
  await page.goto(`/#/elder/${elderId}`);
  await expect(page.getByTestId('elder-contacts')).toBeVisible();
  await expect(page.getByTestId('elder-contacts')).not.toContainText('13700001111');

  await page.goto(`/#/elder/${elderId}/edit`);
  await expect(contacts).toHaveCount(before);
  await contacts.first().getByLabel('联系电话').fill('13700001111');
  await page.getByRole('button', { name: '添加联系人' }).click();
  await contacts.nth(before).getByLabel('联系人姓名').fill('黄姨');
  await contacts.nth(before).getByLabel('关系').fill('邻居');
  await contacts.nth(before).getByLabel('联系电话').fill('13600002222');
  await contacts.nth(before).getByLabel('紧急联系人').check();
  await page.getByRole('button', { name: '保存修改' }).click();

  // The profile shows both, the neighbour marked for emergencies, and the change waits to sync.
  const shown = page.getByTestId('elder-contacts');
  await expect(shown).toContainText('13700001111');
  await expect(shown.getByText('黄姨（邻居）')).toBeVisible();
  await expect(shown.locator('div', { hasText: '黄姨' }).getByText('紧急')).toBeVisible();
});

test('Today still opens from the database when its snapshot cannot be read', async ({ page }) => {
  await signedIn(page);
  // The snapshot's IndexedDB never answers (as a stuck database would); the others work.
  await page.addInitScript(() => {
    const open = indexedDB.open.bind(indexedDB);
    indexedDB.open = (name: string, version?: number) =>
      name === 'tanfang-today' ? ({} as IDBOpenDBRequest) : open(name, version);
  });
  await page.reload();
  await expect(page.getByTestId('today')).toHaveAttribute('data-source', 'live');
  await expect(page.getByTestId('elder-list').getByRole('listitem').first()).toBeVisible();
});

test('a planned visit is rescheduled and another marked missed with a reason', async ({ page }) => {
  await signedIn(page);
  await page.getByRole('link', { name: '计划' }).click();
  const rows = page.getByTestId('schedule-row');
  await expect(rows.first()).toBeVisible();
  const before = await rows.count();
  await rows.first().getByRole('button', { name: '未能探访' }).click();
  await rows.first().getByLabel('原因').selectOption('in_hospital');
  await rows.first().getByRole('button', { name: '未能探访' }).click();
  await expect(rows).toHaveCount(before - 1);
  await rows.first().getByRole('button', { name: '改期' }).click();
  await rows.first().getByLabel('新日期').fill('2099-01-01');
  await rows.first().getByRole('button', { name: '保存修改' }).click();
  await expect(rows).toHaveCount(before - 2);
  await expect(page.getByTestId('pending')).toHaveAttribute('data-count', '0');
});

test('every screen has no serious or critical accessibility violation, in both languages', async ({
  page,
}) => {
  await signedIn(page);
  const elderId = await firstElderId(page);
  const screens = workerScreens(elderId);
  for (const locale of ['zh-CN', 'en'] as const) {
    await chooseSettings(page, { locale });
    for (const screen of screens) {
      await openScreen(page, screen);
      expect(await seriousViolations(page, `${locale} ${screen}`)).toEqual([]);
    }
  }
});

test('Chromium finds the app installable', async ({ baseURL, launchOptions }) => {
  // Installability is not judged in incognito contexts, which Playwright's contexts are: use a profile.
  const profile = mkdtempSync(join(tmpdir(), 'tanfang-profile-'));
  const context = await chromium.launchPersistentContext(profile, { ...launchOptions, baseURL });
  try {
    const page = await context.newPage();
    await page.goto('/');
    await waitForServiceWorker(page);
    const cdp = await context.newCDPSession(page);
    const installabilityErrors = async () =>
      ((await cdp.send('Page.getInstallabilityErrors')) as { installabilityErrors: unknown[] })
        .installabilityErrors;
    await expect.poll(installabilityErrors).toEqual([]);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
});

test('a new version is offered, waits while a form is open, and applies on request', async ({ page }) => {
  await signedIn(page);
  await waitForServiceWorker(page);
  const elderId = await firstElderId(page);
  await page.goto(`/#/elder/${elderId}/visit`);
  await page.getByLabel('备注').fill('更新前输入的内容');

  // Deploy a new version: the service worker script changes on the server.
  // The build the e2e server serves (playwright.config.ts passes the same folder to it).
  const swPath = join(process.env.TANFANG_E2E_STATIC_DIR ?? 'dist', 'sw.js');
  const original = readFileSync(swPath, 'utf8');
  // The build puts a .br and a .gz beside it, which the server sends instead: a deploy changes all three.
  const compressed = [
    { path: `${swPath}.br`, compress: (text: string) => brotliCompressSync(text) },
    { path: `${swPath}.gz`, compress: (text: string) => gzipSync(text) },
  ]
    .filter(({ path }) => existsSync(path))
    .map((file) => ({ ...file, original: readFileSync(file.path) }));
  try {
    const next = `${original}\n// new version ${Date.now()}\n`;
    writeFileSync(swPath, next);
    for (const { path, compress } of compressed) writeFileSync(path, compress(next));
    await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r?.update()));
    const banner = page.getByTestId('update-banner');
    await expect(banner).toContainText('保存当前表单后即可更新');
    await expect(banner.getByRole('button', { name: '更新' })).toBeDisabled();
    await expect(page.getByLabel('备注')).toHaveValue('更新前输入的内容');

    await page.getByRole('link', { name: /返回/ }).click();
    await banner.getByRole('button', { name: '更新' }).click();
    await expect(banner).toHaveCount(0);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  } finally {
    writeFileSync(swPath, original);
    for (const file of compressed) writeFileSync(file.path, file.original);
  }
});

test('buttons, tabs and form controls are at least 44 px tall on a 360×640 screen', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 640 });
  await signedIn(page);
  const elderId = await firstElderId(page);
  for (const screen of workerScreens(elderId).filter((address) => address !== '/#/review')) {
    await openScreen(page, screen);
    await expectTargetsFit(page, screen);
  }
});

test('a small wish and a follow-up from a visit show on the profile until fulfilled and done', async ({
  page,
}) => {
  await signedIn(page);
  const elderId = await firstElderId(page);
  await page.goto(`/#/elder/${elderId}/visit`);
  await page.getByLabel('微心愿（长者提出的小愿望）').fill('想去孙中山故居看看');
  await page.getByLabel('需要跟进').check();
  await page.getByLabel('紧急程度').selectOption('urgent');
  await page.getByLabel('跟进事项', { exact: true }).fill('联系社区安装扶手');
  await page.getByRole('button', { name: '保存探访' }).click();

  const wish = page.getByTestId('wishes').getByRole('listitem').filter({ hasText: '想去孙中山故居看看' });
  await wish.getByRole('button', { name: '标记为已实现' }).click();
  await expect(wish).toContainText('已实现');
  const followUp = page
    .getByTestId('follow-ups')
    .getByRole('listitem')
    .filter({ hasText: '联系社区安装扶手' });
  await expect(followUp).toContainText('紧急');
  // Done is said with what was done; the follow-up then shows among the closed ones.
  await followUp.getByRole('button', { name: '已跟进…' }).click();
  await followUp.getByLabel('做了什么（必填）').fill('社区已安排周五上门安装');
  await followUp.getByRole('button', { name: '确认已跟进' }).click();
  await expect(followUp).toHaveCount(0);
  await expect(page.getByTestId('follow-ups-closed')).toContainText('社区已安排周五上门安装');
  await expect(page.getByTestId('pending')).toHaveAttribute('data-count', '0');
});
