import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import {
  clearOutbox,
  clearOutboxWhereServerHolds,
  deleteRecord,
  dropFromOutbox,
  InvalidRecordError,
  noteInOutbox,
  recordVisit,
  saveReviews,
  type VisitDraft,
} from '../../src/app/db/store';
import { applyEdit, mergeRecord } from '../../src/domain/merge';
import type { Visit } from '../../src/domain/schemas';
import { freshDeviceDatabase } from '../support/device-database';
import { COORDINATOR_ID, makeElder, makeSchedule, WORKER_ID } from '../support/fixtures';
import { makeVisitDraft } from '../support/visit-draft';

const database = freshDeviceDatabase('store_test');

function draft(elderId: string, patch: Partial<VisitDraft> = {}): VisitDraft {
  return makeVisitDraft(elderId, { livingSituation: '一切正常', safetyRisks: ['gas'], ...patch });
}

describe('recording a visit on the device', () => {
  it('stores the visit, marks the planned visit done and counts both as waiting to sync', async () => {
    const db = database();
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
    const db = database();
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
    const db = database();
    const elder = makeElder();
    await db.elders.insert(elder);
    const visit = await recordVisit(db, WORKER_ID, draft(elder.id), new Date('2026-11-29T03:00:00.000Z'));
    await clearOutbox(db, 'visits', [{ id: visit.id, updatedAt: '2026-11-29T02:59:00.000Z' }]);
    expect(await db.outbox.count().exec()).toBe(1);
    await clearOutbox(db, 'visits', [visit]);
    expect(await db.outbox.count().exec()).toBe(0);
  });
});

describe('bookkeeping that a conflict handler does beside the replications', () => {
  /** A review entry as a merge files it: the elder's phone changed on the device and on the server. */
  function phoneClash() {
    const base = makeElder();
    const mine = applyEdit(
      base,
      { phone: '13800000001' },
      { now: '2026-11-29T03:00:00.000Z', actorId: WORKER_ID },
    );
    const theirs = applyEdit(
      base,
      { phone: '13800000002' },
      { now: '2026-11-29T04:00:00.000Z', actorId: COORDINATOR_ID },
    );
    const { reviews } = mergeRecord('elders', base, mine, theirs, {
      now: '2026-11-29T05:00:00.000Z',
      actorId: WORKER_ID,
      nameOf: (id) => id,
    });
    expect(reviews).toHaveLength(1);
    return reviews;
  }

  it('saves a review entry once when the same entry arrives at the same moment from elsewhere', async () => {
    const db = database();
    // Another device found the same clash (same entry id), and the reviews pull writes it while the
    // conflict handler saves its own: neither may throw, or RxDB leaves the record unpushed.
    const reviews = phoneClash();
    const saved = await Promise.all([saveReviews(db, reviews), saveReviews(db, reviews)]);
    expect(saved.reduce((a, b) => a + b, 0)).toBe(1);
    expect(await db.reviews.count().exec()).toBe(1);
    expect(await db.outbox.count().exec()).toBe(1);
  });

  it('clears a settled state while a later edit is noted at the same moment, keeping the later one', async () => {
    const db = database();
    const elder = makeElder();
    await noteInOutbox(db, 'elders', { id: elder.id, updatedAt: '2026-11-29T03:00:00.000Z' });
    // The edit is noted after the clearing read the entry and before it removes it.
    let edited = false;
    db.outbox.preRemove(async () => {
      if (edited) return;
      edited = true;
      await noteInOutbox(db, 'elders', { id: elder.id, updatedAt: '2026-11-29T03:05:00.000Z' });
    }, false);
    await clearOutbox(db, 'elders', [{ id: elder.id, updatedAt: '2026-11-29T03:00:00.000Z' }]);
    expect(edited).toBe(true);
    const waiting = await db.outbox.find().exec();
    expect(waiting.map((entry) => entry.updatedAt)).toEqual(['2026-11-29T03:05:00.000Z']);
  });

  it('clears a settled state that was noted again at the same moment', async () => {
    const db = database();
    const elder = makeElder();
    const state = { id: elder.id, updatedAt: '2026-11-29T03:00:00.000Z' };
    await noteInOutbox(db, 'elders', state);
    let notedAgain = false;
    db.outbox.preRemove(async () => {
      if (notedAgain) return;
      notedAgain = true;
      // The same state, written again: a new revision of an equal entry.
      await db.outbox.upsert({
        key: `elders:${elder.id}`,
        collectionName: 'elders',
        docId: elder.id,
        updatedAt: state.updatedAt,
      });
    }, false);
    await clearOutbox(db, 'elders', [state]);
    expect(notedAgain).toBe(true);
    expect(await db.outbox.count().exec()).toBe(0);
  });

  it('clears a change once a pull shows the server holds exactly that state, deleted ones too', async () => {
    const db = database();
    const elder = makeElder();
    await db.elders.insert(elder);
    const visit = await recordVisit(db, WORKER_ID, draft(elder.id), new Date('2026-11-29T03:00:00.000Z'));
    const other = await recordVisit(db, WORKER_ID, draft(elder.id), new Date('2026-11-29T03:01:00.000Z'));
    await deleteRecord(db, 'visits', WORKER_ID, other.id, new Date('2026-11-29T03:02:00.000Z'));
    const stored = async (id: string) => {
      const [doc] = await db.visits.storageInstance.findDocumentsById([id], true);
      const { _rev, _meta, _attachments, ...plain } = doc as NonNullable<typeof doc>;
      return plain as unknown as Visit;
    };
    // The server holds another state of the first (someone's later note): still waiting.
    await clearOutboxWhereServerHolds(db, 'visits', [{ ...(await stored(visit.id)), notes: '别人的备注' }]);
    expect(await db.outbox.count().exec()).toBe(2);
    await clearOutboxWhereServerHolds(db, 'visits', [await stored(visit.id), await stored(other.id)]);
    expect(await db.outbox.count().exec()).toBe(0);
  });

  it('takes a settled record off the outbox whatever time its entry was noted at, and is quiet when none is', async () => {
    const db = database();
    const elder = makeElder();
    await noteInOutbox(db, 'elders', { id: elder.id, updatedAt: '2026-11-29T03:05:00.000Z' });
    await dropFromOutbox(db, 'elders', elder.id);
    await dropFromOutbox(db, 'elders', elder.id);
    expect(await db.outbox.count().exec()).toBe(0);
  });
});
