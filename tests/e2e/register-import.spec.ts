// A coordinator imports an office's register from a spreadsheet: 200 rows, three of them wrong. The
// preview names the three rows and why; the other 197 go in together, are on the register, and reach
// the server. The sheet is made here with the same library the app's template uses; names carry a
// stamp of the run, so the test depends on no other.
import { expect, test } from '@playwright/test';
import writeXlsxFile from 'write-excel-file/node';
import { IMPORT_COLUMN_KEYS, IMPORT_COLUMNS, type ImportColumn } from '../../src/domain/registerImport';
import { checkScreensInBothLanguages, openScreen } from './checks';
import { serverDocuments, signIn, waitForServiceWorker, waitForSynced } from './helpers';

const ROWS = 200;
const TOWN = '东区街道';
const COMMUNITIES = ['竹苑社区', '起湾社区'];

/** Row `i` of the sheet (sheet row i + 2): a good elder, or one of the three wrong ones. */
function row(stamp: string, i: number): Record<ImportColumn, string> {
  const good: Record<ImportColumn, string> = {
    name: `导入${stamp}-${i}`,
    gender: i % 2 === 0 ? '女' : '男',
    birthDate: `19${30 + (i % 30)}-0${1 + (i % 9)}-1${i % 10}`,
    town: TOWN,
    community: COMMUNITIES[i % 2] ?? '',
    address: `中山市东区竹苑路 ${i + 1} 号`,
    phone: `138${String(i).padStart(8, '0')}`,
    categories: i % 3 === 0 ? '独居、高龄' : '空巢',
    riskTier: ['高风险', '重点', '一般'][i % 3] ?? '一般',
    capability: '未评估',
    consentGiven: i % 4 === 0 ? '否' : '是',
    consentDate: i % 4 === 0 ? '' : '2026-01-05',
    worker: i % 2 === 0 ? 'worker1' : 'worker2',
    registeredOn: '2025-06-01',
    livingSituation: '',
    health: '',
    notes: '',
    contactName: '',
    contactRelation: '',
    contactPhone: '',
  };
  if (i === 10) return { ...good, gender: '未知' };
  if (i === 99) return { ...good, birthDate: '1940-02-30' };
  if (i === 150) return { ...good, worker: 'worker3' };
  return good;
}

async function spreadsheet(stamp: string): Promise<Buffer> {
  const header = IMPORT_COLUMN_KEYS.map((key) => IMPORT_COLUMNS[key].header);
  const rows = Array.from({ length: ROWS }, (_, i) => {
    const cells = row(stamp, i);
    return IMPORT_COLUMN_KEYS.map((key) => cells[key]);
  });
  return writeXlsxFile([header, ...rows]).toBuffer();
}

