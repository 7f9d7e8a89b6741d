// A push holding one record the server refuses: the others land, the refused one is set aside on the
// device with the server's reason, and the receipt counts it. The device runs the app's own code in
// a worker; the invalid record is written straight into RxDB, past the app's own checks.
import { expect, it } from 'vitest';
import type { AnyDocument, Visit } from '../../src/domain/schemas';
import { makeVisit, smallWorld } from '../support/fixtures';
import { pushedRows, refusedPushes } from './network';
import { oneDevice } from './one-device';
import type { ActionResult, DeviceSnapshot } from './protocol';

const world = smallWorld();
const worker1 = world.users.worker1;
const setup = oneDevice(world.dataset, [worker1]);

it('lands the valid records, sets the invalid one aside with the reason and counts it refused', async () => {
  const { template, device } = setup;
  const { server, network } = await setup.connect();
  network.keepRequests = true;
  const now = new Date('2026-12-01T09:00:00.000Z');
  const token = template.tokens[0] as string;
  await setup.open('set_aside', worker1, now);
  // The first sync, started on opening, has finished before the signal goes: otherwise the pushes
  // below can land in it when the signal comes back, and "Sync now" joins it as the run after.
  await setup.syncOnline(now);
  await device.call({ op: 'setOnline', online: false }, now);

  // Three visits recorded offline the app's way, and one whose town is not its elder's.
  const recorded: string[] = [];
  for (const uid of [1, 2, 3]) {
    const result = await device.call<ActionResult>(
      { op: 'recordVisit', elderPick: uid, schedulePick: null, uid },
      now,
    );
    if (!result.applied) throw new Error(result.reason);
    recorded.push(...result.changes.filter((c) => c.collection === 'visits').map((c) => c.id));
  }
  const elder = world.elders[0];
  if (!elder) throw new Error('no elder in the fixture');
  const invalid: Visit = makeVisit(elder, {
    startedAt: '2026-12-01T08:00:00.000Z',
    town: '小榄镇',
    notes: 'recorded under the wrong town',
    updatedAt: now.toISOString(),
    updatedBy: worker1.id,
  });
  await device.call({ op: 'insertRaw', collection: 'visits', doc: invalid as AnyDocument }, now);

  // What the server says about that record pushed alone (it writes nothing when it refuses).
  const alone = await server.rawPush(`Bearer ${token}`, 'visits', [
    { newDocumentState: invalid, assumedMasterState: null },
  ]);
  expect(alone?.status).toBe(400);
  const reason = JSON.parse(alone?.body ?? '{}') as { message: string; field: string };

  // Back online: "Sync now" at once, as the app does when the signal returns.
  const outcome = await setup.syncOnline(now);

  const stored = new Map((await server.stored('visits')).map((v) => [v.id, v]));
  for (const id of recorded) expect(stored.get(id)?._deleted, `visit ${id} on the server`).toBe(false);
  expect(stored.has(invalid.id)).toBe(false);

  // The invalid record went up in one batch with valid ones, which the server refused whole.
  const refusedBatch = network.requests.find(
    ({ request, answer }) =>
      refusedPushes(request, answer).includes('visits') &&
      (pushedRows(request).get('visits') ?? []).length > 1,
  );
  expect(refusedBatch, 'a refused batch of several visits').toBeDefined();
  const batchIds = (refusedBatch ? (pushedRows(refusedBatch.request).get('visits') ?? []) : []).map(
    (row) => row.newDocumentState.id,
  );
  expect(batchIds).toContain(invalid.id);

  expect(outcome.receipt.refused).toBe(1);
  // What the device sent comes back in the pull unchanged: that is not news from the server.
  expect(outcome.receipt.received).toBe(0);
  expect(outcome.receipt.sent).toBeGreaterThanOrEqual(recorded.length);

  const snapshot = await device.call<DeviceSnapshot>({ op: 'snapshot' }, now);
  expect(snapshot.setaside).toHaveLength(1);
  expect(snapshot.setaside[0]).toMatchObject({
    collectionName: 'visits',
    recordId: invalid.id,
    status: 400,
    message: reason.message,
  });
  // The reason names the field; its row index is the row's place in the batch the device sent.
  expect(String(snapshot.setaside[0]?.field)).toMatch(/^\d+\.newDocumentState\.town$/);
  expect(snapshot.setaside[0]?.doc).toEqual(invalid);
  // The device went back to the server's state of the record (it has none: a deleted copy) and
  // waits for nothing.
  const local = snapshot.visits.find((v) => v.id === invalid.id);
  expect(local === undefined || local._deleted).toBe(true);
  expect(snapshot.outbox).toEqual([]);
}, 60_000);
