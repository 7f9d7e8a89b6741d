// A worker leaves: the coordinator moves their whole caseload of fifty elders to another worker in
// one step, and the server and the new worker's phone follow. The fifty elders and their planned
// visits are put on the server through its API (as another office's tool would), so the test spends
// its time on the move, not on typing fifty forms.
import { type APIRequestContext, expect, test } from '@playwright/test';
import type { Elder, Schedule, User } from '../../src/domain/schemas';
import { makeElder, makeSchedule } from '../support/fixtures';
import { DEMO_PASSWORD, phoneSignIn, serverDocuments, signIn, waitForSynced } from './helpers';

const TOWN = '东区街道';
const CASELOAD = 50;

async function signInByApi(request: APIRequestContext, username: string, password: string) {
  const answer = await request.post('/api/auth/login', { data: { username, password } });
  expect(answer.status()).toBe(200);
  return (await answer.json()) as { token: string; user: User };
}

async function addWorker(request: APIRequestContext, token: string, username: string, displayName: string) {
  const answer = await request.post('/api/users', {
    headers: { Authorization: `Bearer ${token}` },
    data: { username, displayName, role: 'worker', towns: [TOWN], password: 'caseload-pass-1' },
  });
  expect(answer.status()).toBe(201);
  return ((await answer.json()) as { user: User }).user;
}

async function push(request: APIRequestContext, token: string, collection: string, rows: object[]) {
  const answer = await request.post(`/api/sync/${collection}/push`, {
    headers: { Authorization: `Bearer ${token}` },
    data: rows.map((newDocumentState) => ({ newDocumentState })),
  });
  expect(answer.status(), await answer.text()).toBe(200);
}

test('a coordinator moves a caseload of fifty to another worker, whose phone then has them', async ({
  page,
  browser,
  request,
}) => {
  const id = Date.now().toString(36);
  const { token, user: coordinator } = await signInByApi(request, 'coordinator', DEMO_PASSWORD);
  const leaving = await addWorker(request, token, `e2e.leave.${id}`, `离任社工${id}`);
  const taking = await addWorker(request, token, `e2e.take.${id}`, `接手社工${id}`);
  const stamp = { updatedAt: new Date().toISOString(), updatedBy: coordinator.id, fieldTimes: {} };
  const elders: Elder[] = Array.from({ length: CASELOAD }, (_, i) =>
    makeElder({ ...stamp, name: `个案${id}-${i}`, town: TOWN, assignedWorkerId: leaving.id }),
  );
  const schedules: Schedule[] = elders.map((elder) =>
    makeSchedule(elder, { ...stamp, plannedDate: '2026-12-28' }),
  );
  await push(request, token, 'elders', elders);
  await push(request, token, 'schedules', schedules);

  await signIn(page, 'coordinator');
  await waitForSynced(page);
  await page.getByRole('navigation').getByRole('link', { name: '管理' }).click();
  await page.getByRole('link', { name: /人员账号/ }).click();
  await page.getByRole('link', { name: new RegExp(`离任社工${id}`) }).click();
  await page.getByRole('link', { name: `负责的长者：${CASELOAD} 位 · 移交给其他社工` }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`移交个案：离任社工${id}`);
  await expect(page.getByTestId('caseload-count')).toHaveText(`负责 ${CASELOAD} 位在册长者。`);

  await page.getByLabel('转给').selectOption({ label: `接手社工${id}` });
  await expect(page.getByTestId('caseload-preview')).toContainText(
    `将把 ${CASELOAD} 位长者和他们未完成的计划探访转给 接手社工${id}。`,
  );
  await page.getByRole('button', { name: `移交 ${CASELOAD} 位长者` }).click();
  await expect(page.getByRole('status')).toContainText(`已把 ${CASELOAD} 位长者转给 接手社工${id}。`);
  await expect(page.getByTestId('caseload-count')).toHaveText('这位社工现在没有负责的在册长者。');

  // The sync bar's "sync now", then the server holds every elder and planned visit with the new worker.
  await page.getByRole('button', { name: '立即同步' }).click();
  await expect(page.getByTestId('pending')).toHaveAttribute('data-count', '0', { timeout: 30_000 });
  const ids = new Set(elders.map((elder) => elder.id));
  const onServer = serverDocuments('elders').filter((doc) => ids.has(doc.id as string));
  expect(onServer).toHaveLength(CASELOAD);
  expect(onServer.every((doc) => doc.assignedWorkerId === taking.id)).toBe(true);
  const plans = serverDocuments('schedules').filter((doc) => ids.has(doc.elderId as string));
  expect(plans).toHaveLength(CASELOAD);
  expect(plans.every((doc) => doc.workerId === taking.id)).toBe(true);

  // The new worker's phone has the fifty on its first sync.
  const phone = await phoneSignIn(browser, taking.username, 'caseload-pass-1');
  await waitForSynced(phone.page);
  await phone.page.getByRole('navigation').getByRole('link', { name: '长者' }).click();
  const list = phone.page.getByTestId('elders-results');
  await expect(list.getByText(`个案${id}-0`, { exact: true })).toBeVisible();
  await expect(list.getByText(`个案${id}-49`, { exact: true })).toBeVisible();
  await phone.context.close();
});
