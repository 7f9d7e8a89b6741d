// A visit read back from the elder's history, corrected by its author (and only by them), and its
// follow-up closed with a note of what was done, who and when.
import { expect, type Page, test } from '@playwright/test';
import { checkScreensInBothLanguages } from './checks';
import { DEMO_PASSWORD, phoneSignedIn, signIn, syncNow, waitForSynced } from './helpers';

const WORKER1 = '梁嘉敏';
const COORDINATOR = '郑晓岚';

async function firstElderId(page: Page): Promise<string> {
  const href = await page.getByTestId('elder-list').getByRole('link').first().getAttribute('href');
  const id = href?.split('/')[2];
  if (!id) throw new Error(`no elder link: ${href}`);
  return id;
}

/** Records a visit with something in every part of the form, and two volunteers with minutes. */
async function recordFullVisit(page: Page, elderId: string): Promise<string> {
  await page.goto(`/#/elder/${elderId}/visit`);
  await page.getByRole('button', { name: '已到达' }).click();
  await page.getByLabel('基本生活情况').fill('独自在家，屋内整洁');
  await page.getByLabel('跌倒').check();
  await page.getByLabel('燃气').check();
  await page.getByLabel('身体状况').fill('膝盖疼，走路慢');
  await page.getByLabel('精神与情绪').fill('情绪低落，说很久没人来');
  await page.getByLabel('助洁').check();
  await page.getByLabel('发现的需求').fill('需要助餐');
  await page.getByLabel('需要跟进').check();
  await page.locator('[name="urgency"]').selectOption('high');
  await page.locator('[name="followUpNote"]').fill('联系女儿商量助餐');
  const pick = page.getByTestId('volunteer-choices').getByRole('button').first();
  const volunteer = ((await pick.locator('strong').textContent()) ?? '').replace('＋', '').trim();
  await pick.click();
  await page.locator('[name="participant-0-minutes"]').fill('60');
  await page.getByRole('button', { name: '添加未登记的帮忙者' }).click();
  await page.locator('[name="participant-1-name"]').fill('邻居阿明');
  await page.locator('[name="participant-1-minutes"]').fill('30');
  await page.getByLabel('备注', { exact: true }).fill('下次带血压计');
  await page.getByRole('button', { name: '保存探访' }).click();
  await expect(page.getByTestId('visit-history')).toContainText('助洁');
  return volunteer;
}

test('a visit reads back in full, its author corrects it, the coordinator reads the correction and closes its follow-up', async ({
  page,
  browser,
}) => {
  // Two phones and two languages: longer than one screen's test.
  test.setTimeout(180_000);
  await signIn(page, 'worker1');
  await waitForSynced(page);
  const elderId = await firstElderId(page);
  const volunteer = await recordFullVisit(page, elderId);

  // Opened from the history: every part of the visit, in words.
  await page.getByTestId('visit-history').getByRole('link').filter({ hasText: '下次带血压计' }).click();
  const record = page.getByTestId('visit-record');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('探访记录');
  for (const text of [
    '上门走访',
    WORKER1,
    '独自在家，屋内整洁',
    '跌倒、燃气',
    '膝盖疼，走路慢',
    '情绪低落，说很久没人来',
    '助洁',
    '需要助餐',
    '需要跟进（高）',
    '联系女儿商量助餐',
    '尚未跟进',
    '下次带血压计',
  ]) {
    await expect(record).toContainText(text);
  }
  const participants = page.getByTestId('visit-participants');
  await expect(participants).toContainText(`${volunteer} · 60 分钟 · 已登记志愿者`);
  await expect(participants).toContainText('邻居阿明 · 30 分钟 · 未登记');
  await expect(participants).toContainText('合计 90 分钟');
  const visitPath = `/${new URL(page.url()).hash}`;

  // The author corrects one field; the rest stays as it was.
  await page.getByRole('link', { name: '更正记录' }).click();
  await expect(page.getByLabel('精神与情绪')).toHaveValue('情绪低落，说很久没人来');
  await expect(page.locator('[name="participant-1-minutes"]')).toHaveValue('30');
  await page.getByLabel('精神与情绪').fill('情绪平稳，愿意聊天');
  await page.getByRole('button', { name: '保存探访' }).click();
  await expect(record).toContainText('情绪平稳，愿意聊天');
  await expect(record).toContainText('跌倒、燃气');
  await expect(page.getByTestId('visit-last-changed')).toContainText(`${WORKER1} · 记录后已更正`);
  await syncNow(page);

  // The coordinator reads the corrected visit, attributed to the worker, and cannot correct it.
  const coordinator = await phoneSignedIn(browser, 'coordinator', DEMO_PASSWORD);
  const other = coordinator.page;
  await other.goto(visitPath);
  await expect(other.getByTestId('visit-record')).toContainText('情绪平稳，愿意聊天');
  await expect(other.getByTestId('visit-last-changed')).toContainText(WORKER1);
  await expect(other.getByRole('link', { name: '更正记录' })).toHaveCount(0);
  await expect(other.getByText('只有探访人本人可以更正这条记录。')).toBeVisible();

  // The coordinator closes the follow-up: not without a note of what was done.
  await other.goto(`/#/elder/${elderId}`);
  const open = other.getByTestId('follow-ups').getByRole('listitem').filter({ hasText: '联系女儿商量助餐' });
  await open.getByRole('button', { name: '已跟进…' }).click();
  await open.getByRole('button', { name: '确认已跟进' }).click();
  await expect(open.getByRole('alert')).toHaveText('请写下做了什么，再确认已跟进。');
  await open.getByRole('button', { name: '取消' }).click();
  await expect(open.getByLabel('做了什么（必填）')).toHaveCount(0);
  await open.getByRole('button', { name: '已跟进…' }).click();
  await open.getByLabel('做了什么（必填）').fill('已与女儿通话，下周起送餐');
  await open.getByRole('button', { name: '确认已跟进' }).click();
  const closed = other.getByTestId('follow-ups-closed');
  await expect(closed).toContainText('联系女儿商量助餐');
  await expect(closed).toContainText(`已跟进 · `);
  await expect(closed).toContainText(COORDINATOR);
  await expect(closed).toContainText('已与女儿通话，下周起送餐');
  await syncNow(other);
  await coordinator.context.close();

  // Back on the worker's phone: closed, with who and what, under the open ones.
  await syncNow(page);
  await page.goto(`/#/elder/${elderId}`);
  await expect(page.getByTestId('follow-ups-closed')).toContainText('已与女儿通话，下周起送餐');
  await page.goto(visitPath);
  await expect(page.getByTestId('visit-follow-up')).toContainText(COORDINATOR);
  await expect(page.getByTestId('visit-follow-up')).toContainText('已与女儿通话，下周起送餐');

  // The record and its correction form, in both languages, at both text sizes.
  const found = await checkScreensInBothLanguages(page, [visitPath, `${visitPath}/edit`]);
  expect(found).toEqual([]);
});
