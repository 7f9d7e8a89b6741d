// Due and overdue, defined once (src/domain/cadence.ts computeDue): from the last actual visit and
// the tier's cadence in the elder's town, brought forward by an earlier planned visit or by a missed
// one still owed. Today, 计划 and the coordinator's board all read it; the last tests check that.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeTodaySnapshot, encodeTodaySnapshot } from '../../src/app/db/todaySnapshot';
import { dueByElder } from '../../src/domain/board';
import {
  type CadenceRules,
  computeDue,
  DEFAULT_CADENCE,
  daysBetween,
  dueStatusOn,
  type RulesOf,
  schedulesSettingDue,
} from '../../src/domain/cadence';
import type { Elder, Schedule } from '../../src/domain/schemas';
import { makeElder, makeSchedule } from '../support/fixtures';

const today = '2026-12-07';

/** The one elder's due item, with the last visit on `last` (null: never visited). */
function dueOf(
  elder: Elder,
  {
    last = null,
    schedules = [],
    rules,
  }: { last?: string | null; schedules?: Schedule[]; rules?: RulesOf } = {},
) {
  const lastVisit = new Map(last === null ? [] : [[elder.id, last]]);
  const [item] = computeDue({ elders: [elder], lastVisit, schedules, today, rules });
  if (!item) throw new Error('no due item');
  return item;
}

describe('the one notion of due', () => {
  it('makes an elder never visited and with nothing planned due today', () => {
    expect(dueOf(makeElder())).toMatchObject({
      dueDate: today,
      status: 'due',
      daysOverdue: 0,
      reason: 'cadence',
    });
  });

  it('counts the cadence from the last actual visit, for each tier', () => {
    expect(dueOf(makeElder({ riskTier: 'high' }), { last: '2026-12-01' }).dueDate).toBe('2026-12-08');
    expect(dueOf(makeElder({ riskTier: 'key' }), { last: '2026-11-01' }).dueDate).toBe('2026-12-01');
    expect(dueOf(makeElder({ riskTier: 'general' }), { last: '2026-09-07' }).dueDate).toBe('2026-12-07');
  });

  it('counts days overdue as calendar days from the due date to today', () => {
    const item = dueOf(makeElder({ riskTier: 'high' }), { last: '2026-11-25' });
    expect(item).toMatchObject({ dueDate: '2026-12-02', status: 'overdue', daysOverdue: 5 });
    expect(item.daysOverdue).toBe(daysBetween(item.dueDate, today));
  });

  it('uses the cadence of the elder’s town', () => {
    const everyThreeDays: CadenceRules = { ...DEFAULT_CADENCE, high: { every: 3, unit: 'day' } };
    const elder = makeElder({ riskTier: 'high' });
    expect(dueOf(elder, { last: '2026-12-01', rules: () => everyThreeDays }).dueDate).toBe('2026-12-04');
  });

  it('brings the due date forward to a planned visit earlier than the cadence, not back to a later one', () => {
    const elder = makeElder({ riskTier: 'key' });
    const early = makeSchedule(elder, { plannedDate: '2026-12-03', kind: 'follow_up' });
    expect(dueOf(elder, { last: '2026-11-20', schedules: [early] })).toMatchObject({
      dueDate: '2026-12-03',
      daysOverdue: 4,
      reason: 'schedule',
      scheduleId: early.id,
    });
    const late = makeSchedule(elder, { plannedDate: '2026-12-30' });
    expect(dueOf(elder, { last: '2026-11-20', schedules: [late] })).toMatchObject({
      dueDate: '2026-12-20',
      reason: 'cadence',
      scheduleId: late.id,
    });
  });

  it('keeps an elder overdue from a missed visit until someone visits, with the same day count', () => {
    const elder = makeElder({ riskTier: 'key' });
    const planned = makeSchedule(elder, { plannedDate: '2026-12-02', kind: 'follow_up' });
    const before = dueOf(elder, { last: '2026-11-25', schedules: [planned] });
    const missed = { ...planned, status: 'missed' as const, missedReason: 'in_hospital' as const };
    const after = dueOf(elder, { last: '2026-11-25', schedules: [missed] });
    expect(after).toMatchObject({
      dueDate: before.dueDate,
      daysOverdue: before.daysOverdue,
      status: 'overdue',
    });
    expect(after).toMatchObject({ reason: 'missed', missedId: planned.id, scheduleId: null });
  });

  it('no longer counts a missed visit once a visit is recorded on its day or later', () => {
    const elder = makeElder({ riskTier: 'key' });
    const missed = makeSchedule(elder, {
      plannedDate: '2026-12-02',
      status: 'missed',
      missedReason: 'not_home',
    });
    expect(dueOf(elder, { last: '2026-12-02', schedules: [missed] })).toMatchObject({
      dueDate: '2027-01-02',
      status: 'upcoming',
      missedId: null,
    });
    expect(dueOf(elder, { last: '2026-12-05', schedules: [missed] }).reason).toBe('cadence');
  });

  it('takes the earliest of the cadence, a planned and a missed visit, a planned one first on a tie', () => {
    const elder = makeElder({ riskTier: 'high' });
    const missed = makeSchedule(elder, {
      plannedDate: '2026-12-01',
      status: 'missed',
      missedReason: 'refused',
    });
    const planned = makeSchedule(elder, { plannedDate: '2026-12-03' });
    expect(dueOf(elder, { last: '2026-11-28', schedules: [planned, missed] })).toMatchObject({
      dueDate: '2026-12-01',
      reason: 'missed',
      scheduleId: planned.id,
    });
    const sameDay = { ...planned, plannedDate: '2026-12-01' };
    expect(dueOf(elder, { last: '2026-11-28', schedules: [sameDay, missed] }).reason).toBe('schedule');
  });

  it('ignores planned visits done, cancelled or deleted, and missed ones deleted', () => {
    const elder = makeElder({ riskTier: 'key' });
    const schedules = [
      makeSchedule(elder, { plannedDate: '2026-11-30', status: 'done' }),
      makeSchedule(elder, { plannedDate: '2026-11-30', status: 'cancelled' }),
      makeSchedule(elder, { plannedDate: '2026-11-30', _deleted: true }),
      makeSchedule(elder, {
        plannedDate: '2026-11-30',
        status: 'missed',
        missedReason: 'other',
        _deleted: true,
      }),
    ];
    expect(dueOf(elder, { last: '2026-11-20', schedules })).toMatchObject({
      dueDate: '2026-12-20',
      reason: 'cadence',
    });
  });

  it('leaves out elders archived or deleted', () => {
    const elders = [makeElder({ archivedOn: '2026-12-01' }), makeElder({ _deleted: true }), makeElder()];
    const due = computeDue({ elders, lastVisit: new Map(), schedules: [], today });
    expect(due.map((item) => item.elderId)).toEqual([elders[2]?.id]);
  });

  it.each([
    ['2026-12-01', 'overdue', 6],
    ['2026-12-06', 'overdue', 1],
    ['2026-12-07', 'due', 0],
    ['2026-12-08', 'upcoming', 0],
    ['2027-01-07', 'upcoming', 0],
  ] as const)('calls a due date of %s %s on 2026-12-07, %i days overdue', (dueDate, status, days) => {
    expect(dueStatusOn(dueDate, today)).toEqual({ status, daysOverdue: days });
  });
});

