// A round of visits for a group on one day (a heat wave): the coordinator plans it for the elders of
// a community, each elder once, and the planned visits reach the server for each elder's own worker.
import { expect, test } from '@playwright/test';
import { serverDocuments, signIn, waitForSynced } from './helpers';

test('a coordinator plans a heat-wave round for a community, each elder once, for their own worker', async ({
  page,
}) => {
  // A day of its own, years ahead, so runs of this test never meet each other's rounds.
  const day = new Date(Date.UTC(2030 + (Date.now() % 60), 6, 15)).toISOString().slice(0, 10);
  const elders = serverDocuments('elders').filter(
    (e) => e.town === '东区街道' && e.community === '竹苑社区' && e.archivedOn == null && !e._deleted,
  );
  expect(elders.length).toBeGreaterThan(0);

  await signIn(page, 'coordinator');
  await waitForSynced(page);
  await page.getByRole('navigation').getByRole('link', { name: '管理' }).click();
  await page.getByRole('link', { name: /节日和极端天气探访/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('安排一轮探访');

  await page.getByLabel('极端天气探访').check();
  await page.getByLabel('日期').fill(day);
  await page.getByLabel('镇街').selectOption('东区街道');
  await page.getByLabel('社区').selectOption('竹苑社区');
  await expect(page.getByTestId('round-reach')).toHaveText(`符合条件的在册长者：${elders.length} 位。`);
  await page.getByRole('button', { name: `为 ${elders.length} 位长者安排探访` }).click();
  await expect(page.getByRole('status')).toContainText(`已为 ${elders.length} 位长者安排了`);

  // Pressed again: nobody is planned twice.
  await page.getByRole('button', { name: `为 ${elders.length} 位长者安排探访` }).click();
  await expect(page.getByRole('status')).toContainText(`已为 0 位长者安排了`);
  await expect(page.getByRole('status')).toContainText(`另有 ${elders.length} 位那天已经排过`);

  await page.getByRole('button', { name: '立即同步' }).click();
  await expect(page.getByTestId('pending')).toHaveAttribute('data-count', '0');
  const round = serverDocuments('schedules').filter((s) => s.plannedDate === day);
  expect(round).toHaveLength(elders.length);
  const workerOf = new Map(elders.map((e) => [e.id, e.assignedWorkerId]));
  for (const schedule of round) {
    expect(schedule).toMatchObject({ kind: 'extreme_weather', status: 'planned' });
    expect(schedule.workerId).toBe(workerOf.get(schedule.elderId as string));
  }
});
