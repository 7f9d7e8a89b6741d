// On the device: a visit marked missed stays in the elder's records with its reason and keeps the
// elder due; recording a visit plans the next routine visits from the visit's day.
import { describe, expect, it } from 'vitest';
import { InvalidRecordError, updateRecord, type VisitDraft } from '../../src/app/db/store';
import { recordVisitAndReplan as recordVisit } from '../../src/app/db/visitRecording';
import { type CadenceRules, computeDue, DEFAULT_CADENCE, lastVisitDates } from '../../src/domain/cadence';
import type { Elder, Schedule, Visit } from '../../src/domain/schemas';
import { freshDeviceDatabase } from '../support/device-database';
import { makeElder, makeSchedule, makeVisit, TOWN_A, WORKER_ID } from '../support/fixtures';
import { makeVisitDraft } from '../support/visit-draft';

const database = freshDeviceDatabase('missed_and_due');
const NOW = new Date('2026-12-07T18:00:00+08:00');
const TODAY = '2026-12-07';

function visitOn(elderId: string, day: string, scheduleId: string | null = null): VisitDraft {
  return makeVisitDraft(elderId, {
    scheduleId,
    startedAt: `${day}T09:00:00+08:00`,
    endedAt: `${day}T09:40:00+08:00`,
    livingSituation: '精神不错',
  });
}

async function schedulesOf(elderId: string): Promise<Schedule[]> {
  const docs = await database()
    .schedules.find({ selector: { elderId }, sort: [{ plannedDate: 'asc' }] })
    .exec();
  return docs.map((doc) => doc.toJSON() as Schedule);
}

async function dueNow(elder: Elder) {
  const db = database();
  const visits = (await db.visits.find().exec()).map(
    (doc) => ({ ...doc.toJSON(), _deleted: false }) as Visit,
  );
  const schedules = (await schedulesOf(elder.id)).map((s) => ({ ...s, _deleted: false }));
  const [item] = computeDue({ elders: [elder], lastVisit: lastVisitDates(visits), schedules, today: TODAY });
  return item;
}

describe('recording a visit plans the next routine visits from it', () => {
  it('plans the next weekly visit a week after the visit on 12月7日, not after the 12月12日 plan', async () => {
    const db = database();
    const elder = makeElder({ riskTier: 'high', town: TOWN_A });
    await db.elders.insert(elder);
    const planned = makeSchedule(elder, { plannedDate: '2026-12-05' });
    const next = makeSchedule(elder, { plannedDate: '2026-12-12' });
    await db.schedules.bulkInsert([planned, next]);

    await recordVisit(db, WORKER_ID, visitOn(elder.id, TODAY, planned.id), NOW, DEFAULT_CADENCE);

    const open = (await schedulesOf(elder.id)).filter((s) => s.status === 'planned');
    expect(open.map((s) => s.plannedDate)).toEqual(['2026-12-14', '2026-12-21', '2026-12-28', '2027-01-04']);
    expect((await schedulesOf(elder.id)).find((s) => s.id === next.id)?.status).toBe('cancelled');
    expect((await schedulesOf(elder.id)).find((s) => s.id === planned.id)?.status).toBe('done');
    expect(await dueNow(elder)).toMatchObject({ dueDate: '2026-12-14', status: 'upcoming' });
  });

  it('plans by the cadence it is given (the elder’s town’s), and leaves follow-ups where they are', async () => {
    const db = database();
    const elder = makeElder({ riskTier: 'high', town: TOWN_A });
    await db.elders.insert(elder);
    const followUp = makeSchedule(elder, { plannedDate: '2026-12-09', kind: 'follow_up' });
    await db.schedules.insert(followUp);
    const fortnightly: CadenceRules = { ...DEFAULT_CADENCE, high: { every: 2, unit: 'week' } };

    await recordVisit(db, WORKER_ID, visitOn(elder.id, TODAY), NOW, () => fortnightly);

    const open = (await schedulesOf(elder.id)).filter((s) => s.status === 'planned');
    expect(open.map((s) => [s.plannedDate, s.kind])).toEqual([
      ['2026-12-09', 'follow_up'],
      ['2026-12-21', 'routine'],
      ['2027-01-04', 'routine'],
    ]);
  });

  it('plans nothing for an elder off the register', async () => {
    const db = database();
    const elder = makeElder({ archivedOn: '2026-12-01', archiveReason: 'moved' });
    await db.elders.insert(elder);
    await recordVisit(db, WORKER_ID, visitOn(elder.id, TODAY), NOW, DEFAULT_CADENCE);
    expect(await schedulesOf(elder.id)).toEqual([]);
  });
});

describe('marking a planned visit missed', () => {
  it('keeps the visit with its reason and the elder overdue by the same days until someone visits', async () => {
    const db = database();
    const elder = makeElder({ riskTier: 'key' });
    await db.elders.insert(elder);
    await db.visits.insert(makeVisit(elder, { startedAt: '2026-11-25T09:00:00+08:00' }));
    const followUp = makeSchedule(elder, { plannedDate: '2026-12-02', kind: 'follow_up' });
    await db.schedules.insert(followUp);
    const before = await dueNow(elder);

    await updateRecord(
      db,
      'schedules',
      WORKER_ID,
      followUp.id,
      { status: 'missed', missedReason: 'in_hospital', missedNote: '' },
      NOW,
    );

    expect((await schedulesOf(elder.id))[0]).toMatchObject({ status: 'missed', missedReason: 'in_hospital' });
    const after = await dueNow(elder);
    expect(before).toMatchObject({ status: 'overdue', daysOverdue: 5 });
    expect(after).toMatchObject({ status: 'overdue', daysOverdue: 5, reason: 'missed' });

    await recordVisit(db, WORKER_ID, visitOn(elder.id, TODAY), NOW, DEFAULT_CADENCE);
    expect(await dueNow(elder)).toMatchObject({ status: 'upcoming', dueDate: '2027-01-07' });
  });

  it('refuses “other” with no reason written, naming missedNote, and changes nothing', async () => {
    const db = database();
    const elder = makeElder();
    await db.elders.insert(elder);
    const planned = makeSchedule(elder, { plannedDate: '2026-12-02' });
    await db.schedules.insert(planned);

    const missed = { status: 'missed' as const, missedReason: 'other' as const, missedNote: '   ' };
    const refused = updateRecord(db, 'schedules', WORKER_ID, planned.id, missed, NOW);
    await expect(refused).rejects.toBeInstanceOf(InvalidRecordError);
    await expect(refused).rejects.toMatchObject({ field: 'missedNote' });
    const { _deleted, ...stored } = planned;
    expect(await schedulesOf(elder.id)).toEqual([stored]);

    await updateRecord(db, 'schedules', WORKER_ID, planned.id, { ...missed, missedNote: '去女儿家了' }, NOW);
    expect((await schedulesOf(elder.id))[0]).toMatchObject({
      missedReason: 'other',
      missedNote: '去女儿家了',
    });
  });
});
