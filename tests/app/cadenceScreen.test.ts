// The visit cadence screen's checks and the device's copy of a town after a change.
import { describe, expect, it } from 'vitest';
import { keepTown, readCachedPlaces } from '../../src/app/places';
import { cadenceErrors } from '../../src/app/ui/CadencePage';
import { cadenceMessages } from '../../src/app/ui/i18nCadence';
import { cadenceOf, DEFAULT_CADENCE } from '../../src/domain/cadence';
import type { Town } from '../../src/domain/places';

const zh = cadenceMessages['zh-CN'];
const en = cadenceMessages.en;

describe('the visit cadence screen', () => {
  it('says nothing of rules the server takes', () => {
    expect(cadenceErrors(DEFAULT_CADENCE, zh)).toEqual({});
  });

  it('names each refused tier in the person’s words: a bound of its unit, or the order of the tiers', () => {
    expect(cadenceErrors({ ...DEFAULT_CADENCE, general: { every: 13, unit: 'month' } }, zh)).toEqual({
      general: zh.range.month,
    });
    expect(cadenceErrors({ ...DEFAULT_CADENCE, key: { every: Number.NaN, unit: 'day' } }, en)).toEqual({
      key: en.range.day,
    });
    expect(cadenceErrors({ ...DEFAULT_CADENCE, high: { every: 5, unit: 'week' } }, zh)).toEqual({
      high: zh.order.high,
    });
    expect(cadenceErrors({ ...DEFAULT_CADENCE, key: { every: 4, unit: 'month' } }, en)).toEqual({
      key: en.order.key,
    });
  });

  it('puts the town as the server answered into the device’s copy, the other towns as they were', () => {
    const items = new Map<string, string>();
    const storage = {
      getItem: (key: string) => items.get(key) ?? null,
      setItem: (key: string, value: string) => void items.set(key, value),
    } as Storage;
    const town = (name: string): Town => ({ name, kind: 'town', communities: [], cadence: DEFAULT_CADENCE });
    const list = { towns: [town('小榄镇'), town('古镇镇')], fetchedAt: '2026-12-01T00:00:00.000Z' };
    storage.setItem('tanfang.places', JSON.stringify(list));
    const fortnightly = { ...DEFAULT_CADENCE, high: { every: 2, unit: 'week' as const } };

    keepTown({ ...town('小榄镇'), cadence: fortnightly }, storage);

    const kept = readCachedPlaces(storage);
    expect(cadenceOf(kept, '小榄镇')).toEqual(fortnightly);
    expect(cadenceOf(kept, '古镇镇')).toEqual(DEFAULT_CADENCE);
    expect(kept?.fetchedAt).toBe(list.fetchedAt);
  });
});
