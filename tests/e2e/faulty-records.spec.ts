// A record the app cannot read (from a faulty device or an older server) never takes the app down:
// a review entry whose value is not JSON is shown as it is, and a screen that fails on a record
// says so in the person's language while the other screens go on working.
import { expect, type Page, test } from '@playwright/test';
import { signIn, waitForSynced } from './helpers';

interface PulledPage {
  documents: Array<Record<string, unknown>>;
}

/** Adds a review entry about the worker's first elder to the first pull, as a faulty device made it. */
async function pullsWithReview(page: Page, sides: (at: string) => { kept: object; other: object }) {
  let added = false;
  await page.route('**/api/sync/pull', async (route) => {
    // The first pull, which asks for every collection from the start, is small enough to go as
    // plain JSON; later ones (gzipped once over 1 KB) go on untouched.
    if (added) return route.continue();
    const response = await route.fetch();
    const body = (await response.json()) as { pulls: PulledPage[] };
    const asked = JSON.parse(route.request().postData() ?? '{}') as { pulls: { collection: string }[] };
    const elders = body.pulls[asked.pulls.findIndex((part) => part.collection === 'elders')];
    const reviews = body.pulls[asked.pulls.findIndex((part) => part.collection === 'reviews')];
    const elder = elders?.documents[0];
    if (!added && elder && reviews) {
      added = true;
      const at = new Date().toISOString();
      reviews.documents.push({
        id: '0190c7e2-7c6b-7000-8000-00000000f00d',
        collectionName: 'elders',
        recordId: elder.id,
        elderId: elder.id,
        town: elder.town,
        field: 'phone',
        ...sides(at),
        status: 'open',
        resolution: null,
        reviewedBy: null,
        updatedAt: at,
        updatedBy: elder.assignedWorkerId,
        _deleted: false,
      });
    }
    await route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(body) });
  });
}

test('a review entry whose value is not JSON is listed with the value as it is', async ({ page }) => {
  await pullsWithReview(page, (at) => ({
    kept: { value: 'not json {', by: '0190c7e2-7c6b-7000-8000-000000000001', at },
    other: { value: '"13800000000"', by: '0190c7e2-7c6b-7000-8000-000000000001', at },
  }));
  await signIn(page, 'worker1');
  await waitForSynced(page);
  await page.goto('/#/review');
  await expect(page.getByText('not json {').first()).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: '页面出错' })).toHaveCount(0);
});

test('a screen that fails on a record says so, and the other screens go on working', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await pullsWithReview(page, () => ({
    kept: { value: '"1"', by: '0190c7e2-7c6b-7000-8000-000000000001', at: 'not a time' },
    other: { value: '"2"', by: '0190c7e2-7c6b-7000-8000-000000000001', at: 'not a time' },
  }));
  await signIn(page, 'worker1');
  await waitForSynced(page);
  await page.goto('/#/review');
  await expect(page.getByRole('heading', { level: 1, name: '页面出错' })).toBeVisible();
  await expect(page.getByText(/其他页面照常可用/)).toBeVisible();
  await page.getByRole('link', { name: '今日', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: /今日/ })).toBeVisible();
  await expect(page.getByTestId('elder-list')).toBeVisible();
  await page.getByRole('link', { name: '长者', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: '页面出错' })).toHaveCount(0);
  expect(errors).toEqual([]);
});
