// The coordinator's board at the top of Manage, against the demo data on the server: its counts are
// what src/domain/board.ts gives for the server's records (and its overdue count what Today shows),
// a worker's row narrows it to that worker, and an overdue elder opens their register profile.
import { join } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import Database from 'better-sqlite3';
import { computeBoard } from '../../src/domain/board';
import { type CadenceRules, DEFAULT_CADENCE, lastVisitDates } from '../../src/domain/cadence';
import type { Elder, Schedule, User, Visit } from '../../src/domain/schemas';
import { chooseSettings, expectTargetsFit, seriousViolations } from './checks';
import { serverDocuments, signIn, waitForServiceWorker, waitForSynced } from './helpers';

// The app counts days in Zhongshan's time (playwright.config.ts gives the browser Asia/Shanghai);
// the expectation below must count them alike.
process.env.TZ = 'Asia/Shanghai';

/** Each town's cadence as the server keeps it (null: the defaults), as an operator would read it. */
function serverCadence(): (town: string) => CadenceRules {
  const db = new Database(join(process.env.TANFANG_E2E_DATA_DIR ?? '', 'tanfang.sqlite'), { readonly: true });
  try {
    const rows = db.prepare('SELECT name, cadence FROM places').all() as {
      name: string;
      cadence: string | null;
    }[];
    const rules = new Map(
      rows.map((row) => [row.name, row.cadence ? (JSON.parse(row.cadence) as CadenceRules) : null]),
    );
    return (town) => rules.get(town) ?? DEFAULT_CADENCE;
  } finally {
    db.close();
  }
}

/** The board the server's records give the demo coordinator today, by the domain's own rules. */
function expectedBoard(filter = { town: '', community: '', worker: '' }) {
  const users = serverDocuments('users') as User[];
  const visits = serverDocuments('visits') as Visit[];
  const manager = users.find((user) => user.username === 'coordinator');
  if (!manager) throw new Error('the demo has no coordinator');
  const now = new Date();
  const today = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
  return {
    users,
    board: computeBoard({
      manager,
      elders: serverDocuments('elders') as Elder[],
      schedules: serverDocuments('schedules') as Schedule[],
      visits,
      lastVisit: lastVisitDates(visits),
      users,
      today,
      cadenceFor: serverCadence(),
      filter,
    }),
  };
}

async function openBoard(page: Page): Promise<void> {
  await page.getByRole('navigation').getByRole('link', { name: '管理' }).click();
  await expect(page.getByRole('heading', { level: 2, name: '工作概况' })).toBeVisible();
}

const total = (page: Page, key: string) => page.getByTestId(`total-${key}`);

test('the coordinator sees the board of their towns with the counts of the demo data', async ({ page }) => {
  await signIn(page, 'coordinator');
  await waitForSynced(page);
  const { board } = expectedBoard();
  // The demo always has some overdue elders (seeds/generate.ts keeps a share of each standing).
  expect(board.totals.overdue).toBeGreaterThan(0);

  // Today's list of overdue visits for the coordinator counts the same elders.
  await expect(page.getByTestId('overdue').locator('li')).toHaveCount(board.totals.overdue);

  await openBoard(page);
  await expect(total(page, 'elders')).toHaveText(String(board.totals.elders));
  await expect(total(page, 'overdue')).toHaveText(String(board.totals.overdue));
  await expect(total(page, 'due-soon')).toHaveText(String(board.totals.dueSoon));
  await expect(total(page, 'follow-ups')).toHaveText(String(board.followUps.length));
  await expect(total(page, 'no-worker')).toHaveText(String(board.noWorker.length));
  await expect(total(page, 'no-consent')).toHaveText(String(board.noConsent.length));
  for (const row of board.workers) {
    await expect(page.getByTestId('board-workers').locator(`tr[data-worker="${row.name}"] td`)).toHaveText([
      String(row.elders),
      String(row.overdue),
      String(row.dueSoon),
    ]);
  }
  for (const row of board.tiers) {
    await expect(page.getByTestId('board-tiers').locator(`tr[data-tier="${row.tier}"] td`)).toHaveText([
      String(row.elders),
      String(row.overdue),
      String(row.dueSoon),
    ]);
  }
  // The most overdue elder comes first.
  const first = board.overdue[0];
  await expect(page.getByTestId('board-overdue').locator('li').first()).toHaveAttribute(
    'data-elder-name',
    first?.elder.name ?? '',
  );
  // The hub's entries stay under the board.
  await expect(page.getByTestId('manage-hub')).toBeVisible();
});

