// Accounts, as a coordinator manages them in the app: add a worker, the worker signs in, a new
// password ends the worker's session, a disabled account cannot sign in. Every test makes its own
// usernames, so the tests do not depend on each other's order.
import { expect, type Page, test } from '@playwright/test';
import { chooseSettings, expectTargetsFit, openScreen, seriousViolations } from './checks';
import { phoneSignIn, signIn, waitForSynced } from './helpers';

let counter = 0;
/** A username no other test (or earlier run on the same server) has used. */
function uniqueUsername(): string {
  counter += 1;
  return `e2e.${Date.now().toString(36)}.${counter}`;
}

async function coordinatorOn(page: Page, screen = '/#/manage/accounts'): Promise<void> {
  await signIn(page, 'coordinator');
  await waitForSynced(page);
  await page.goto(screen);
}

/** The row of `username` in the accounts list. */
const row = (page: Page, username: string) =>
  page.getByTestId('accounts').locator(`li[data-username="${username}"]`);

test('a coordinator adds a worker, resets the password and disables the account', async ({
  page,
  browser,
}) => {
  const username = uniqueUsername();
  await coordinatorOn(page, '/#/');
  await page.getByRole('navigation').getByRole('link', { name: '管理' }).click();
  await page.getByRole('link', { name: /人员账号/ }).click();
  await page.getByRole('link', { name: '添加账号' }).click();

  await page.getByLabel('姓名').fill('测试社工');
  await page.getByLabel('用户名', { exact: true }).fill(username);
  await page.getByLabel('东区街道').check();
  await page.getByLabel('新密码（至少 8 个字符）').fill('first-pass-1');
  await page.getByRole('button', { name: '创建账号' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('已创建账号：测试社工');

  // The new worker signs in on their own phone: nothing assigned yet, an empty Today.
  const worker = await phoneSignIn(browser, username, 'first-pass-1');
  await expect(worker.page.getByRole('heading', { level: 1, name: /今日/ })).toBeVisible();
  await waitForSynced(worker.page);
  await expect(worker.page.getByTestId('today')).toHaveAttribute('data-elders', '0');
  await expect(worker.page.getByText('今天没有到期的探访')).toBeVisible();

  // The list shows the worker with their town; their page sets a new password.
  await page.getByRole('link', { name: '回到账号列表' }).click();
  await expect(row(page, username)).toContainText('东区街道');
  await expect(row(page, username)).toContainText('社工');
  await row(page, username).getByRole('link').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('测试社工');
  await page.getByLabel('新密码（至少 8 个字符）').fill('second-pass-2');
  await page.getByRole('button', { name: '设置新密码' }).click();
  await expect(page.getByText('新密码已生效：测试社工 需要用新密码重新登录。')).toBeVisible();

  // The worker's session has ended: the next sync sends them to the sign-in form, which says why.
  await worker.page.getByRole('button', { name: '立即同步' }).click();
  await expect(worker.page.getByTestId('session-ended')).toHaveText('登录已失效，请重新登录。');
  await worker.page.getByLabel('用户名').fill(username);
  await worker.page.getByLabel('密码').fill('second-pass-2');
  await worker.page.getByRole('button', { name: '登录' }).click();
  await expect(worker.page.getByRole('heading', { level: 1, name: /今日/ })).toBeVisible();

  // Disabled, after a confirmation that says the phone is signed out at once.
  await page.getByRole('button', { name: '停用账号' }).click();
  await expect(page.getByRole('alert')).toContainText('手机上的登录会立即结束');
  await expect(page.getByRole('button', { name: '取消' })).toBeFocused();
  await page.getByRole('button', { name: '确定停用' }).click();
  await expect(page.getByTestId('account-status')).toHaveText('已停用：不能登录');
  await page.getByRole('link', { name: /返回/ }).click();
  await expect(row(page, username)).toContainText('已停用');

  // The server tells the worker's phone that the account changed, and the pull that follows is
  // refused: the phone is signed out at once. Coming back to the app syncs too, should it be needed.
  await worker.page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
  await expect(worker.page.getByTestId('session-ended')).toBeVisible();
  await worker.page.getByLabel('用户名').fill(username);
  await worker.page.getByLabel('密码').fill('second-pass-2');
  await worker.page.getByRole('button', { name: '登录' }).click();
  await expect(worker.page.getByRole('alert')).toHaveText('用户名或密码不正确');
  await expect(worker.page.getByText('账号停用后也无法登录。')).toBeVisible();
  await worker.context.close();
});

test('the add form refuses a bad username or short password before sending, and a taken username', async ({
  page,
}) => {
  await coordinatorOn(page, '/#/manage/accounts/new');
  let posted = 0;
  page.on('request', (request) => {
    if (request.method() === 'POST' && request.url().endsWith('/api/users')) posted += 1;
  });
  await page.getByLabel('姓名').fill('格式不对');
  await page.getByLabel('用户名', { exact: true }).fill('有 空格');
  await page.getByLabel('新密码（至少 8 个字符）').fill('short');
  await page.getByRole('button', { name: '创建账号' }).click();
  await expect(page.getByRole('alert')).toHaveText('请按提示修改标红的项目。');
  await expect(page.locator('#username-error')).toHaveText(
    '用户名需要 3–40 个字符，只能用英文字母、数字和“.”“_”“‑”。',
  );
  await expect(page.locator('#password-error')).toHaveText('密码至少需要 8 个字符。');
  await expect(page.locator('#towns-error')).toHaveText('请至少选一个镇街，而且只能选你负责的镇街。');
  await expect(page.getByLabel('用户名', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('用户名', { exact: true })).toBeFocused();
  expect(posted).toBe(0);

  // A username that exists: the server's 409, shown at the username.
  await page.getByLabel('用户名', { exact: true }).fill('worker1');
  await page.getByLabel('小榄镇').check();
  await page.getByLabel('新密码（至少 8 个字符）').fill('long-enough-1');
  await page.getByRole('button', { name: '创建账号' }).click();
  await expect(page.locator('#username-error')).toHaveText('这个用户名已经有人用了，请换一个。');
  expect(posted).toBe(1);
});

test('a generated password is shown once, with a copy button, and signs the worker in', async ({
  page,
  browser,
}) => {
  const username = uniqueUsername();
  await coordinatorOn(page, '/#/manage/accounts/new');
  await page.getByLabel('姓名').fill('生成密码');
  await page.getByLabel('用户名', { exact: true }).fill(username);
  await page.getByLabel('小榄镇').check();
  await page.getByLabel('自动生成').check();
  const shown = page.getByTestId('generated-password');
  await expect(shown).toHaveText(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
  await expect(page.getByText('离开这一页后就不会再显示')).toBeVisible();
  await page.getByRole('button', { name: '创建账号' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('已创建账号：生成密码');
  const password = (await shown.textContent()) ?? '';
  await expect(page.getByText('这个密码只显示这一次')).toBeVisible();

  const worker = await phoneSignIn(browser, username, password);
  await expect(worker.page.getByRole('heading', { level: 1, name: /今日/ })).toBeVisible();
  await worker.context.close();
});

test('a worker has no Manage tab, and keeps the place list on the phone', async ({ page }) => {
  await signIn(page, 'worker1');
  const tabs = page.getByRole('navigation').getByRole('link');
  await expect(tabs).toHaveText(['今日', '长者', '计划', '设置']);
  await page.goto('/#/manage/accounts');
  await expect(page.getByText('只有协调员和管理员可以管理。')).toBeVisible();
  // Fetched after the first good sync, for forms with no signal: Zhongshan's 23 towns.
  const towns = () =>
    page.evaluate(
      () =>
        (JSON.parse(localStorage.getItem('tanfang.places') ?? 'null') as { towns?: unknown[] })?.towns
          ?.length,
    );
  await expect.poll(towns).toBe(23);
});

test('offline, the accounts page says changes need a connection and shows the last list', async ({
  page,
  context,
}) => {
  await coordinatorOn(page);
  await expect(row(page, 'worker1')).toBeVisible();
  await context.setOffline(true);
  try {
    await expect(page.getByTestId('offline-note')).toHaveText('现在离线：添加和修改账号需要网络连接。');
    await expect(page.getByTestId('stale-list')).toContainText('离线时不会更新');
    const add = page.getByRole('button', { name: '添加账号' });
    await expect(add).toBeDisabled();
    await expect(add).toHaveAccessibleDescription('现在离线：添加和修改账号需要网络连接。');
    await row(page, 'worker1').getByRole('link').click();
    await expect(page.getByRole('button', { name: '保存修改' })).toBeDisabled();
    await expect(page.getByRole('button', { name: '设置新密码' })).toBeDisabled();
    await expect(page.getByRole('button', { name: '停用账号' })).toBeDisabled();
  } finally {
    await context.setOffline(false);
  }
  // Back online: the buttons work again.
  await expect(page.getByRole('button', { name: '保存修改' })).toBeEnabled();
});

test('the Manage screens have no serious accessibility violation, in both languages', async ({ page }) => {
  await coordinatorOn(page);
  const worker1 = await row(page, 'worker1').getByRole('link').getAttribute('href');
  const screens = ['/#/manage', '/#/manage/accounts', '/#/manage/accounts/new', `/${worker1}`];
  const found: string[] = [];
  for (const locale of ['zh-CN', 'en'] as const) {
    await chooseSettings(page, { locale });
    for (const screen of screens) {
      await openScreen(page, screen);
      await expect(
        page.locator('main :is(ul.list, form, [data-testid=account-status])').first(),
      ).toBeVisible();
      found.push(...(await seriousViolations(page, `${locale} ${screen}`)));
    }
    // The add form with a generated password and the form's own refusals on screen.
    await page.goto('/#/manage/accounts/new');
    await page.locator('input[name="password-kind"]').nth(1).check();
    await page.locator('button[type="submit"]').click();
    await expect(page.locator('#username-error')).toBeVisible();
    found.push(...(await seriousViolations(page, `${locale} new account, refused`)));
  }
  expect(found).toEqual([]);
});

test('the Manage screens keep 44 px targets and fit a 360 px screen, in large text too', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 640 });
  await coordinatorOn(page);
  const worker1 = await row(page, 'worker1').getByRole('link').getAttribute('href');
  for (const [locale, textSize] of [
    ['zh-CN', 'normal'],
    ['en', 'large'],
  ] as const) {
    await chooseSettings(page, { locale, textSize });
    for (const screen of ['/#/manage', '/#/manage/accounts', '/#/manage/accounts/new', `/${worker1}`]) {
      await openScreen(page, screen);
      await expect(page.locator('main :is(ul.list, form)').first()).toBeVisible();
      await expectTargetsFit(page, `${locale} ${textSize} ${screen}`);
    }
    await page.goto('/#/manage/accounts/new');
    await page.locator('input[name="password-kind"]').nth(1).check();
    await expect(page.getByTestId('generated-password')).toBeVisible();
    await expectTargetsFit(page, `${locale} ${textSize} generated password`);
  }
});
