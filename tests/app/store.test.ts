import 'fake-indexeddb/auto';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type TanfangDatabase } from '../../src/app/db/database';
import { confirmPushed, InvalidRecordError, recordVisit, type VisitDraft } from '../../src/app/db/store';
import { makeElder, makeSchedule, WORKER_ID } from '../domain/fixtures';

let db: TanfangDatabase;
let counter = 0;

beforeEach(async () => {
  counter += 1;
  db = await openDatabase({
    name: `store_test_${process.pid}_${counter}`,
    storage: getRxStorageMemory(),
    multiInstance: false,
  });
});
afterEach(async () => {
  await db.remove();
});

function draft(elderId: string, patch: Partial<VisitDraft> = {}): VisitDraft {
  return {
    elderId,
    scheduleId: null,
    mode: 'home',
    startedAt: '2026-11-29T02:00:00.000Z',
    endedAt: '2026-11-29T02:40:00.000Z',
    livingSituation: '一切正常',
    safetyRisks: ['gas'],
    physicalState: '',
    mentalState: '',
    services: ['cleaning'],
    needs: '',
    followUp: { needed: false, urgency: 'normal', note: '' },
    participants: [],
    notes: '',
    ...patch,
  };
}

describe('recording a visit on the device', () => {
  it('stores the visit, marks the planned visit done and counts both as waiting to sync', async () => {
    const elder = makeElder();
    const planned = makeSchedule(elder);
    await db.elders.insert(elder);
    await db.schedules.insert(planned);

    const visit = await recordVisit(db, WORKER_ID, draft(elder.id, { scheduleId: planned.id }));

    expect(visit).toMatchObject({ town: elder.town, workerId: WORKER_ID, updatedBy: WORKER_ID });
    expect((await db.visits.findOne(visit.id).exec())?.services).toEqual(['cleaning']);
    const schedule = await db.schedules.findOne(planned.id).exec();
    expect(schedule?.status).toBe('done');
    expect(schedule?.visitId).toBe(visit.id);
    expect(await db.outbox.count().exec()).toBe(2);
  });

  it('refuses an invalid visit, names the field and writes nothing', async () => {
    const elder = makeElder();
    await db.elders.insert(elder);
    const bad = draft(elder.id, {
      startedAt: '2026-11-29T03:00:00.000Z',
      endedAt: '2026-11-29T02:00:00.000Z',
    });
    await expect(recordVisit(db, WORKER_ID, bad)).rejects.toThrow(InvalidRecordError);
    await expect(recordVisit(db, WORKER_ID, bad)).rejects.toMatchObject({ field: 'endedAt' });
    expect(await db.visits.count().exec()).toBe(0);
    expect(await db.outbox.count().exec()).toBe(0);
  });

  it('keeps a change waiting when it was edited again after the pushed state', async () => {
    const elder = makeElder();
    await db.elders.insert(elder);
    const visit = await recordVisit(db, WORKER_ID, draft(elder.id), new Date('2026-11-29T03:00:00.000Z'));
    await confirmPushed(db, 'visits', [{ id: visit.id, updatedAt: '2026-11-29T02:59:00.000Z' }]);
    expect(await db.outbox.count().exec()).toBe(1);
    await confirmPushed(db, 'visits', [visit]);
    expect(await db.outbox.count().exec()).toBe(0);
  });
});
