// An interrupted first sync resumes where it stopped: a worker's device pulls 2,000 visits page by
// page and the connection drops half way, either as the next page is asked for (the request never
// reaches the server) or while a page is on its way (the server answers, the answer is lost). When
// the signal returns, with or without the app closed and opened in between, the device asks again
// for the page it did not get, from where that page started, and for the pages after it, and for
// none of the pages it has: every visit reaches the device exactly once.
import { describe, expect, it } from 'vitest';
import type { Checkpoint, PullBatchRequest, PullBatchResponse } from '../../src/domain/api';
import type { Visit } from '../../src/domain/schemas';
import { makeElder, makeSchedule, makeUser, makeVisit, withPassword } from '../support/fixtures';
import { pulledCollections } from './network';
import { cutOffCases, oneDevice } from './one-device';
import type { DeviceSnapshot, HttpAnswer, HttpRequestMessage, SyncOutcome } from './protocol';

const VISITS = 2_000;
const PAGE = 100;
const PAGES = VISITS / PAGE; // full pages; a last, short page says caught up
const CUT_AFTER = PAGES / 2; // pages received before the connection drops

const worker1 = makeUser({ username: 'worker1', role: 'worker' });
const coordinator = makeUser({ username: 'coord', role: 'coordinator' });
const elders = Array.from({ length: 10 }, () =>
  makeElder({ assignedWorkerId: worker1.id, updatedBy: coordinator.id }),
);
const visits: Visit[] = Array.from({ length: VISITS }, (_, i) => {
  const of = elders[i % elders.length] as (typeof elders)[number];
  return makeVisit(of, { startedAt: new Date(Date.UTC(2025, 0, 1) + i * 3_600_000).toISOString() });
});

const setup = oneDevice(
  {
    users: withPassword([worker1, coordinator]),
    elders,
    schedules: elders.map((e) => makeSchedule(e, { plannedDate: '2026-12-01' })),
    visits,
  },
  [worker1],
);

/**
 * One pull of visits as the network saw it: where it started, and if the device got its page, the
 * ids in it and where it ended.
 */
interface VisitPull {
  from: Checkpoint | null;
  received: string[] | null;
  to: Checkpoint | null;
}

function visitPull({ request, answer }: { request: HttpRequestMessage; answer: HttpAnswer }): VisitPull {
  const index = pulledCollections(request).indexOf('visits');
  const { pulls } = JSON.parse(request.body ?? '{"pulls":[]}') as PullBatchRequest;
  const from = pulls[index]?.checkpoint ?? null;
  if (answer.failed || answer.status !== 200) return { from, received: null, to: null };
  const page = (JSON.parse(answer.body) as PullBatchResponse).pulls[index];
  return { from, received: (page?.documents ?? []).map((doc) => doc.id), to: page?.checkpoint ?? from };
}

const CUTS = [
  ['as the next page is asked for', false],
  ['while a page is on its way', true],
] as const;
const cases = cutOffCases(CUTS);

describe('a first sync cut off half way', () => {
  it.each(cases)(
    'pulls only the pages it lacks when the connection drops %s and %s',
    async (_cut, _afterwards, onItsWay, restart) => {
      const { device } = setup;
      const { network } = await setup.connect();
      const now = new Date('2026-12-01T09:00:00.000Z');
      network.keepRequests = true;
      const received = () => network.stats.pulledPages.get('visits') ?? 0;
      // The connection drops once CUT_AFTER pages have come: the next page is not asked for, or the
      // server answers it and the signal is gone before the answer arrives (the device still
      // believes it is online).
      network.onRequest = (name, request) => {
        if (!pulledCollections(request).includes('visits') || received() < CUT_AFTER) return;
        if (onItsWay && !network.down.has(name)) network.addFaults(name, [{ kind: 'signal-drops' }]);
        else network.down.add(name);
      };
      // Wait for the first sync only once the connection is back.
      await setup.open(`resume_${onItsWay ? 'way' : 'next'}_${restart ? 'restart' : 'plain'}`, worker1, now, {
        online: false,
        pullBatchSize: PAGE,
      });
      const first = await device.call<SyncOutcome>(
        { op: 'setOnline', online: true, sync: true, timeoutMs: 20_000 },
        now,
      );
      expect(first.ok).toBe(false);
      const before = network.requests.filter(({ request }) => pulledCollections(request).includes('visits'));
      const pullsBefore = before.map(visitPull);
      const got = pullsBefore.filter((pull) => pull.received !== null);
      expect(got).toHaveLength(CUT_AFTER);
      expect(got.flatMap((pull) => pull.received)).toHaveLength(CUT_AFTER * PAGE);
      // The page on its way reached the server, from where the last page received ended.
      const lost = pullsBefore.filter((pull) => pull.received === null);
      expect(lost.map((pull) => pull.from)).toEqual(onItsWay ? [got.at(-1)?.to] : []);

      if (restart) {
        await device.call({ op: 'setOnline', online: false }, now);
        await device.call({ op: 'restart' }, now);
      }
      network.onRequest = undefined;
      network.down.clear();
      network.requests.length = 0;
      await setup.syncOnline(now);

      const after = network.requests.filter(({ request }) => pulledCollections(request).includes('visits'));
      const pullsAfter = after.map(visitPull);
      // Not from the start: from where the last page received ended (the page lost on its way is
      // asked for again from where it started), and each next pull from where the one before ended.
      expect(pullsAfter[0]?.from).toEqual(got.at(-1)?.to);
      for (const [i, pull] of pullsAfter.entries())
        if (i > 0) expect(pull.from).toEqual(pullsAfter[i - 1]?.to);
      const pulledAgain = pullsAfter.flatMap((pull) => pull.received ?? []);
      const had = new Set(got.flatMap((pull) => pull.received ?? []));
      expect(pulledAgain.filter((id) => had.has(id))).toEqual([]);
      expect(pulledAgain).toHaveLength(VISITS - CUT_AFTER * PAGE);
      expect(new Set(pulledAgain).size).toBe(pulledAgain.length);
      // The remaining full pages, and the short one that says caught up (one more for "Sync now").
      expect(pullsAfter.length).toBeLessThanOrEqual(PAGES - CUT_AFTER + 2);

      const snapshot = await device.call<DeviceSnapshot>({ op: 'snapshot' }, now);
      expect(new Set(snapshot.visits.map((v) => v.id))).toEqual(new Set(visits.map((v) => v.id)));
    },
    120_000,
  );
});
