// A visit recorded offline and the planned visit it closes go up in one request when the signal
// returns: the closing waits for its visit only until the visit is with the transport, and the
// server applies a request's visits before its schedules.
import { expect, it } from 'vitest';
import type { Schedule } from '../../src/domain/schemas';
import { smallWorld } from '../support/fixtures';
import { pushedRows } from './network';
import { oneDevice } from './one-device';
import type { ActionResult } from './protocol';

const world = smallWorld();
const worker1 = world.users.worker1;
const setup = oneDevice(world.dataset, [worker1]);

it('pushes a visit recorded offline and the planned visit it closes in one request, and the server keeps both', async () => {
  const { device } = setup;
  const { server, network } = await setup.connect();
  const now = new Date('2026-12-01T09:00:00.000Z');
  await setup.open('push_batch', worker1, now);
  await setup.syncOnline(now);
  await device.call({ op: 'setOnline', online: false }, now);
  const recorded = await device.call<ActionResult>(
    { op: 'recordVisit', elderPick: 0, schedulePick: 0, uid: 1 },
    now,
  );
  if (!recorded.applied) throw new Error(recorded.reason);
  const visitId = recorded.changes.find((change) => change.collection === 'visits')?.id;
  const closedId = recorded.changes.find((change) => change.collection === 'schedules')?.id;
  if (visitId === undefined || closedId === undefined) throw new Error('the visit closed no planned visit');
  network.keepRequests = true;

  await setup.syncOnline(now);

  const pushes = network.requests.filter(({ request }) => pushedRows(request).size > 0);
  expect(pushes.map(({ request }) => request.path)).toEqual(['/api/sync/push']);
  const parts = pushedRows(pushes[0]?.request ?? { method: '', path: '', body: null });
  expect(parts.get('visits')?.map((row) => row.newDocumentState.id)).toEqual([visitId]);
  expect(parts.get('schedules')?.map((row) => row.newDocumentState.id)).toEqual([closedId]);
  const closed = (await server.stored('schedules')).find((doc) => doc.id === closedId) as
    | Schedule
    | undefined;
  expect(closed).toMatchObject({ status: 'done', visitId });
  expect((await server.stored('visits')).map((doc) => doc.id)).toContain(visitId);
});
