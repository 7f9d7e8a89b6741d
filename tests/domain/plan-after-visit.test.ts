// After a visit, the routine visits are planned from the visit's day, not from the day the last one
// had been planned for (issue 19: a visit on 12月7日, the next weekly one planned for 12月12日).
import { describe, expect, it } from 'vitest';
import { DEFAULT_CADENCE } from '../../src/domain/cadence';
import { planAfterVisit } from '../../src/domain/plans';
import { makeElder, makeSchedule } from '../support/fixtures';

const today = '2026-12-07';

describe('planning after a visit', () => {
  const elder = makeElder({ riskTier: 'high' });

  it('plans the next weekly visit a week after the visit and calls off the routine ones planned before', () => {
    const routine = [
      makeSchedule(elder, { plannedDate: '2026-12-05' }),
      makeSchedule(elder, { plannedDate: '2026-12-12' }),
      makeSchedule(elder, { plannedDate: '2026-12-19' }),
    ];
    const change = planAfterVisit(elder, routine, { today, lastVisit: '2026-12-07' });
    expect(change.add.map((plan) => plan.plannedDate)).toEqual([
      '2026-12-14',
      '2026-12-21',
      '2026-12-28',
      '2027-01-04',
    ]);
    expect(change.add.every((plan) => plan.kind === 'routine')).toBe(true);
    expect(change.cancel.sort()).toEqual(routine.map((s) => s.id).sort());
  });

  it('keeps follow-ups, major events, rounds and what is no longer planned', () => {
    const kept = [
      makeSchedule(elder, { plannedDate: '2026-12-09', kind: 'follow_up' }),
      makeSchedule(elder, { plannedDate: '2026-12-07', kind: 'major_event' }),
      makeSchedule(elder, { plannedDate: '2026-12-20', kind: 'festival' }),
      makeSchedule(elder, { plannedDate: '2026-12-01', status: 'missed', missedReason: 'not_home' }),
      makeSchedule(elder, { plannedDate: '2026-12-07', status: 'done' }),
      makeSchedule(elder, { plannedDate: '2026-12-12', _deleted: true }),
      makeSchedule(makeElder(), { plannedDate: '2026-12-12' }),
    ];
    expect(planAfterVisit(elder, kept, { today, lastVisit: '2026-12-07' }).cancel).toEqual([]);
  });

  it('plans from the town’s cadence, and from today when a visit entered late is already an interval old', () => {
    const monthly = { ...DEFAULT_CADENCE, high: { every: 1, unit: 'month' as const } };
    expect(planAfterVisit(elder, [], { today, lastVisit: '2026-12-07', rules: monthly }).add).toEqual([
      { plannedDate: '2027-01-07', kind: 'routine' },
    ]);
    expect(planAfterVisit(elder, [], { today, lastVisit: '2026-11-20' }).add[0]?.plannedDate).toBe(today);
  });
});
