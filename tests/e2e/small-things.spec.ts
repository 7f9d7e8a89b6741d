// The smaller things a worker trips over (issue 19, point 10): one order of elders, a search that
// finds nothing says how to widen it, filters that survive a reload, lists and tabs in English, a
// visit mode that does not break inside the word, and a word that the visit was saved.
import { expect, type Page, test } from '@playwright/test';
import { chooseSettings } from './checks';
import { serverDocuments, signIn, waitForSynced } from './helpers';

test.use({ viewport: { width: 360, height: 780 } });

async function namesIn(page: Page, testId: string): Promise<string[]> {
  return page.getByTestId(testId).locator('li strong').allTextContents();
}

test("Today's elders are in the elder list's order", async ({ page }) => {
  await signIn(page, 'worker1');
  await waitForSynced(page);
  await expect(page.getByTestId('elder-list').locator('li').first()).toBeVisible();
  const today = await namesIn(page, 'elder-list');
  await page.goto('/#/elders');
  await expect(page.getByTestId('elders-results').locator('li').first()).toBeVisible();
  const list = await namesIn(page, 'elders-results');
  expect(today.length).toBeGreaterThan(1);
  // The same order: the elder list may also hold elders Today leaves out (an archived one, which a
  // spec before this one may have made), so Today's names are compared with theirs in that list.
  const onToday = new Set(today);
  expect(today).toEqual(list.filter((name) => onToday.has(name)).slice(0, today.length));
});

test('a search that finds nobody says how to widen it, and the filters survive a reload', async ({
  page,
}) => {
  await signIn(page, 'worker1');
  await page.goto('/#/elders');
  await page.locator('[name="tier"]').selectOption('high');
  await page.locator('[name="search"]').fill('没有这个人');
  await expect(page.getByTestId('no-match')).toContainText('试试少输几个字');
  await page.reload();
  await expect(page.locator('[name="tier"]')).toHaveValue('high');
  await expect(page.locator('[name="search"]')).toHaveValue('没有这个人');
});

test('in English, an elder’s categories use a comma and the tabs do not touch', async ({ page }) => {
  await signIn(page, 'worker1');
  await waitForSynced(page);
  const worker = serverDocuments('users').find((u) => u.username === 'worker1');
  const elder = serverDocuments('elders').find(
    (e) => e.assignedWorkerId === worker?.id && Array.isArray(e.categories) && e.categories.length > 1,
  );
  await chooseSettings(page, { locale: 'en' });
  await page.goto(`/#/elder/${elder?.id}`);
  await expect(page.getByTestId('elder-categories')).toContainText(', ');
  await expect(page.getByTestId('elder-categories')).not.toContainText('、');
  // The text of each tab, not its box: two labels closer than 8 px read as one word.
  const gaps = await page.evaluate(() => {
    const boxes = [...document.querySelectorAll('.tabbar a')].map((a) => {
      const range = document.createRange();
      range.selectNodeContents(a);
      const rects = [...range.getClientRects()];
      return {
        left: Math.min(...rects.map((r) => r.left)),
        right: Math.max(...rects.map((r) => r.right)),
        lines: rects.length,
      };
    });
    return boxes.slice(1).map((box, i) => ({ gap: box.left - (boxes[i]?.right ?? 0), lines: box.lines }));
  });
  for (const { gap, lines } of gaps) {
    expect(gap).toBeGreaterThanOrEqual(8);
    expect(lines).toBe(1);
  }
});

test('saving a visit says so, and the history shows its mode unbroken', async ({ page }) => {
  await signIn(page, 'worker1');
  await waitForSynced(page);
  const worker = serverDocuments('users').find((u) => u.username === 'worker1');
  const elder = serverDocuments('elders').find((e) => e.assignedWorkerId === worker?.id);
  await page.goto(`/#/elder/${elder?.id}/visit`);
  await page.getByLabel('上门走访').check();
  await page.getByLabel('基本生活情况').fill('独居，饮食正常');
  await page.getByRole('button', { name: '保存探访' }).click();
  await expect(page.getByTestId('flash')).toHaveText('探访记录已保存。');
  const mode = page.getByTestId('visit-history').locator('li .nowrap').first();
  await expect(mode).toHaveText('上门走访');
  const lines = await mode.evaluate((el) => {
    const range = document.createRange();
    range.selectNodeContents(el);
    return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
  });
  expect(lines).toBe(1);
  // Shown once: opening the profile again does not say it again.
  await page.reload();
  await expect(page.getByTestId('visit-history')).toBeVisible();
  await expect(page.getByTestId('flash')).toHaveCount(0);
});
