import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { describe, expect, it, vi } from 'vitest';
import { openDatabase } from '../../src/app/db/database';
import { noteInOutbox } from '../../src/app/db/store';
import type { PushOutcome } from '../../src/app/sync/push';
import {
  eldersBeforeTheirRecords,
  RecordsBeingPushed,
  retryClosingsJudgedTooEarly,
} from '../../src/app/sync/visitsFirst';
import type { PushRow } from '../../src/domain/api';
import { makeElder, makeSchedule, makeVisit } from '../support/fixtures';
import { watch } from '../support/watch';

const elder = makeElder();
const visit = makeVisit(elder);
const closing: PushRow = {
  newDocumentState: makeSchedule(elder, { status: 'done', visitId: visit.id }),
  assumedMasterState: null,
};

/** The outcome of a schedules push in which the closing was refused. */
function closingRefused(): PushOutcome {
  const reason = {
    status: 403,
    message: 'this elder is not assigned to you',
    field: '0.newDocumentState.elderId',
  };
  return { accepted: [], conflicts: [], refused: [{ row: closing, reason }] };
}

describe('closings and the visits they name', () => {
  it('pushes the schedules again later when a closing was refused while its visit is still being pushed', () => {
    const visits = new RecordsBeingPushed();
    visits.handOver([visit.id]);

    expect(() => retryClosingsJudgedTooEarly(visits, closingRefused())).toThrow(
      '1 planned visit(s) closed before their visit reached the server',
    );
  });

  it('lets a refused closing be set aside once its visit is no longer being pushed', () => {
    const visits = new RecordsBeingPushed();
    const settled = visits.handOver([visit.id]);
    settled();

    expect(() => retryClosingsJudgedTooEarly(visits, closingRefused())).not.toThrow();
  });

  it('tells the visits being pushed, as a set that changes when one is handed over or settled', () => {
    const visits = new RecordsBeingPushed();
    const seen: string[][] = [];
    visits.ids$.subscribe((ids) => seen.push([...ids]));

    const settleFirst = visits.handOver(['a', 'b']);
    const settleSecond = visits.handOver(['c']);
    settleFirst();
    settleSecond();

    expect(seen).toEqual([[], ['a', 'b'], ['a', 'b', 'c'], ['c'], []]);
  });
});

describe('a new elder and the records made with it', () => {
  it('holds a new elder’s planned visits until the elder is with the transport, and lets others go at once', async () => {
    const db = await openDatabase({
      name: `elders_first_${process.pid}`,
      storage: getRxStorageMemory(),
      multiInstance: false,
    });
    try {
      const fresh = makeElder();
      await noteInOutbox(db, 'elders', fresh);
      const elders = new RecordsBeingPushed();
      const row = (of: typeof fresh): PushRow => ({
        newDocumentState: makeSchedule(of),
        assumedMasterState: null,
      });

      await eldersBeforeTheirRecords(db, elders, [row(elder)]); // an elder the server has: no wait
      const held = watch(eldersBeforeTheirRecords(db, elders, [row(fresh)]));
      await new Promise((resolve) => setImmediate(resolve));
      expect(held.settled).toBe(false);

      elders.handOver([fresh.id]);
      await vi.waitFor(() => expect(held.settled).toBe(true));
      expect(held.error).toBeUndefined();
    } finally {
      await db.remove();
    }
  });
});
