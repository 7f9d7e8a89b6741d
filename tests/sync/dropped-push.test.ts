// A push cut off mid-request: the visits a worker recorded offline go up when the signal returns,
// and the connection drops with the request on its way, either before it reaches the server or
// after the server took it and before its answer comes back. The device does not know which. When
// the signal returns (with or without the app closed and opened in between) it sends the same rows
// again; the server recognises what it already holds, so every visit is stored once, nothing is
// lost, and nothing turns into a conflict or a review entry.
import { describe, expect, it } from 'vitest';
import type { Schedule } from '../../src/domain/schemas';
import { smallWorld } from '../support/fixtures';
import { pushedRows } from './network';
import { cutOffCases, oneDevice } from './one-device';
import type { ActionResult, DeviceSnapshot, HttpRequestMessage, RecordChange, SyncOutcome } from './protocol';

const world = smallWorld();
const { worker1 } = world.users;
const setup = oneDevice(world.dataset, [worker1]);
const now = new Date('2026-12-01T17:00:00.000Z');

const CUTS = [
  ['before the request reaches the server', false],
  ['after the server took the request, before its answer comes back', true],
] as const;
const cases = cutOffCases(CUTS);

/** The ids of `ids` a request pushes as visits. */
function pushedVisits(request: HttpRequestMessage, ids: ReadonlySet<string>): string[] {
  return (pushedRows(request).get('visits') ?? [])
    .map((row) => row.newDocumentState.id)
    .filter((id) => ids.has(id));
}

describe('a push cut off mid-request', () => {
  it.each(cases)(
    'stores each visit once and loses none when the connection drops %s and %s',
    async (_cut, _afterwards, reachesServer, restart) => {
      const { device } = setup;
      const { server, network } = await setup.connect();
      await setup.open(
        `dropped_push_${reachesServer ? 'taken' : 'lost'}_${restart ? 'restart' : 'plain'}`,
        worker1,
        now,
      );
      await setup.syncOnline(now);
      await device.call({ op: 'setOnline', online: false }, now);
      // Three visits of the shift, the first closing a planned visit.
      const recorded: RecordChange[] = [];
      for (const visit of [
        { elderPick: 0, schedulePick: 0, uid: 1 },
        { elderPick: 1, schedulePick: null, uid: 2 },
        { elderPick: 0, schedulePick: null, uid: 3 },
      ]) {
        const result = await device.call<ActionResult>({ op: 'recordVisit', ...visit }, now);
        if (!result.applied) throw new Error(result.reason);
        recorded.push(...result.changes);
      }
      const ids = new Set(recorded.flatMap((c) => (c.collection === 'visits' ? [c.id] : [])));
      const closedId = recorded.find((c) => c.collection === 'schedules')?.id;
      expect(ids.size).toBe(3);
      const visitsBefore = (await server.stored('visits')).length;
      const reviewsBefore = (await server.stored('reviews')).length;

      // The signal comes back and the visits go up; the connection drops with the first request
      // carrying any of them on its way.
      network.keepRequests = true;
      let cut: HttpRequestMessage | undefined;
      network.onRequest = (name, request) => {
        if (cut !== undefined || pushedVisits(request, ids).length === 0) return;
        cut = request;
        if (reachesServer) network.addFaults(name, [{ kind: 'signal-drops' }]);
        else network.down.add(name);
      };
      const cutOff = await device.call<SyncOutcome>(
        { op: 'setOnline', online: true, sync: true, timeoutMs: 20_000 },
        now,
      );
      expect(cutOff.ok).toBe(false);
      if (cut === undefined) throw new Error('no push of the visits was sent');
      const cutRows = pushedRows(cut).get('visits') ?? [];
      const cutIds = new Set(pushedVisits(cut, ids));
      const onServer = async () =>
        Promise.all([...ids].map(async (id) => (await server.storedRow('visits', id)) ?? null));
      const afterCut = await onServer();
      expect(afterCut.map((row) => row !== null)).toEqual(
        [...ids].map((id) => reachesServer && cutIds.has(id)),
      );

      if (restart) {
        await device.call({ op: 'setOnline', online: false }, now);
        await device.call({ op: 'restart' }, now);
      }
      network.onRequest = undefined;
      network.down.clear();
      await setup.syncOnline(now);

      // The rows cut off sent again as they were, every visit answered, and no conflict.
      const answered = network.requests.filter(
        ({ request, answer }) => request !== cut && !answer.failed && pushedVisits(request, ids).length > 0,
      );
      expect(answered.map(({ answer }) => (answer.failed ? null : answer.status))).toEqual(
        answered.map(() => 200),
      );
      const sentAgain = answered.flatMap(({ request }) => pushedRows(request).get('visits') ?? []);
      expect(new Set(sentAgain.map((row) => row.newDocumentState.id))).toEqual(ids);
      for (const row of cutRows) {
        const again = sentAgain.find((other) => other.newDocumentState.id === row.newDocumentState.id);
        expect(again?.newDocumentState).toEqual(row.newDocumentState);
      }
      expect(network.stats.conflicts).toBe(0);

      // Each visit stored once; where the request cut off got through, sending it again changed nothing.
      const stored = await server.stored('visits');
      expect(stored).toHaveLength(visitsBefore + ids.size);
      expect(stored.filter((visit) => ids.has(visit.id))).toHaveLength(ids.size);
      const final = await onServer();
      for (const [index, row] of afterCut.entries()) if (row !== null) expect(final[index]).toEqual(row);
      const closed = (await server.stored('schedules')).find((s) => s.id === closedId) as
        | Schedule
        | undefined;
      expect(closed?.status).toBe('done');
      expect(ids.has(closed?.visitId ?? '')).toBe(true);
      expect(await server.stored('reviews')).toHaveLength(reviewsBefore);

      // Nothing waits on the device, nothing was set aside, and it holds what the server holds.
      const snapshot = await device.call<DeviceSnapshot>({ op: 'snapshot' }, now);
      expect(snapshot.outbox).toEqual([]);
      expect(snapshot.setaside).toEqual([]);
      const held = snapshot.visits.filter((visit) => ids.has(visit.id));
      expect(held).toEqual(stored.filter((visit) => ids.has(visit.id)));
    },
    60_000,
  );
});
