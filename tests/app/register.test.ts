// The coordinator's register writes on the device: records and their planned visits, all in the outbox.
import { describe, expect, it } from 'vitest';
import {
  archiveElder,
  changeElder,
  type ElderDraft,
  flagMajorEvent,
  planRound,
  registerElder,
  restoreElder,
} from '../../src/app/db/register';
import { InvalidRecordError } from '../../src/app/db/store';
import type { Schedule } from '../../src/domain/schemas';
import { freshDeviceDatabase } from '../support/device-database';
import { COORDINATOR_ID, makeElder, TOWN_A, WORKER_ID } from '../support/fixtures';

const TODAY = '2026-12-07';
const OTHER_WORKER = '0190c7e2-7c6b-7000-8000-00000000bbbb';
const context = { userId: COORDINATOR_ID, today: TODAY, now: new Date('2026-12-07T02:00:00.000Z') };

const database = freshDeviceDatabase('register');

function draft(patch: Partial<ElderDraft> = {}): ElderDraft {
  const {
    id: _id,
    fieldTimes: _f,
    updatedAt: _u,
    updatedBy: _b,
    _deleted: _d,
    ...fields
  } = makeElder({
    name: '黄婆婆',
    riskTier: 'high',
    assignedWorkerId: WORKER_ID,
  });
  return { ...fields, ...patch };
}

const schedulesOf = async (elderId: string): Promise<Schedule[]> =>
  (
    await database()
      .schedules.find({ selector: { elderId }, sort: [{ plannedDate: 'asc' }] })
      .exec()
  ).map((doc) => doc.toMutableJSON() as Schedule);
const outboxKeys = async () => (await database().outbox.find().exec()).map((entry) => entry.key).sort();

describe('registering an elder on the device', () => {
  it('enters them from today with the routine visits of their tier, for their worker, all waiting to sync', async () => {
    const { elder, planned } = await registerElder(database(), draft(), context);

    expect(elder).toMatchObject({ registeredOn: TODAY, archivedOn: null, updatedBy: COORDINATOR_ID });
    expect(planned.map((s) => s.plannedDate)).toEqual([
      '2026-12-07',
      '2026-12-14',
      '2026-12-21',
      '2026-12-28',
      '2027-01-04',
    ]);
    for (const schedule of planned) {
      expect(schedule).toMatchObject({
        elderId: elder.id,
        workerId: WORKER_ID,
        town: TOWN_A,
        status: 'planned',
        kind: 'routine',
      });
    }
    expect(await outboxKeys()).toEqual(
      [`elders:${elder.id}`, ...planned.map((s) => `schedules:${s.id}`)].sort(),
    );
  });

  it('refuses the same name, birth date and community twice unless told they are two people', async () => {
    await registerElder(database(), draft(), context);
    await expect(registerElder(database(), draft({ name: '黄 婆婆' }), context)).rejects.toThrow(
      InvalidRecordError,
    );
    expect(await database().elders.count().exec()).toBe(1);
    await registerElder(database(), draft(), { ...context, allowDuplicate: true });
    expect(await database().elders.count().exec()).toBe(2);
  });

  it('refuses a record the shared schema refuses, naming the field, and writes nothing', async () => {
    const failure = await registerElder(database(), draft({ birthDate: '1940-13-40' }), context).catch(
      (e: unknown) => e,
    );
    expect(failure).toBeInstanceOf(InvalidRecordError);
    expect((failure as InvalidRecordError).field).toBe('birthDate');
    expect(await database().elders.count().exec()).toBe(0);
    expect(await database().schedules.count().exec()).toBe(0);
  });
});

describe('changing, archiving and restoring an elder', () => {
  it('replans the routine visits when the tier changes, and gives the other planned visits to a new worker', async () => {
    const { elder, planned } = await registerElder(database(), draft(), context);
    const [major] = await flagMajorEvent(database(), elder.id, { ...context, today: '2026-12-08' });

    await changeElder(database(), elder.id, { riskTier: 'key', assignedWorkerId: OTHER_WORKER }, context);

    const schedules = await schedulesOf(elder.id);
    const byId = new Map(schedules.map((s) => [s.id, s]));
    for (const old of planned) expect(byId.get(old.id)?.status).toBe('cancelled');
    const open = schedules.filter((s) => s.status === 'planned');
    expect(open.map((s) => [s.kind, s.plannedDate, s.workerId])).toEqual([
      ['routine', TODAY, OTHER_WORKER],
      ['major_event', '2026-12-08', OTHER_WORKER],
    ]);
    expect(major?.id).toBe(open[1]?.id);
  });

  it('leaves the plan alone when neither tier nor worker changes', async () => {
    const { elder } = await registerElder(database(), draft(), context);
    const before = await schedulesOf(elder.id);
    await changeElder(database(), elder.id, { phone: '13900001111' }, context);
    expect(await schedulesOf(elder.id)).toEqual(before);
  });

  it('calls off every planned visit when the elder leaves the register, and plans again on restoring', async () => {
    const { elder } = await registerElder(database(), draft(), context);
    const archived = await archiveElder(database(), elder.id, { on: TODAY, reason: 'moved' }, context);
    expect(archived).toMatchObject({ archivedOn: TODAY, archiveReason: 'moved' });
    expect((await schedulesOf(elder.id)).every((s) => s.status === 'cancelled')).toBe(true);

    await restoreElder(database(), elder.id, context);
    const open = (await schedulesOf(elder.id)).filter((s) => s.status === 'planned');
    expect(open.length).toBeGreaterThan(0);
    expect((await database().elders.findOne(elder.id).exec())?.archivedOn).toBeNull();
  });

  it('plans an extra round for every elder on the register in the group, and none off it', async () => {
    const { elder: inGroup } = await registerElder(
      database(),
      draft({ name: '甲', categories: ['living_alone'] }),
      context,
    );
    await registerElder(database(), draft({ name: '乙', categories: ['disabled'] }), context);
    const { elder: archived } = await registerElder(
      database(),
      draft({ name: '丙', categories: ['living_alone'] }),
      context,
    );
    await archiveElder(database(), archived.id, { on: TODAY, reason: 'deceased' }, context);

    const round = await planRound(
      database(),
      { town: TOWN_A, categories: ['living_alone'] },
      { date: '2026-12-24', kind: 'festival' },
      context,
    );
    expect(round.map((s) => [s.elderId, s.plannedDate, s.kind])).toEqual([
      [inGroup.id, '2026-12-24', 'festival'],
    ]);
  });

  it('plans a round planned twice only once for each elder, but again for another kind', async () => {
    const { elder } = await registerElder(database(), draft(), context);
    const group = { town: TOWN_A };
    const festival = { date: '2026-12-24', kind: 'festival' as const };

    expect(await planRound(database(), group, festival, context)).toHaveLength(1);
    expect(await planRound(database(), group, festival, context)).toEqual([]);
    const heat = await planRound(database(), group, { ...festival, kind: 'extreme_weather' }, context);

    expect(heat.map((s) => [s.elderId, s.kind])).toEqual([[elder.id, 'extreme_weather']]);
    const onTheDay = (await schedulesOf(elder.id)).filter((s) => s.plannedDate === '2026-12-24');
    expect(onTheDay.map((s) => s.kind).sort()).toEqual(['extreme_weather', 'festival']);
  });
});
