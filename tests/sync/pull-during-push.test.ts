// Another device changes a record while this device's own push of it is on its way back: the pull
// that brings the newer copy lands before the push's answer. RxDB skips that copy, as the device's
// change is not confirmed yet, and the push's answer is older than it. The device must still end
// with the server's copy (src/app/sync/pullRewind.ts). The sync property found this on CI (seed
// 20261129, run 35): a deletion that lost its conflict to an edit, while a second edit was pulled.
import { expect, it } from 'vitest';
import type { Schedule } from '../../src/domain/schemas';
import { smallWorld } from '../support/fixtures';
import { pulledCollections, pushedRows } from './network';
import { oneDevice } from './one-device';
import { otherDeviceWrites } from './other-device';
import type { ActionResult, DeviceCommand, DeviceSnapshot, HttpRequestMessage } from './protocol';

const world = smallWorld();
const { worker1 } = world.users;
const setup = oneDevice(world.dataset, [worker1]);

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = () => {};
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

const pullsSchedules = (request: HttpRequestMessage) => pulledCollections(request).includes('schedules');

interface Case {
  name: string;
  /** What the device does to the schedule offline. */
  change: (pick: number) => DeviceCommand;
  /** The other device moves the planned date before this device comes online: this device's push then conflicts. */
  editFirst: boolean;
  /** The answer to the device's next request after the push's (the pull again) is lost. */
  loseNextAnswer?: boolean;
  /** The app is closed and opened again while the page is being pulled again. */
  restartWhilePullingAgain?: boolean;
}

const appendToNote: Case['change'] = (pick) => ({
  op: 'edit',
  collection: 'schedules',
  field: 'note',
  pick,
  uid: 1,
  mode: 'append',
});

const cases: Case[] = [
  {
    name: 'an accepted edit',
    change: appendToNote,
    editFirst: false,
  },
  {
    name: 'an accepted edit, the next pull losing its answer',
    change: appendToNote,
    editFirst: false,
    loseNextAnswer: true,
  },
  {
    name: 'an accepted edit, the app closed while the page is pulled again',
    change: appendToNote,
    editFirst: false,
    restartWhilePullingAgain: true,
  },
  {
    // The merge keeps the server's copy, so the device pushes nothing more: the CI failure's shape.
    name: 'an edit that loses its conflict to a later edit',
    change: (pick) => ({
      op: 'edit',
      collection: 'schedules',
      field: 'plannedDate',
      pick,
      uid: 1,
      mode: 'replace',
    }),
    editFirst: true,
  },
  {
    name: 'a deletion that loses its conflict to an edit',
    change: (pick) => ({ op: 'delete', collection: 'schedules', pick }),
    editFirst: true,
  },
];

it.each(cases)(
  "ends with the server's newer copy of a record pulled while its push ($name) was being answered",
  async ({ change, editFirst, loseNextAnswer, restartWhilePullingAgain }) => {
    const { template, device } = setup;
    const { server, network } = await setup.connect();
    const morning = new Date('2026-12-01T09:00:00.000Z');
    const at = (minutes: number) => new Date(morning.getTime() + minutes * 60_000);
    await setup.open('pull_during_push', worker1, morning);
    await device.call({ op: 'setOnline', online: false }, morning);
    const changed = await device.call<ActionResult>(change(0), at(1));
    if (!changed.applied) throw new Error(changed.reason);
    const id = changed.changes.find((c) => c.collection === 'schedules')?.id;
    if (id === undefined) throw new Error('the change names no schedule');
    // Opened again while offline: after a start RxDB pushes and pulls side by side.
    await device.call({ op: 'restart' }, at(2));
    if (editFirst)
      await otherDeviceWrites(server, template.tokens[0] as string, id, { plannedDate: '2026-12-09' }, at(3));

    // Coming online, the device pushes and pulls side by side. The push reaches the server first
    // and its answer is held; the other device edits again; then the pull goes through, and its page
    // (holding that edit) is dealt with on the device before the push's answer comes back.
    const pushAnswered = deferred();
    const releasePush = deferred();
    const releasePull = deferred();
    let pushHeld = false;
    network.beforeDeliver = async (_device, request) => {
      if (pullsSchedules(request)) await releasePull.promise;
    };
    network.beforeAnswer = async (_device, request, answer) => {
      if (pushHeld || answer.failed) return;
      const schedules = pushedRows(request).get('schedules') ?? [];
      if (!schedules.some((row) => row.newDocumentState.id === id)) return;
      pushHeld = true;
      pushAnswered.resolve();
      await releasePush.promise;
    };
    await device.call({ op: 'setOnline', online: true }, at(4));
    await pushAnswered.promise;
    await otherDeviceWrites(
      server,
      template.tokens[0] as string,
      id,
      { note: 'second edit on the tablet' },
      at(5),
    );
    releasePull.resolve();
    await device.call({ op: 'awaitPulls' }, at(5));
    if (loseNextAnswer) network.addFaults('A', [{ kind: 'lose-response' }]);
    if (restartWhilePullingAgain) {
      const pullingAgain = deferred();
      const releasePullAgain = deferred();
      network.beforeDeliver = async (_device, request) => {
        if (!pullsSchedules(request)) return;
        pullingAgain.resolve();
        await releasePullAgain.promise;
      };
      releasePush.resolve();
      await pullingAgain.promise;
      const restarted = device.call({ op: 'restart' }, at(6));
      releasePullAgain.resolve();
      await restarted;
    } else releasePush.resolve();

    await setup.settle(at(6));
    const onServer = (await server.stored('schedules')).find((s) => s.id === id) as Schedule;
    expect(onServer.note).toBe('second edit on the tablet');
    const snapshot = await device.call<DeviceSnapshot>({ op: 'snapshot' }, at(6));
    expect(snapshot.schedules.find((s) => s.id === id)).toEqual(onServer);
  },
  60_000,
);
