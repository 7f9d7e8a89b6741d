// A device that cannot reach the server spares its battery: with the connection down (the phone
// still believes it is online) it tries again later after each failure, goes at once on "Sync now",
// and starts from the first wait again once a request got through; with no network at all it sends
// nothing, and syncs what waited when the browser says the signal is back.
import { expect, it } from 'vitest';
import { smallWorld } from '../support/fixtures';
import { pulledCollections, pushedRows } from './network';
import { oneDevice } from './one-device';
import type { ActionResult, SyncOutcome } from './protocol';

const world = smallWorld();
const { worker1 } = world.users;
const setup = oneDevice(world.dataset, [worker1]);
const now = new Date('2026-12-01T17:00:00.000Z');

/** The first wait: each failure in a row doubles it (with up to half taken off at random). */
const FIRST_MS = 100;
/** The shortest the wait after `failures` failures in a row can be. */
const shortestWait = (failures: number) => (FIRST_MS * 2 ** (failures - 1)) / 2;

it('tries again later after each failure, at once on "Sync now", and from the first wait after a success', async () => {
  const { device } = setup;
  const { network } = await setup.connect();
  await setup.open('backoff_down', worker1, now, { retryTimeMs: FIRST_MS });
  await setup.settle(now);

  // When each request of the device reached the network, and a wait for the n-th.
  const tries: number[] = [];
  let waiting: { count: number; reached: () => void } | undefined;
  network.onRequest = () => {
    tries.push(performance.now());
    if (waiting !== undefined && tries.length >= waiting.count) waiting.reached();
  };
  const tried = (count: number) =>
    new Promise<void>((reached) => {
      waiting = { count, reached };
      if (tries.length >= count) reached();
    });

  // The signal is gone and the phone does not know: the server announces a change, and every
  // pull the device tries fails. Each try goes in one request for all collections.
  network.down.add('A');
  await device.call({ op: 'poke' }, now);
  await tried(6);
  const gaps = tries.slice(1).map((at, i) => at - (tries[i] as number));
  for (const [i, gap] of gaps.entries()) expect(gap).toBeGreaterThanOrEqual(shortestWait(i + 1) - 5);

  // The signal is back and the worker asks for "Sync now" (the sixth try's failure perhaps still on
  // its way back): the device goes at once, not after the wait the sixth failure set (at least 1.6 s).
  network.down.delete('A');
  const asked = performance.now();
  const synced = await device.call<SyncOutcome>({ op: 'sync', timeoutMs: 20_000 }, now);
  expect(synced.ok).toBe(true);
  expect((tries[6] as number) - asked).toBeLessThan(shortestWait(6));
  await setup.settle(now);

  // The next failure waits the first wait again, not the seventh (at least 3.2 s).
  const triesBefore = tries.length;
  network.down.add('A');
  await device.call({ op: 'poke' }, now);
  await tried(triesBefore + 2);
  expect((tries[triesBefore + 1] as number) - (tries[triesBefore] as number)).toBeLessThan(shortestWait(6));
  network.down.delete('A');
});

it('sends nothing while the device is offline, and sends what waited when the signal is back', async () => {
  const { device } = setup;
  const { server } = await setup.connect();
  await setup.open('backoff_offline', worker1, now);
  await setup.settle(now);
  await device.call({ op: 'setOnline', online: false }, now);
  const recorded = await device.call<ActionResult>(
    { op: 'recordVisit', elderPick: 0, schedulePick: null, uid: 1 },
    now,
  );
  if (!recorded.applied) throw new Error(recorded.reason);
  const visitId = recorded.changes.find((change) => change.collection === 'visits')?.id as string;

  // Half a second without a network: at a fixed 10 ms between tries, fifty tries.
  const before = await device.call<number>({ op: 'requestsTried' }, now);
  await new Promise((resolve) => setTimeout(resolve, 500));
  expect(await device.call<number>({ op: 'requestsTried' }, now)).toBe(before);

  // The browser's `online` event: the app syncs by itself.
  await device.call({ op: 'setOnline', online: true }, now);
  await setup.settle(now);
  expect(await server.storedRow('visits', visitId)).toBeDefined();
});

it('succeeds in a "Sync now" asked while a request sent before it was failing, by sending it again at once', async () => {
  const { device } = setup;
  const { server, network } = await setup.connect();
  await setup.open('backoff_stale', worker1, now);
  await setup.settle(now);

  // A visit recorded with the signal about to go: its push is lost on the way, and the device only
  // learns so later (its answer is held here until "Sync now" has been asked).
  network.addFaults('A', [{ kind: 'lose-request' }]);
  let releaseLost: () => void = () => undefined;
  const lostHeld = new Promise<void>((held) => {
    network.beforeAnswer = async (_device, request, answer) => {
      if (!answer.failed || pushedRows(request).size === 0) return;
      held();
      await new Promise<void>((release) => {
        releaseLost = release;
      });
    };
  });
  const recorded = await device.call<ActionResult>(
    { op: 'recordVisit', elderPick: 0, schedulePick: null, uid: 1 },
    now,
  );
  if (!recorded.applied) throw new Error(recorded.reason);
  const visitId = recorded.changes.find((change) => change.collection === 'visits')?.id as string;
  await lostHeld;

  // "Sync now": its pulls show it was asked; then the push sent before it fails.
  const pulled = new Promise<void>((seen) => {
    network.onRequest = (_device, request) => {
      if (pulledCollections(request).length > 0) seen();
    };
  });
  const outcome = device.call<SyncOutcome>({ op: 'sync', timeoutMs: 20_000 }, now);
  await pulled;
  releaseLost();
  const synced = await outcome;
  expect(synced.ok ? 'ok' : synced.error).toBe('ok');
  expect(await server.storedRow('visits', visitId)).toBeDefined();
});
