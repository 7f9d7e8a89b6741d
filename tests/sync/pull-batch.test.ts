// A sync asks for every collection in one request: the app's five replications start their pulls
// together, and the transport sends what they ask within a few milliseconds as one POST.
import { expect, it } from 'vitest';
import { COLLECTIONS } from '../../src/domain/schemas';
import { smallWorld } from '../support/fixtures';
import { pulledCollections } from './network';
import { oneDevice } from './one-device';
import type { DeviceSnapshot, SyncOutcome } from './protocol';

const world = smallWorld();
const worker1 = world.users.worker1;
const setup = oneDevice(world.dataset, [worker1]);

it('pulls every collection of a first sync in one request, gets all of the worker’s records and counts them', async () => {
  const { device } = setup;
  const { network } = await setup.connect();
  network.keepRequests = true;
  const now = new Date('2026-12-01T09:00:00.000Z');
  await setup.open('pull_batch', worker1, now, { online: false });
  const outcome = await device.call<SyncOutcome>(
    { op: 'setOnline', online: true, sync: true, timeoutMs: 20_000 },
    now,
  );
  if (!outcome.ok) throw new Error(outcome.error);

  const pulls = network.requests.filter(({ request }) => pulledCollections(request).length > 0);
  const first = pulls[0];
  expect(first?.request.method).toBe('POST');
  expect(new Set(pulledCollections(first?.request ?? { method: '', path: '', body: null }))).toEqual(
    new Set(COLLECTIONS),
  );
  expect(pulls.every(({ request }) => request.method === 'POST')).toBe(true);
  const snapshot = await device.call<DeviceSnapshot>({ op: 'snapshot' }, now);
  const mine = world.dataset.visits.filter((v) =>
    world.dataset.elders.some((e) => e.id === v.elderId && e.assignedWorkerId === worker1.id),
  );
  expect(mine.length).toBeGreaterThan(0);
  // The receipt counts what came down: everything the worker may see, users included.
  const users = world.dataset.users.filter((u) => u.towns.some((town) => worker1.towns.includes(town)));
  expect(outcome.receipt.received).toBe(
    snapshot.elders.length +
      snapshot.schedules.length +
      snapshot.visits.length +
      snapshot.reviews.length +
      users.length,
  );
  expect(snapshot.visits.map((v) => v.id).sort()).toEqual(mine.map((v) => v.id).sort());
});
