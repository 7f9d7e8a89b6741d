// Reassignment seen from the former worker's device: while it is offline, a coordinator moves one
// of its elders to another worker. On its next sync the visit it recorded before the move still
// lands (its own, with its name on it), the elder's records leave the device without a single
// deletion going up, and its edit of the elder record, which it may no longer make, is set aside
// with the server's reason rather than dropped.
import { expect, it } from 'vitest';
import type { Elder } from '../../src/domain/schemas';
import { smallWorld } from '../support/fixtures';
import type { TestServer } from '../support/server';
import { oneDevice } from './one-device';
import type { ActionResult, DeviceSnapshot } from './protocol';

const world = smallWorld();
const { worker1, worker2, coordinator } = world.users;
const setup = oneDevice(world.dataset, [worker1, coordinator, worker2]);

const bearer = (index: number) => `Bearer ${setup.template.tokens[index] as string}`;

async function pull(
  server: TestServer,
  collection: string,
  auth: string,
): Promise<Record<string, unknown>[]> {
  const answer = await server.request('GET', `/api/sync/${collection}/pull?limit=1000`, auth, null);
  expect(answer?.status).toBe(200);
  return (JSON.parse(answer?.body ?? '{}') as { documents: Record<string, unknown>[] }).documents;
}

async function moveElder(server: TestServer, elderId: string, to: string, now: Date): Promise<void> {
  const auth = bearer(1);
  const master = (await pull(server, 'elders', auth)).find((e) => e.id === elderId) as Elder | undefined;
  if (!master) throw new Error(`the coordinator cannot see elder ${elderId}`);
  const moved: Elder = {
    ...master,
    assignedWorkerId: to,
    fieldTimes: { ...master.fieldTimes, assignedWorkerId: now.toISOString() },
    updatedAt: now.toISOString(),
    updatedBy: coordinator.id,
  };
  const answer = await server.rawPush(auth, 'elders', [
    { newDocumentState: moved, assumedMasterState: master },
  ]);
  expect(answer?.status).toBe(200);
  expect(JSON.parse(answer?.body ?? 'null')).toEqual([]);
}

it("lands the former worker's visit, drops the elder's records from their device without deleting them, and sets their elder edit aside", async () => {
  const { device } = setup;
  const { server } = await setup.connect();
  // The server dates a move by its own clock, and takes a former worker's visit that started before
  // the move: the device's clock is the real one here, the visit recorded two hours ago.
  const morning = new Date(Date.now() - 2 * 60 * 60_000);
  const noon = new Date();
  await setup.open('reassignment', worker1, morning);
  await device.call({ op: 'setOnline', online: false }, morning);

  // Offline: a visit that closes a planned visit of the first elder, and an edit of that elder.
  const recorded = await device.call<ActionResult>(
    { op: 'recordVisit', elderPick: 0, schedulePick: 0, uid: 1 },
    morning,
  );
  if (!recorded.applied) throw new Error(recorded.reason);
  const visitChange = recorded.changes.find((c) => c.collection === 'visits');
  const closed = recorded.changes.find((c) => c.collection === 'schedules');
  const elderId = String(visitChange?.after.elderId);
  const edited = await device.call<ActionResult>(
    { op: 'edit', collection: 'elders', field: 'phone', pick: 0, uid: 2, mode: 'append' },
    morning,
  );
  if (!edited.applied) throw new Error(edited.reason);
  expect(edited.changes[0]?.id).toBe(elderId);

  // Meanwhile the coordinator moves that elder to worker2.
  await moveElder(server, elderId, worker2.id, noon);

  const _outcome = await setup.syncOnline(noon);

  // The visit and the closing of the planned visit are on the server, as worker1's.
  const visits = new Map((await server.stored('visits')).map((v) => [v.id, v]));
  expect(visits.get(String(visitChange?.id))).toMatchObject({ workerId: worker1.id, _deleted: false });
  const schedules = new Map((await server.stored('schedules')).map((s) => [s.id, s]));
  expect(schedules.get(String(closed?.id))).toMatchObject({ status: 'done', visitId: visitChange?.id });

  // Nothing of the elder was deleted on the server, and worker2 now gets it all, visit included.
  const elderRecords = [...visits.values(), ...schedules.values()].filter(
    (r) => 'elderId' in r && r.elderId === elderId,
  );
  expect(elderRecords.length).toBeGreaterThan(0);
  expect(elderRecords.filter((r) => r._deleted)).toEqual([]);
  const storedElder = (await server.stored('elders')).find((e) => e.id === elderId);
  expect(storedElder).toMatchObject({ assignedWorkerId: worker2.id, _deleted: false });
  const worker2Visits = await pull(server, 'visits', bearer(2));
  expect(worker2Visits.map((v) => v.id)).toContain(visitChange?.id);

  // The device holds nothing of the elder any more, and waits for nothing.
  const snapshot = await device.call<DeviceSnapshot>({ op: 'snapshot' }, noon);
  const live = (docs: DeviceSnapshot['elders']) => docs.filter((d) => !d._deleted);
  expect(live(snapshot.elders).map((e) => e.id)).not.toContain(elderId);
  expect(live(snapshot.schedules).filter((s) => s.elderId === elderId)).toEqual([]);
  expect(live(snapshot.visits).filter((v) => v.elderId === elderId)).toEqual([]);
  expect(snapshot.outbox).toEqual([]);

  // The elder edit the server refused is kept on the device with its reason.
  expect(snapshot.setaside).toHaveLength(1);
  expect(snapshot.setaside[0]).toMatchObject({ collectionName: 'elders', recordId: elderId, status: 403 });
  expect(String(snapshot.setaside[0]?.message)).toMatch(/not assigned to you/);
  expect((snapshot.setaside[0]?.doc as Elder | undefined)?.phone).toBe(edited.changes[0]?.after.phone);
}, 60_000);
