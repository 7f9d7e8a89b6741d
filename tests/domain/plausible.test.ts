import { describe, expect, it } from 'vitest';
import {
  implausibleElder,
  implausibleSchedule,
  implausibleVisit,
  implausibleVolunteer,
  isPhoneNumber,
  recordsNothing,
} from '../../src/domain/plausible';
import type { Visit } from '../../src/domain/schemas';
import { searchElders } from '../../src/domain/search';
import { makeElder, makeSchedule, makeVisit, makeVolunteer } from '../support/fixtures';

const NOW = new Date('2026-11-20T03:00:00.000Z');
const elder = makeElder();
// The fixture's visit records only its living situation.
const nothing: Partial<Visit> = { livingSituation: '' };
const startingAt = (iso: string) => makeVisit(elder, { startedAt: iso, endedAt: iso });

describe('phone numbers', () => {
  it('takes mobiles, landlines with area codes, +86, short service numbers and blank', () => {
    for (const phone of [
      '',
      '13800138000',
      '0760-88881234',
      '(0760)88881234',
      '+86 138 0013 8000',
      '12349',
    ]) {
      expect(isPhoneNumber(phone), phone).toBe(true);
    }
  });

  it('refuses letters, words and too few or too many digits', () => {
    for (const phone of ['abc', '问居委会', '1380013800x', '1234', '1'.repeat(21), '--']) {
      expect(isPhoneNumber(phone), phone).toBe(false);
    }
  });

  it("names the elder's own phone or the contact whose phone an edit made no number", () => {
    expect(implausibleElder({ ...elder, phone: 'abc' }, elder)).toEqual({ field: 'phone', rule: 'phone' });
    const contacts = [...elder.contacts, { name: '邻居', relation: '', phone: 'abc', emergency: false }];
    expect(implausibleElder({ ...elder, contacts }, elder)).toEqual({
      field: 'contacts.1.phone',
      rule: 'phone',
    });
    expect(implausibleVolunteer(makeVolunteer({ phone: 'abc' }), undefined)?.field).toBe('phone');
  });

  it('lets a record stored with a bad phone be edited in its other fields', () => {
    const stored = { ...elder, phone: '问居委会' };
    expect(implausibleElder({ ...stored, notes: '耳背' }, stored)).toBeNull();
  });
});

describe('visits', () => {
  it('refuses a start more than 10 minutes ahead of now, and takes one up to 10 minutes ahead', () => {
    expect(implausibleVisit(startingAt('2026-11-20T03:10:01.000Z'), undefined, NOW)).toEqual({
      field: 'startedAt',
      rule: 'futureStart',
    });
    expect(implausibleVisit(startingAt('2026-11-20T03:10:00.000Z'), undefined, NOW)).toBeNull();
    expect(implausibleVisit(startingAt('2026-12-03T03:00:00.000Z'), undefined, NOW)?.rule).toBe(
      'futureStart',
    );
  });

  it('refuses a new visit that records nothing, and counts any one thing recorded', () => {
    const empty = makeVisit(elder, nothing);
    expect(recordsNothing(empty)).toBe(true);
    expect(implausibleVisit(empty, undefined, NOW)).toEqual({ field: 'livingSituation', rule: 'emptyVisit' });
    expect(recordsNothing({ ...empty, services: ['cleaning'] })).toBe(false);
    expect(recordsNothing({ ...empty, notes: ' 电话没人接 ' })).toBe(false);
    expect(recordsNothing({ ...empty, followUp: { needed: true, urgency: 'high', note: '' } })).toBe(false);
    expect(recordsNothing({ ...empty, wish: { text: '想去公园', fulfilledAt: null } })).toBe(false);
    expect(recordsNothing({ ...empty, notes: '   ' })).toBe(true);
  });

  it('lets a stored visit be edited even when it records nothing or its start is unchanged', () => {
    const stored = makeVisit(elder, {
      ...nothing,
      startedAt: '2026-12-03T03:00:00.000Z',
      endedAt: '2026-12-03T04:00:00.000Z',
    });
    expect(
      implausibleVisit({ ...stored, followUpDoneAt: '2026-11-20T03:00:00.000Z' }, stored, NOW),
    ).toBeNull();
  });
});

describe('rescheduling', () => {
  const planned = makeSchedule(elder, { plannedDate: '2026-11-25' });
  const local = new Date(2026, 10, 20, 12); // noon of 20 November, the device's own day

  it('refuses moving a planned visit to a day before today, and takes today', () => {
    expect(implausibleSchedule({ ...planned, plannedDate: '2026-11-19' }, planned, local)).toEqual({
      field: 'plannedDate',
      rule: 'pastDate',
    });
    expect(implausibleSchedule({ ...planned, plannedDate: '2026-11-20' }, planned, local)).toBeNull();
  });

  it('leaves alone a planned visit already past whose date is not changed', () => {
    const overdue = { ...planned, plannedDate: '2026-11-01' };
    expect(implausibleSchedule({ ...overdue, status: 'missed' }, overdue, local)).toBeNull();
    expect(implausibleSchedule({ ...overdue, note: '改天' }, overdue, local)).toBeNull();
  });
});

describe('the elder list', () => {
  it('never says a negative number of days since a visit dated after today', () => {
    const query = { text: '', tiers: [], categories: [], sort: 'name' } as const;
    const [match] = searchElders([elder], new Map([[elder.id, '2026-12-03']]), query, '2026-11-20');
    expect(match?.daysSinceVisit).toBe(0);
  });
});