test('a coordinator imports 200 rows, sees the three bad ones named with their reasons, and the 197 others sync', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const stamp = Date.now().toString(36);
  await signIn(page, 'coordinator');
  await waitForSynced(page);

  await page.getByRole('navigation').getByRole('link', { name: '管理' }).click();
  await page.getByRole('link', { name: /长者登记/ }).click();
  await page.getByRole('link', { name: '从表格导入' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('从表格导入长者');

  // The template downloads as an XLSX.
  const [template] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: '下载模板（.xlsx）' }).click(),
  ]);
  expect(template.suggestedFilename()).toBe('长者登记导入模板.xlsx');

  await page.getByLabel('选择文件（.xlsx 或 .csv）').setInputFiles({
    name: `register-${stamp}.xlsx`,
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: await spreadsheet(stamp),
  });
  await expect(page.getByTestId('import-summary')).toHaveText('可导入 197 位长者，退回 3 行。');
  const refused = page.getByTestId('refused-rows').locator(':scope > li');
  await expect(refused).toHaveCount(3);
  await expect(refused.nth(0)).toContainText(`第 12 行 · 导入${stamp}-10`);
  await expect(refused.nth(0)).toContainText('性别“未知”应为 女 或 男');
  await expect(refused.nth(1)).toContainText(`第 101 行 · 导入${stamp}-99`);
  await expect(refused.nth(1)).toContainText('出生日期“1940-02-30”不是日期');
  await expect(refused.nth(2)).toContainText(`第 152 行 · 导入${stamp}-150`);
  await expect(refused.nth(2)).toContainText('负责社工“worker3”不是该镇街在用的社工');

  await page.getByRole('button', { name: '导入 197 位长者' }).click();
  await expect(page.getByTestId('import-done')).toHaveText(/^已导入 197 位长者，安排了 \d+ 次探访。$/);

  // On the register at once, from the device.
  await page.getByRole('link', { name: '回到长者登记' }).first().click();
  await page.getByLabel('查找').fill(`导入${stamp}`);
  await expect(page.getByTestId('register-count')).toHaveText('显示 50 / 197 位长者');

  // And on the server once synced.
  await expect(page.getByTestId('pending')).toHaveAttribute('data-count', '0', { timeout: 60_000 });
  await expect
    .poll(() => serverDocuments('elders').filter((e) => String(e.name).startsWith(`导入${stamp}-`)).length)
    .toBe(197);
  const onServer = serverDocuments('elders').filter((e) => e.name === `导入${stamp}-0`);
  expect(onServer).toEqual([
    expect.objectContaining({
      town: TOWN,
      community: '竹苑社区',
      riskTier: 'high',
      registeredOn: '2025-06-01',
    }),
  ]);
});

test('the import screen with its preview of a refused row passes the accessibility and 44 px checks, in both languages', async ({
  page,
}) => {
  await page.setViewportSize({ width: 360, height: 640 });
  await signIn(page, 'coordinator');
  await waitForSynced(page);
  // The preview holds the whole screen (steps, buttons, the file input) and the refused row.
  const found = await checkScreensInBothLanguages(page, [], {
    label: 'import preview',
    show: async () => {
      await openScreen(page, '/#/manage/register/import');
      await page.locator('input[type="file"]').setInputFiles({
        name: 'refused.xlsx',
        mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        buffer: await writeXlsxFile([
          IMPORT_COLUMN_KEYS.map((key) => IMPORT_COLUMNS[key].header),
          IMPORT_COLUMN_KEYS.map((key) => row(`a11y${Date.now().toString(36)}`, 10)[key]),
        ]).toBuffer(),
      });
      await expect(page.getByTestId('refused-rows').locator(':scope > li')).toHaveCount(1);
    },
  });
  expect(found).toEqual([]);
});

test('with no signal, an import is written on the phone and reaches the server once back online', async ({
  page,
  context,
}) => {
  const stamp = Date.now().toString(36);
  await signIn(page, 'coordinator');
  await waitForSynced(page);
  await waitForServiceWorker(page);
  await context.setOffline(true);
  // Opened afresh with no network: the screen and its spreadsheet reader come from the phone.
  await page.goto('/#/manage/register/import');
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('从表格导入长者');
  const rows = [0, 1, 2].map((i) => row(`${stamp}off`, i));
  await page.getByLabel('选择文件（.xlsx 或 .csv）').setInputFiles({
    name: 'offline.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: await writeXlsxFile([
      IMPORT_COLUMN_KEYS.map((key) => IMPORT_COLUMNS[key].header),
      ...rows.map((cells) => IMPORT_COLUMN_KEYS.map((key) => cells[key])),
    ]).toBuffer(),
  });
  await page.getByRole('button', { name: '导入 3 位长者' }).click();
  await expect(page.getByTestId('import-done')).toContainText('已导入 3 位长者');
  await expect(page.getByTestId('pending')).not.toHaveAttribute('data-count', '0');
  expect(serverDocuments('elders').filter((e) => String(e.name).startsWith(`导入${stamp}off-`))).toEqual([]);

  await context.setOffline(false);
  await expect(page.getByTestId('pending')).toHaveAttribute('data-count', '0', { timeout: 60_000 });
  await expect
    .poll(() => serverDocuments('elders').filter((e) => String(e.name).startsWith(`导入${stamp}off-`)).length)
    .toBe(3);
});