test("a worker's row narrows the board to that worker's elders, and an overdue elder opens", async ({
  page,
}) => {
  await signIn(page, 'coordinator');
  await waitForSynced(page);
  await openBoard(page);
  const { users } = expectedBoard();
  const worker = users.find((user) => user.username === 'worker1');
  if (!worker) throw new Error('the demo has no worker1');
  const { board } = expectedBoard({ town: '', community: '', worker: worker.id });
  expect(board.totals.elders).toBeGreaterThan(0);

  await page.getByRole('button', { name: `只看 ${worker.displayName} 的长者` }).click();
  await expect(page.locator('select[name="board-worker"]')).toHaveValue(worker.id);
  await expect(page.getByTestId('board-workers').locator('tbody tr')).toHaveCount(1);
  await expect(total(page, 'elders')).toHaveText(String(board.totals.elders));
  await expect(total(page, 'overdue')).toHaveText(String(board.totals.overdue));
  // Every elder listed is theirs.
  const rows = page.getByTestId('board-overdue').locator('li');
  await expect(rows).toHaveCount(Math.min(5, board.overdue.length));
  for (const text of await rows.allInnerTexts()) expect(text).toContain(`社工：${worker.displayName}`);

  const elder = board.overdue[0]?.elder;
  if (!elder) throw new Error(`${worker.displayName} has no overdue elder in the demo`);
  await rows.first().getByRole('link').click();
  await expect(page).toHaveURL(new RegExp(`#/manage/register/${elder.id}$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`档案 · ${elder.name}`);

  // Coming back to Manage shows the whole board again.
  await openBoard(page);
  await expect(total(page, 'elders')).toHaveText(String(expectedBoard().board.totals.elders));
});

test('the board reads well in both languages at 360 px and on a desktop, with no serious violation', async ({
  page,
}) => {
  await signIn(page, 'coordinator');
  await waitForSynced(page);
  const found: string[] = [];
  for (const locale of ['zh-CN', 'en'] as const) {
    await chooseSettings(page, { locale });
    for (const width of [360, 1280]) {
      await page.setViewportSize({ width, height: 800 });
      await page.goto('/#/manage');
      await expect(page.getByTestId('board-tiers')).toBeVisible();
      found.push(...(await seriousViolations(page, `${locale} ${width}`)));
      await expectTargetsFit(page, `board ${locale} ${width}`);
    }
  }
  await expect(page.getByRole('heading', { level: 2, name: 'Overview' })).toBeVisible();
  expect(found).toEqual([]);
});

test('the board opens offline from the data on the phone', async ({ page, context }) => {
  await signIn(page, 'coordinator');
  await waitForSynced(page);
  await waitForServiceWorker(page);
  await openBoard(page);
  const { board } = expectedBoard();
  await expect(total(page, 'overdue')).toHaveText(String(board.totals.overdue));
  await context.setOffline(true);
  try {
    await page.reload();
    await expect(page.getByRole('heading', { level: 2, name: '工作概况' })).toBeVisible();
    await expect(total(page, 'elders')).toHaveText(String(board.totals.elders));
    await expect(total(page, 'overdue')).toHaveText(String(board.totals.overdue));
    await expect(page.getByTestId('board-overdue').locator('li')).toHaveCount(
      Math.min(5, board.overdue.length),
    );
  } finally {
    await context.setOffline(false);
  }
});
