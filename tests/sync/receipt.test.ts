// The receipt of a run of "Sync now": what the device sent, received and merged in it. Asked while
// another run is going (in the app: the signal drops and comes back mid-run), it gets the run after
// that one, and its receipt covers both: the Sync screen shows the last receipt, and the changes
// the run before sent must not show there as 0 sent.
import { expect, it } from 'vitest';
import { smallWorld } from '../support/fixtures';
import { pushedRows } from './network';
import { oneDevice } from './one-device';
import type { ActionResult, SyncOutcome } from './protocol';

const world = smallWorld();
const { worker1 } = world.users;
const setup = oneDevice(world.dataset, [worker1]);
const now = new Date('2026-12-01T17:00:00.000Z');

/** A device in sync, then a visit recorded with no signal: its changes wait to be sent. */
async function visitRecordedOffline(dbName: string) {
  const connection = await setup.connect();
  await setup.open(dbName, worker1, now);
  await setup.syncOnline(now);
  await setup.device.call({ op: 'setOnline', online: false }, now);
  const recorded = await setup.device.call<ActionResult>(
    { op: 'recordVisit', elderPick: 1, schedulePick: null, uid: 1 },
    now,
  );
  if (!recorded.applied) throw new Error(recorded.reason);
  return { ...connection, changes: recorded.changes };
}

it('counts what the run going sent in the receipt of a "Sync now" asked during it', async () => {
  const { server, network, changes } = await visitRecordedOffline('receipt_joined');
  const { device } = setup;

  // The signal comes back and the device pushes on its own; the answer is held until both runs are
  // asked for, so the push lands inside the first.
  let pushHeld: () => void = () => undefined;
  const held = new Promise<void>((resolve) => {
    pushHeld = resolve;
  });
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  network.beforeAnswer = async (_device, request) => {
    if (pushedRows(request).size === 0) return;
    pushHeld();
    await released;
  };
  await device.call({ op: 'setOnline', online: true }, now);
  await held;
  const outcomes = device.call<[SyncOutcome, SyncOutcome]>({ op: 'syncTwice', timeoutMs: 20_000 }, now);
  release();
  const [first, second] = await outcomes;
  if (!first.ok || !second.ok) throw new Error('a run of "Sync now" failed');

  const visit = changes.find((c) => c.collection === 'visits');
  const stored = (await server.stored('visits')).find((v) => v.id === visit?.id);
  expect(stored?._deleted, 'the visit on the server').toBe(false);
  expect(first.receipt.sent).toBe(changes.length);
  expect(second.receipt.sent).toBe(changes.length);
  expect(second.receipt.startedAt).toBe(first.receipt.startedAt);
  expect(second.receipt.finishedAt >= first.receipt.finishedAt).toBe(true);
});

it('starts a fresh count for "Sync now" asked after the last run has finished', async () => {
  const { changes } = await visitRecordedOffline('receipt_fresh');
  const sending = await setup.syncOnline(now);
  expect(sending.receipt.sent).toBe(changes.length);

  const again = await setup.device.call<SyncOutcome>({ op: 'sync', timeoutMs: 20_000 }, now);
  if (!again.ok) throw new Error(again.error);
  expect(again.receipt.sent).toBe(0);
  expect(again.receipt.startedAt > sending.receipt.startedAt).toBe(true);
});
