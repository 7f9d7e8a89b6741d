import { addDays, addMonths, differenceInCalendarDays, lightFormat, parseISO } from 'date-fns';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addInterval,
  computeDue,
  DEFAULT_CADENCE,
  daysBetween,
  localDateOf,
  toLocalDate,
} from '../../src/domain/cadence';
import type { Elder, Schedule, Visit } from '../../src/domain/schemas';
import { makeElder, makeSchedule, makeVisit } from '../support/fixtures';

const today = '2026-11-29';

function dueFor(elder: Elder, visits: Visit[] = [], schedules: Schedule[] = []) {
  const [item] = computeDue({ elders: [elder], visits, schedules, today });
  if (!item) throw new Error('no due item');
  return item;
}

describe('cadence', () => {
  it('adds a week, a month and a quarter as calendar intervals', () => {
    expect(addInterval('2026-11-29', DEFAULT_CADENCE.high)).toBe('2026-12-06');
    expect(addInterval('2026-01-31', DEFAULT_CADENCE.key)).toBe('2026-02-28');
    expect(addInterval('2026-11-15', DEFAULT_CADENCE.general)).toBe('2027-02-15');
  });

  it('makes an elder who was never visited due today', () => {
    const item = dueFor(makeElder({ riskTier: 'general' }));
    expect(item).toMatchObject({ dueDate: today, status: 'due', daysOverdue: 0, lastVisitDate: null });
  });

  it('counts a high-risk elder overdue eight days after the last visit', () => {
    const elder = makeElder({ riskTier: 'high' });
    const item = dueFor(elder, [makeVisit(elder, { startedAt: '2026-11-21T02:00:00.000Z' })]);
    expect(item).toMatchObject({
      dueDate: '2026-11-28',
      status: 'overdue',
      daysOverdue: 1,
      lastVisitDate: '2026-11-21',
    });
  });

  it('keeps a key elder visited this month upcoming until a month has passed', () => {
    const elder = makeElder({ riskTier: 'key' });
    const item = dueFor(elder, [makeVisit(elder, { startedAt: '2026-11-10T02:00:00.000Z' })]);
    expect(item).toMatchObject({ dueDate: '2026-12-10', status: 'upcoming', daysOverdue: 0 });
  });

  it('uses the latest visit, ignoring deleted ones', () => {
    const elder = makeElder({ riskTier: 'high' });
    const visits = [
      makeVisit(elder, { startedAt: '2026-11-01T02:00:00.000Z' }),
      makeVisit(elder, { startedAt: '2026-11-25T02:00:00.000Z' }),
      makeVisit(elder, { startedAt: '2026-11-28T02:00:00.000Z', _deleted: true }),
    ];
    expect(dueFor(elder, visits).lastVisitDate).toBe('2026-11-25');
  });

  it('lets an earlier planned visit make the elder due sooner, and names it', () => {
    const elder = makeElder({ riskTier: 'general' });
    const visits = [makeVisit(elder, { startedAt: '2026-11-01T02:00:00.000Z' })];
    const planned = makeSchedule(elder, { plannedDate: '2026-11-26' });
    const item = dueFor(elder, visits, [
      planned,
      makeSchedule(elder, { plannedDate: '2026-11-20', status: 'done' }),
    ]);
    expect(item).toMatchObject({
      dueDate: '2026-11-26',
      status: 'overdue',
      daysOverdue: 3,
      scheduleId: planned.id,
      reason: 'schedule',
    });
  });

  it('reads the visit day in local time, so an early-morning visit in Zhongshan counts for that day', () => {
    // 23:30 UTC on the 28th is 07:30 on the 29th in Asia/Shanghai (vitest runs with TZ=Asia/Shanghai).
    expect(localDateOf('2026-11-28T23:30:00.000Z')).toBe('2026-11-29');
  });

  it('honours a region that overrides the default frequency', () => {
    const elder = makeElder({ riskTier: 'key' });
    const visits = [makeVisit(elder, { startedAt: '2026-11-10T02:00:00.000Z' })];
    const rules = { ...DEFAULT_CADENCE, key: { every: 14, unit: 'day' as const } };
    const [item] = computeDue({ elders: [elder], visits, schedules: [], today, rules });
    expect(item?.dueDate).toBe('2026-11-24');
  });

  it('orders elders by due date and leaves out deleted elders', () => {
    const a = makeElder({ riskTier: 'general' });
    const b = makeElder({ riskTier: 'high' });
    const gone = makeElder({ _deleted: true });
    const visits = [
      makeVisit(a, { startedAt: '2026-11-20T02:00:00.000Z' }),
      makeVisit(b, { startedAt: '2026-11-20T02:00:00.000Z' }),
    ];
    const items = computeDue({ elders: [a, b, gone], visits, schedules: [], today });
    expect(items.map((i) => i.elderId)).toEqual([b.id, a.id]);
  });

  it('leaves out an elder who left the register, even one never visited', () => {
    const archived = makeElder({ archivedOn: '2026-11-01', archiveReason: 'deceased' });
    const onRegister = makeElder({ archivedOn: null, archiveReason: null });
    const items = computeDue({ elders: [archived, onRegister], visits: [], schedules: [], today });
    expect(items.map((i) => i.elderId)).toEqual([onRegister.id]);
  });
});

// The cadence does its own calendar arithmetic for speed; date-fns is the reference it must match.
describe('calendar arithmetic, checked against date-fns', () => {
  const day = fc
    .date({
      min: new Date('1900-01-01T00:00:00Z'),
      max: new Date('2200-12-31T00:00:00Z'),
      noInvalidDate: true,
    })
    .map((d) => lightFormat(d, 'yyyy-MM-dd'));
  const instant = fc
    .date({
      min: new Date('1950-01-01T00:00:00Z'),
      max: new Date('2100-01-01T00:00:00Z'),
      noInvalidDate: true,
    })
    .map((d) => d.toISOString());

  it('adds days, weeks and months as date-fns does, month ends included', () => {
    fc.assert(
      fc.property(day, fc.integer({ min: 0, max: 400 }), (date, n) => {
        const start = parseISO(date);
        expect(addInterval(date, { every: n, unit: 'day' })).toBe(
          lightFormat(addDays(start, n), 'yyyy-MM-dd'),
        );
        expect(addInterval(date, { every: n, unit: 'week' })).toBe(
          lightFormat(addDays(start, 7 * n), 'yyyy-MM-dd'),
        );
        expect(addInterval(date, { every: n % 40, unit: 'month' })).toBe(
          lightFormat(addMonths(start, n % 40), 'yyyy-MM-dd'),
        );
      }),
      { numRuns: 2000 },
    );
  });

  it('counts calendar days between two dates as date-fns does', () => {
    fc.assert(
      fc.property(day, day, (a, b) => {
        expect(daysBetween(a, b)).toBe(differenceInCalendarDays(parseISO(b), parseISO(a)));
      }),
      { numRuns: 2000 },
    );
  });

  it("gives an instant's local day as date-fns does, in the device's time zone", () => {
    fc.assert(
      fc.property(instant, (at) => {
        expect(localDateOf(at)).toBe(lightFormat(new Date(at), 'yyyy-MM-dd'));
        expect(toLocalDate(new Date(at))).toBe(lightFormat(new Date(at), 'yyyy-MM-dd'));
      }),
      { numRuns: 2000 },
    );
  });
});
