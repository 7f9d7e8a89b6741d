// Each town's visit cadence: read from the place list, checked when set, and used per elder's town.
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import {
  type CadenceRules,
  cadenceOf,
  computeDue,
  DEFAULT_CADENCE,
  rulesFor,
  tierOutOfOrder,
} from '../../src/domain/cadence';
import { SetCadenceRequest } from '../../src/domain/places';
import { makeElder, makeVisit, TOWN_A, TOWN_B } from '../support/fixtures';

const FORTNIGHTLY: CadenceRules = { ...DEFAULT_CADENCE, high: { every: 2, unit: 'week' } };
const places = {
  towns: [
    { name: TOWN_A, cadence: FORTNIGHTLY },
    { name: TOWN_B, cadence: DEFAULT_CADENCE },
  ],
};

/** The field the request schema names for `rules`, or null when it takes them. */
function refusedField(rules: unknown): string | null {
  const result = z.safeParse(SetCadenceRequest, rules);
  return result.success ? null : (result.error.issues[0]?.path.join('.') ?? '');
}

describe('a town’s cadence from the place list', () => {
  it('is the town’s own when the list has it', () => {
    expect(cadenceOf(places, TOWN_A)).toEqual(FORTNIGHTLY);
    expect(cadenceOf(places, TOWN_B)).toEqual(DEFAULT_CADENCE);
  });

  it('is the defaults with no list, for a town not on it, or for a copy of the list without cadences', () => {
    expect(cadenceOf(null, TOWN_A)).toBe(DEFAULT_CADENCE);
    expect(cadenceOf(places, '火星镇')).toBe(DEFAULT_CADENCE);
    expect(cadenceOf({ towns: [{ name: TOWN_A }] }, TOWN_A)).toBe(DEFAULT_CADENCE);
  });

  it('makes each elder due by their own town’s rules when given per town', () => {
    const inA = makeElder({ riskTier: 'high', town: TOWN_A });
    const inB = makeElder({ riskTier: 'high', town: TOWN_B });
    const visits = [inA, inB].map((elder) => makeVisit(elder, { startedAt: '2026-11-20T02:00:00.000Z' }));
    const due = computeDue({
      elders: [inA, inB],
      visits,
      schedules: [],
      today: '2026-11-29',
      rules: (town) => cadenceOf(places, town),
    });
    expect(due.find((item) => item.elderId === inA.id)?.dueDate).toBe('2026-12-04');
    expect(due.find((item) => item.elderId === inB.id)?.dueDate).toBe('2026-11-27');
    expect(rulesFor(undefined, TOWN_A)).toBe(DEFAULT_CADENCE);
    expect(rulesFor(FORTNIGHTLY, TOWN_B)).toBe(FORTNIGHTLY);
  });
});

describe('setting a town’s cadence', () => {
  it('takes each tier every 1–90 days, 1–52 weeks or 1–12 months, in whole numbers', () => {
    expect(refusedField(DEFAULT_CADENCE)).toBeNull();
    const everyDay = { every: 1, unit: 'day' };
    expect(refusedField({ high: everyDay, key: everyDay, general: everyDay })).toBeNull();
    expect(refusedField({ ...DEFAULT_CADENCE, general: { every: 12, unit: 'month' } })).toBeNull();
    expect(refusedField({ ...DEFAULT_CADENCE, general: { every: 52, unit: 'week' } })).toBeNull();
    expect(refusedField({ ...DEFAULT_CADENCE, key: { every: 90, unit: 'day' } })).toBeNull();
    expect(refusedField({ ...DEFAULT_CADENCE, general: { every: 13, unit: 'month' } })).toBe('general.every');
    expect(refusedField({ ...DEFAULT_CADENCE, general: { every: 53, unit: 'week' } })).toBe('general.every');
    expect(refusedField({ ...DEFAULT_CADENCE, key: { every: 91, unit: 'day' } })).toBe('key.every');
    expect(refusedField({ ...DEFAULT_CADENCE, high: { every: 0, unit: 'day' } })).toBe('high.every');
    expect(refusedField({ ...DEFAULT_CADENCE, high: { every: 2.5, unit: 'day' } })).toBe('high.every');
    expect(refusedField({ ...DEFAULT_CADENCE, high: { every: 1, unit: 'hour' } })).toBe('high.unit');
  });

  it('keeps high risk at least as often as key, and key at least as often as general', () => {
    const rules = (high: string, key: string, general: string): CadenceRules => {
      const rule = (text: string) => {
        const [every, unit] = text.split(' ');
        return { every: Number(every), unit: unit as 'day' | 'week' | 'month' };
      };
      return { high: rule(high), key: rule(key), general: rule(general) };
    };
    expect(tierOutOfOrder(rules('4 week', '1 month', '3 month'))).toBeNull();
    expect(tierOutOfOrder(rules('30 day', '1 month', '1 month'))).toBeNull();
    expect(tierOutOfOrder(rules('31 day', '1 month', '3 month'))).toBe('high');
    expect(tierOutOfOrder(rules('5 week', '1 month', '3 month'))).toBe('high');
    expect(tierOutOfOrder(rules('1 week', '14 week', '3 month'))).toBe('key');
    expect(refusedField(rules('1 week', '4 month', '3 month'))).toBe('key');
  });
});
