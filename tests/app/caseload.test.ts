// A worker's caseload moved to another worker in one step on the device: elders and their planned
// visits change hands, all in the outbox; what may not move stays, named.
import { describe, expect, it } from 'vitest';
import { moveCaseload, previewCaseloadMove } from '../../src/app/db/caseload';
import type { Elder, Schedule } from '../../src/domain/schemas';
import { freshDeviceDatabase } from '../support/device-database';
import { makeElder, makeSchedule, makeUser, TOWN_A, TOWN_B } from '../support/fixtures';

const leaving = makeUser({ username: 'leaving', role: 'worker', towns: [TOWN_A, TOWN_B] });
const taking = makeUser({ username: 'taking', role: 'worker', towns: [TOWN_A] });
const coordinator = makeUser({ username: 'coord', role: 'coordinator', towns: [TOWN_A, TOWN_B] });
const now = new Date('2026-12-07T02:00:00.000Z');

const database = freshDeviceDatabase('caseload');

/** `count` elders of `leaving` in `town`, each with a visit done, one overdue and two to come. */
async function caseload(count: number, town = TOWN_A): Promise<Elder[]> {
  const elders = Array.from({ length: count }, (_, i) =>
    makeElder({ name: `长者${i}`, town, assignedWorkerId: leaving.id }),
  );
  await database().elders.bulkInsert(elders);
  await database().schedules.bulkInsert(
    elders.flatMap((elder) => [
      makeSchedule(elder, { plannedDate: '2026-11-20', status: 'done' }),
      makeSchedule(elder, { plannedDate: '2026-11-30' }),
      makeSchedule(elder, { plannedDate: '2026-12-14' }),
      makeSchedule(elder, { plannedDate: '2026-12-21', kind: 'follow_up' }),
    ]),
  );
  return elders;
}

const schedulesOf = async (elderId: string) =>
  (
    await database()
      .schedules.find({ selector: { elderId }, sort: [{ plannedDate: 'asc' }] })
      .exec()
  ).map((doc) => doc.toMutableJSON() as Schedule);
const outboxKeys = async () => new Set((await database().outbox.find().exec()).map((entry) => entry.key));

describe('moving a caseload on the device', () => {
  it('gives all fifty elders and every visit still planned to the new worker, each waiting to sync', async () => {
    const elders = await caseload(50);

    const result = await moveCaseload(database(), leaving.id, taking, { mover: coordinator, now });

    expect(result.move).toHaveLength(50);
    expect(result.stay).toEqual([]);
    const outbox = await outboxKeys();
    for (const elder of elders) {
      const stored = (await database().elders.findOne(elder.id).exec())?.toMutableJSON() as Elder;
      expect(stored.assignedWorkerId).toBe(taking.id);
      expect(stored.updatedBy).toBe(coordinator.id);
      expect(outbox.has(`elders:${elder.id}`)).toBe(true);
      const schedules = await schedulesOf(elder.id);
      // The visit made stays the leaving worker's; the overdue and coming ones move, dates kept.
      expect(schedules.map((s) => [s.plannedDate, s.status, s.workerId === taking.id])).toEqual([
        ['2026-11-20', 'done', false],
        ['2026-11-30', 'planned', true],
        ['2026-12-14', 'planned', true],
        ['2026-12-21', 'planned', true],
      ]);
      for (const schedule of schedules.filter((s) => s.status === 'planned')) {
        expect(outbox.has(`schedules:${schedule.id}`)).toBe(true);
      }
    }
    expect(outbox.size).toBe(50 * 4);
  });

  it('leaves the elders of a town the new worker does not have with the leaving worker', async () => {
    const [eastern] = await caseload(1, TOWN_A);
    const [other] = await caseload(1, TOWN_B);

    const preview = await previewCaseloadMove(database(), leaving.id, taking, coordinator);
    const result = await moveCaseload(database(), leaving.id, taking, { mover: coordinator, now });

    expect(preview.move.map((e) => e.id)).toEqual([eastern?.id]);
    expect(result.move.map((e) => e.id)).toEqual([eastern?.id]);
    expect(result.stay.map(({ elder, reason }) => [elder.id, reason])).toEqual([[other?.id, 'workerTown']]);
    const stayed = (await database().elders.findOne(other?.id).exec())?.toMutableJSON() as Elder;
    expect(stayed.assignedWorkerId).toBe(leaving.id);
    expect((await schedulesOf(other?.id ?? '')).every((s) => s.workerId === leaving.id)).toBe(true);
  });

  it('writes nothing when there is nothing to move', async () => {
    await caseload(2);
    const disabled = { ...taking, disabled: true };

    const result = await moveCaseload(database(), leaving.id, disabled, { mover: coordinator, now });

    expect(result.move).toEqual([]);
    expect(result.stay.map((s) => s.reason)).toEqual(['notAWorker', 'notAWorker']);
    expect((await outboxKeys()).size).toBe(0);
  });
});