describe('every screen reads the same due', () => {
  const elders = [
    makeElder({ riskTier: 'high', name: '甲' }),
    makeElder({ riskTier: 'key', name: '乙' }),
    makeElder({ riskTier: 'general', name: '丙' }),
  ];
  const [a, b, c] = elders as [Elder, Elder, Elder];
  const lastVisit = new Map([
    [a.id, '2026-11-25'],
    [b.id, '2026-11-01'],
  ]);
  const schedules = [
    makeSchedule(a, { plannedDate: '2026-12-02', status: 'missed', missedReason: 'in_hospital' }),
    makeSchedule(a, { plannedDate: '2026-12-09' }),
    makeSchedule(b, { plannedDate: '2026-11-28', kind: 'follow_up' }),
    makeSchedule(b, { plannedDate: '2026-12-05' }),
    makeSchedule(c, { plannedDate: '2026-12-20', status: 'missed', missedReason: 'deceased' }),
  ];
  const expected = computeDue({ elders, lastVisit, schedules, today });

  it('gives the coordinator’s board the items computeDue gives', () => {
    const manager = { role: 'admin' as const, towns: [] };
    const board = dueByElder({
      manager,
      elders,
      schedules,
      lastVisit,
      today,
      cadenceFor: () => DEFAULT_CADENCE,
    });
    expect([...board.values()]).toEqual(expected);
  });

  it('gives Today drawn from its snapshot the items the live database gives', () => {
    const inputs = { elders, lastVisit, schedules, workerNames: new Map<string, string>() };
    const restored = decodeTodaySnapshot('u', encodeTodaySnapshot('u', inputs));
    expect(restored).not.toBeNull();
    expect(computeDue({ ...(restored as NonNullable<typeof restored>), today })).toEqual(expected);
  });

  it('keeps for the snapshot only the planned and missed visits that can set a due date', () => {
    const kept = schedulesSettingDue(schedules, lastVisit).map((s) => s.plannedDate);
    expect(kept.sort()).toEqual(['2026-11-28', '2026-12-02', '2026-12-09', '2026-12-20']);
  });

  it('leaves no screen to count days or due dates of its own: each reads computeDue or dueByElder', () => {
    const dir = 'src/app/ui';
    const screens = readdirSync(dir).filter((name) => name.endsWith('.tsx'));
    for (const name of screens) {
      const source = readFileSync(`${dir}/${name}`, 'utf8');
      expect(source, `${name} counts days itself`).not.toMatch(/\bdaysBetween\b|\bdayNumber\b/);
    }
    for (const name of ['Today.tsx', 'SchedulePage.tsx']) {
      expect(readFileSync(`${dir}/${name}`, 'utf8')).toMatch(/\bcomputeDue\(/);
    }
    expect(readFileSync(`${dir}/Board.tsx`, 'utf8')).toMatch(/\bdueByElder\(/);
  });
});
