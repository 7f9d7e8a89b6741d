import { describe, expect, it } from 'vitest';
import {
  planForArchive,
  planForMajorEvent,
  planForNewElder,
  plannedInRound,
  replan,
  roundMembers,
  routineDates,
} from '../../src/domain/plans';
import { makeElder, makeSchedule, WORKER_ID } from '../support/fixtures';

const TODAY = '2026-12-07';
const NEW_WORKER = '0190c7e2-7c6b-7000-8000-00000000aaaa';

describe('routine visits for the coming weeks', () => {
  it('plans a high-risk elder never visited for today and then weekly, four weeks ahead', () => {
    expect(routineDates({ id: 'e', riskTier: 'high' }, { today: TODAY, lastVisit: null })).toEqual([
      '2026-12-07',
      '2026-12-14',
      '2026-12-21',
      '2026-12-28',
      '2027-01-04',
    ]);
  });

  it('counts from the last visit, and plans at once when the interval has already passed', () => {
    expect(routineDates({ id: 'e', riskTier: 'key' }, { today: TODAY, lastVisit: '2026-11-20' })).toEqual([
      '2026-12-20',
    ]);
    expect(routineDates({ id: 'e', riskTier: 'general' }, { today: TODAY, lastVisit: '2026-06-01' })).toEqual(
      [TODAY],
    );
  });

  it('never plans past the horizon, and always plans at least one visit', () => {
    for (const riskTier of ['high', 'key', 'general'] as const) {
      const dates = routineDates({ id: 'e', riskTier }, { today: TODAY, lastVisit: '2026-12-06' });
      expect(dates.length).toBeGreaterThan(0);
      expect(dates.slice(1).every((date) => date <= '2027-01-04')).toBe(true);
    }
  });

  it('follows a town’s own cadence', () => {
    const rules = {
      high: { every: 3, unit: 'day' },
      key: { every: 2, unit: 'week' },
      general: { every: 1, unit: 'month' },
    } as const;
    expect(routineDates({ id: 'e', riskTier: 'key' }, { today: TODAY, lastVisit: null, rules })).toEqual([
      '2026-12-07',
      '2026-12-21',
      '2027-01-04',
    ]);
  });
});

describe('changes to an elder’s plan', () => {
  const elder = makeElder({ riskTier: 'key' });
  const at = (plannedDate: string, patch: Parameters<typeof makeSchedule>[1] = {}) =>
    makeSchedule(elder, { plannedDate, ...patch });
  const past = at('2026-12-01');
  const routine = at('2026-12-10');
  const followUp = at('2026-12-09', { kind: 'follow_up' });
  const done = at('2026-12-12', { status: 'done' });
  const deleted = at('2026-12-15', { _deleted: true });
  const ofAnother = makeSchedule(makeElder(), { plannedDate: '2026-12-10' });
  const schedules = [past, routine, followUp, done, deleted, ofAnother];

  it('plans a new elder’s routine visits from today', () => {
    expect(planForNewElder({ id: 'e', riskTier: 'key' }, { today: TODAY })).toEqual({
      add: [{ plannedDate: TODAY, kind: 'routine' }],
      cancel: [],
      reassign: [],
    });
  });

  it('replans routine visits after a change, keeps other kinds for the new worker, leaves the past alone', () => {
    const change = replan({ ...elder, riskTier: 'high' }, schedules, {
      today: TODAY,
      lastVisit: '2026-12-05',
      workerId: NEW_WORKER,
    });
    expect(change.cancel).toEqual([routine.id]);
    expect(change.reassign).toEqual([followUp.id]);
    expect(change.add.map((plan) => plan.plannedDate)).toEqual([
      '2026-12-12',
      '2026-12-19',
      '2026-12-26',
      '2027-01-02',
    ]);
    expect(followUp.workerId).toBe(WORKER_ID);
  });

  it('calls off every visit still planned when the elder leaves the register', () => {
    expect(planForArchive(elder.id, schedules, TODAY)).toEqual({
      add: [],
      cancel: [routine.id, followUp.id],
      reassign: [],
    });
  });

  it('plans a major event’s visit today, once', () => {
    expect(planForMajorEvent(elder.id, schedules, TODAY).add).toEqual([
      { plannedDate: TODAY, kind: 'major_event' },
    ]);
    expect(planForMajorEvent(elder.id, [...schedules, at(TODAY)], TODAY).add).toEqual([]);
  });
});

describe('who an extra round reaches', () => {
  const elders = [
    makeElder({ name: 'a', riskTier: 'high', categories: ['living_alone'], community: '竹苑社区' }),
    makeElder({ name: 'b', riskTier: 'key', categories: ['disabled'], community: '竹苑社区' }),
    makeElder({ name: 'c', riskTier: 'high', categories: ['disabled'], community: '桃苑社区' }),
    makeElder({
      name: 'd',
      riskTier: 'high',
      categories: ['living_alone'],
      archivedOn: '2026-11-01',
      archiveReason: 'moved',
    }),
  ];
  const names = (group: Parameters<typeof roundMembers>[1]) =>
    roundMembers(elders, group).map((elder) => elder.name);

  it('takes every part of the group that is given, and no elder off the register', () => {
    expect(names({})).toEqual(['a', 'b', 'c']);
    expect(names({ tiers: ['high'] })).toEqual(['a', 'c']);
    expect(names({ tiers: ['high'], community: '竹苑社区' })).toEqual(['a']);
    expect(names({ categories: ['disabled', 'dementia'] })).toEqual(['b', 'c']);
  });
});

describe('who a round has already reached', () => {
  it('is each elder with a visit of that kind planned or made that day, not one called off or deleted', () => {
    const day = { plannedDate: '2026-12-24', kind: 'festival' as const };
    const planned = makeSchedule(makeElder(), day);
    const made = makeSchedule(makeElder(), { ...day, status: 'done' });
    const other = makeElder();
    const schedules = [
      planned,
      made,
      makeSchedule(makeElder(), { ...day, status: 'cancelled' }),
      makeSchedule(makeElder(), { ...day, _deleted: true }),
      makeSchedule(other, { ...day, kind: 'routine' }),
      makeSchedule(other, { ...day, plannedDate: '2026-12-25' }),
    ];
    expect(plannedInRound(schedules, { date: '2026-12-24', kind: 'festival' })).toEqual(
      new Set([planned.elderId, made.elderId]),
    );
  });
});
