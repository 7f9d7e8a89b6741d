// Which elders move when a worker's caseload is given to another, and which planned visits follow.
import { describe, expect, it } from 'vitest';
import { caseloadOf, planCaseloadMove, visitsToHandOver } from '../../src/domain/caseload';
import { makeElder, makeSchedule, makeUser, TOWN_A, TOWN_B } from '../support/fixtures';

const leaving = makeUser({ username: 'leaving', role: 'worker', towns: [TOWN_A, TOWN_B] });
const staying = makeUser({ username: 'staying', role: 'worker', towns: [TOWN_A] });
const coordinatorA = makeUser({ username: 'coord-a', role: 'coordinator', towns: [TOWN_A] });
const admin = makeUser({ username: 'admin', role: 'admin', towns: [] });

const ofLeaving = (patch: Parameters<typeof makeElder>[0] = {}) =>
  makeElder({ assignedWorkerId: leaving.id, ...patch });

describe('a worker’s caseload', () => {
  it('is the elders on the register assigned to them, not the archived, deleted or others’', () => {
    const mine = ofLeaving({ name: '在册' });
    const elders = [
      mine,
      ofLeaving({ name: '已归档', archivedOn: '2026-11-01', archiveReason: 'deceased' }),
      ofLeaving({ name: '已删除', _deleted: true }),
      makeElder({ name: '别人的', assignedWorkerId: staying.id }),
    ];
    expect(caseloadOf(elders, leaving.id)).toEqual([mine]);
  });
});

describe('moving a caseload', () => {
  it('moves every elder of a town both workers have, in order', () => {
    const elders = [ofLeaving({ name: '甲' }), ofLeaving({ name: '乙' })];
    const plan = planCaseloadMove(elders, { from: leaving.id, to: staying, mover: coordinatorA });
    expect(plan.move.map((e) => e.name)).toEqual(['甲', '乙']);
    expect(plan.stay).toEqual([]);
  });

  it('leaves an elder of a town the new worker does not have, saying so', () => {
    const other = ofLeaving({ name: '小榄', town: TOWN_B, community: '新市社区' });
    const plan = planCaseloadMove([other, ofLeaving({ name: '东区' })], {
      from: leaving.id,
      to: staying,
      mover: admin,
    });
    expect(plan.move.map((e) => e.name)).toEqual(['东区']);
    expect(plan.stay).toEqual([{ elder: other, reason: 'workerTown' }]);
  });

  it('leaves an elder of a town the mover does not manage, even when the new worker has it', () => {
    const other = ofLeaving({ name: '小榄', town: TOWN_B });
    const bothTowns = { ...staying, towns: [TOWN_A, TOWN_B] };
    const plan = planCaseloadMove([other], { from: leaving.id, to: bothTowns, mover: coordinatorA });
    expect(plan).toEqual({ move: [], stay: [{ elder: other, reason: 'notYourTown' }] });
  });

  it('moves nothing to a disabled worker or to someone who is not a worker', () => {
    const elder = ofLeaving();
    for (const to of [{ ...staying, disabled: true }, coordinatorA]) {
      const plan = planCaseloadMove([elder], { from: leaving.id, to, mover: admin });
      expect(plan).toEqual({ move: [], stay: [{ elder, reason: 'notAWorker' }] });
    }
  });

  it('moves nothing to the same worker', () => {
    const plan = planCaseloadMove([ofLeaving()], { from: leaving.id, to: leaving, mover: admin });
    expect(plan).toEqual({ move: [], stay: [] });
  });
});

describe('the planned visits that follow a moved elder', () => {
  it('are every visit still planned, overdue ones included, but not those made, called off or deleted', () => {
    const elder = ofLeaving();
    const planned = makeSchedule(elder, { workerId: leaving.id, plannedDate: '2026-12-20' });
    const overdue = makeSchedule(elder, { workerId: leaving.id, plannedDate: '2026-11-01' });
    const schedules = [
      planned,
      overdue,
      makeSchedule(elder, { workerId: leaving.id, status: 'done' }),
      makeSchedule(elder, { workerId: leaving.id, status: 'cancelled' }),
      makeSchedule(elder, { workerId: leaving.id, _deleted: true }),
      makeSchedule(elder, { workerId: staying.id }),
      makeSchedule(makeElder({ assignedWorkerId: leaving.id }), { workerId: leaving.id }),
    ];
    expect(visitsToHandOver(schedules, elder.id, staying.id)).toEqual([planned.id, overdue.id]);
  });
});
