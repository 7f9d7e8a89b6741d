import { describe, expect, it } from 'vitest';
import { closeFollowUp, splitFollowUps } from '../../src/app/db/followUps';
import { InvalidRecordError } from '../../src/app/db/store';
import { freshDeviceDatabase } from '../support/device-database';
import { COORDINATOR_ID, makeElder, makeVisit } from '../support/fixtures';

const database = freshDeviceDatabase('follow_ups');
const elder = makeElder();
const asked = { needed: true, urgency: 'high' as const, note: '联系女儿' };
const NOW = new Date('2026-12-01T03:00:00.000Z');

describe('closing a follow-up', () => {
  it('keeps who closed it, when, and what was done, as that person’s edit waiting to sync', async () => {
    const db = database();
    const visit = makeVisit(elder, { followUp: asked });
    await db.visits.insert(visit);
    const closed = await closeFollowUp(db, COORDINATOR_ID, visit.id, '  已联系女儿，周五陪同复诊 ', NOW);
    expect(closed).toMatchObject({
      followUpDoneAt: NOW.toISOString(),
      followUpDoneBy: COORDINATOR_ID,
      followUpDoneNote: '已联系女儿，周五陪同复诊',
      updatedBy: COORDINATOR_ID,
      followUp: asked,
    });
    expect(closed.fieldTimes.followUpDoneNote).toBe(NOW.toISOString());
    expect(closed.fieldTimes.notes).toBe(visit.updatedAt);
    expect(await db.outbox.count().exec()).toBe(1);
  });

  it('refuses a blank note, naming the field, and changes nothing', async () => {
    const db = database();
    const visit = makeVisit(elder, { followUp: asked });
    await db.visits.insert(visit);
    const attempt = closeFollowUp(db, COORDINATOR_ID, visit.id, ' \n ', NOW);
    await expect(attempt).rejects.toBeInstanceOf(InvalidRecordError);
    await expect(closeFollowUp(db, COORDINATOR_ID, visit.id, '', NOW)).rejects.toMatchObject({
      field: 'followUpDoneNote',
    });
    expect((await db.visits.findOne(visit.id).exec())?.followUpDoneAt).toBeUndefined();
    expect(await db.outbox.count().exec()).toBe(0);
  });
});

describe("an elder's follow-ups", () => {
  it('lists open ones newest first and closed ones latest closed first, leaving out visits that asked none', () => {
    const older = makeVisit(elder, { startedAt: '2026-11-10T02:00:00.000Z', followUp: asked });
    const newer = makeVisit(elder, { startedAt: '2026-11-20T02:00:00.000Z', followUp: asked });
    const closedFirst = makeVisit(elder, { followUp: asked, followUpDoneAt: '2026-11-21T02:00:00.000Z' });
    const closedLater = makeVisit(elder, { followUp: asked, followUpDoneAt: '2026-11-25T02:00:00.000Z' });
    const none = makeVisit(elder);
    const { open, closed } = splitFollowUps([older, closedFirst, none, newer, closedLater]);
    expect(open.map((v) => v.id)).toEqual([newer.id, older.id]);
    expect(closed.map((v) => v.id)).toEqual([closedLater.id, closedFirst.id]);
  });
});
