// "Last sync" on the phone: the last moment the device and the server agreed, whatever brought them
// together (a pull the server's stream asked for, a change pushed as it was made), not only the
// last run of "Sync now". A change still waiting for the signal is not a sync.
import { expect, it } from 'vitest';
import { smallWorld } from '../support/fixtures';
import type { FaultyNetwork } from './network';
import { oneDevice } from './one-device';
import { otherDeviceWrites } from './other-device';
import type { ActionResult, DeviceSnapshot, SyncOutcome } from './protocol';

const world = smallWorld();
const { worker1 } = world.users;
const setup = oneDevice(world.dataset, [worker1]);

async function openDevice(dbName: string, now: Date): Promise<DeviceSnapshot> {
  const { device } = setup;
  await setup.open(dbName, worker1, now);
  // The first sync, run as the app starts, is over by the time "Sync now" answers.
  const synced = await device.call<SyncOutcome>({ op: 'sync', timeoutMs: 10_000 }, now);
  if (!synced.ok) throw new Error(synced.error);
  return device.call<DeviceSnapshot>({ op: 'snapshot' }, now);
}

async function settledSnapshot(now: Date): Promise<DeviceSnapshot> {
  await setup.settle(now);
  return setup.device.call<DeviceSnapshot>({ op: 'snapshot' }, now);
}

/** Resolves once the device has tried to send `count` requests with no connection. */
function failedAttempts(network: FaultyNetwork, count: number): Promise<void> {
  let seen = 0;
  return new Promise((resolve) => {
    network.onRequest = (device) => {
      if (network.down.has(device) && ++seen >= count) resolve();
    };
  });
}

it('dates the last sync when a pull the server asked for has landed', async () => {
  const { server } = await setup.connect();
  const now = new Date('2026-12-01T09:00:00.000Z');
  const opened = await openDevice('last_synced_pull', now);
  expect(opened.lastSyncedAt).not.toBeNull();
  const schedule = opened.schedules[0];
  if (!schedule) throw new Error('the device has no schedule');

  await otherDeviceWrites(
    server,
    setup.template.tokens[0] as string,
    schedule.id,
    { note: 'from the tablet' },
    now,
  );
  expect(await setup.device.call<boolean>({ op: 'poke' }, now)).toBe(true);
  const after = await settledSnapshot(now);

  expect(after.schedules.find((s) => s.id === schedule.id)?.note).toBe('from the tablet');
  expect(String(after.lastSyncedAt) > String(opened.lastSyncedAt)).toBe(true);
});

it('does not date a sync while a change waits for the signal, and does once it is up', async () => {
  const { server, network } = await setup.connect();
  const now = new Date('2026-12-01T09:00:00.000Z');
  const opened = await openDevice('last_synced_push', now);

  // The signal goes while the phone still thinks it is online: the push fails and is tried again.
  network.down.add('A');
  const attempts = failedAttempts(network, 3);
  const edited = await setup.device.call<ActionResult>(
    { op: 'edit', collection: 'schedules', field: 'note', pick: 0, uid: 7, mode: 'append' },
    now,
  );
  if (!edited.applied) throw new Error(edited.reason);
  await attempts;
  const waiting = await setup.device.call<DeviceSnapshot>({ op: 'snapshot' }, now);
  expect(waiting.outbox).toHaveLength(1);
  expect(waiting.lastSyncedAt).toBe(opened.lastSyncedAt);

  network.down.delete('A');
  const after = await settledSnapshot(now);
  expect(after.outbox).toEqual([]);
  const id = edited.changes.find((c) => c.collection === 'schedules')?.id;
  const onServer = (await server.stored('schedules')).find((s) => s.id === id);
  expect(after.schedules.find((s) => s.id === id)).toEqual(onServer);
  expect(String(after.lastSyncedAt) > String(opened.lastSyncedAt)).toBe(true);
});
