// An interrupted first sync resumes where it stopped: a worker's device pulls 2,000 visits page by
// page, loses the connection after 90% of the pages, and after reconnecting (with or without the app
// being closed and opened in between) does not fetch the pages it already has.
import { describe, expect, it } from 'vitest';
import type { Visit } from '../../src/domain/schemas';
import { makeElder, makeSchedule, makeUser, makeVisit, withPassword } from '../support/fixtures';
import { pulledCollections } from './network';
import { oneDevice } from './one-device';
import type { DeviceSnapshot, SyncOutcome } from './protocol';

const VISITS = 2_000;
const PAGE = 100;
const PAGES = VISITS / PAGE; // full pages; a last, short page says caught up
const CUT_AFTER = Math.round(PAGES * 0.9); // pages received before the connection drops

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

describe('an interrupted first sync', () => {
  it.each([
    ['the connection comes back', false],
    ['the app is closed and opened again before the connection comes back', true],
  ])(
    'resumes after the pages it has when %s',
    async (_name, restart) => {
      const { device } = setup;
      const { network } = await setup.connect();
      const now = new Date('2026-12-01T09:00:00.000Z');
      const visitPulls = () => network.stats.pulledPages.get('visits') ?? 0;
      const visitDocs = () => network.stats.pulledDocuments.get('visits') ?? 0;
      // The signal drops as the page after CUT_AFTER full pages is asked for.
      network.onRequest = (name, request) => {
        if (pulledCollections(request).includes('visits') && visitPulls() >= CUT_AFTER)
          network.down.add(name);
      };
      // Wait for the first sync only once the connection is back.
      await setup.open(`resume_${restart ? 'restart' : 'plain'}`, worker1, now, {
        online: false,
        pullBatchSize: PAGE,
      });
      const first = await device.call<SyncOutcome>(
        { op: 'setOnline', online: true, sync: true, timeoutMs: 20_000 },
        now,
      );
      expect(first.ok).toBe(false);
      expect(visitPulls()).toBe(CUT_AFTER);
      expect(visitDocs()).toBe(CUT_AFTER * PAGE);

      if (restart) {
        await device.call({ op: 'setOnline', online: false }, now);
        await device.call({ op: 'restart' }, now);
      }
      network.onRequest = undefined;
      network.down.clear();
      network.resetStats();
      await setup.syncOnline(now);

      // The rest, and at most one page more: the pages received before the cut are not fetched again.
      const remainder = VISITS - CUT_AFTER * PAGE;
      expect(visitDocs()).toBeGreaterThanOrEqual(remainder);
      expect(visitDocs()).toBeLessThanOrEqual(remainder + PAGE);
      // The remaining full pages, the short page that says caught up, and one more for "Sync now".
      expect(visitPulls()).toBeLessThanOrEqual(PAGES - CUT_AFTER + 2);

      const snapshot = await device.call<DeviceSnapshot>({ op: 'snapshot' }, now);
      expect(snapshot.visits.length).toBe(VISITS);
      expect(new Set(snapshot.visits.map((v) => v.id))).toEqual(new Set(visits.map((v) => v.id)));
    },
    120_000,
  );
});
