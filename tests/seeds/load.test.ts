import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDaysToDate, daysFromTo } from '../../seeds/dates';
import { DEMO_OPTIONS, datasetJson, generateDataset } from '../../seeds/generate';
import { DEMO_FILE, loadDemoDataset, readDemoFile, shiftDataset } from '../../seeds/load';
import { computeDue } from '../../src/domain/cadence';
import type { Dataset } from '../../src/domain/dataset';
import { dueCounts, schemaFailures } from './helpers';

const { baseDate, ...original } = readDemoFile();
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Each elder's standing (overdue, due or upcoming), by elder id. How many days late may move by a day
 * or so: a month after a shifted day is not always the shifted month-later day.
 */
function standings(dataset: Dataset, today: string) {
  return Object.fromEntries(computeDue({ ...dataset, today }).map((item) => [item.elderId, item.status]));
}

describe('the committed demo data', () => {
  it('is what the CLI writes for 60 elders, seed 1 and 2026-11-29', () => {
    expect(baseDate).toBe('2026-11-29');
    expect(readFileSync(DEMO_FILE, 'utf8')).toBe(datasetJson(DEMO_OPTIONS));
    expect(original).toEqual(generateDataset(DEMO_OPTIONS));
  });

  it('loads unchanged on its own base date', () => {
    expect(loadDemoDataset(baseDate)).toEqual(original);
  });

  it.each(['2026-11-30', '2027-03-01', '2028-02-29', '2025-01-31', '2031-07-15'])(
    'loads on %s with the same overdue, due-today and upcoming counts as at its base date',
    (today) => {
      const loaded = loadDemoDataset(today);
      expect(dueCounts(loaded, today)).toEqual(dueCounts(original, baseDate));
      expect(standings(loaded, today)).toEqual(standings(original, baseDate));
      expect(schemaFailures(loaded)).toEqual([]);
    },
  );

  it('keeps every elder standing as it was, whatever whole number of days it is shifted by', () => {
    const before = standings(original, baseDate);
    fc.assert(
      fc.property(fc.integer({ min: -4000, max: 4000 }), (days) => {
        const today = addDaysToDate(baseDate, days);
        expect(standings(shiftDataset(original, days), today)).toEqual(before);
      }),
      { numRuns: 60 },
    );
  });

  it('refuses a day that is not a date', () => {
    expect(() => loadDemoDataset('29/11/2026')).toThrow(RangeError);
    expect(() => loadDemoDataset('2026-13-01')).toThrow(RangeError);
  });
});

describe('shifting a dataset', () => {
  const days = 45;
  const shifted = shiftDataset(original, days);

  it('moves planned dates and every instant by whole days, keeping the offset', () => {
    original.schedules.forEach((schedule, index) => {
      const moved = shifted.schedules[index];
      expect(daysFromTo(schedule.plannedDate, moved?.plannedDate ?? '')).toBe(days);
      expect(Date.parse(moved?.updatedAt ?? '') - Date.parse(schedule.updatedAt)).toBe(days * DAY_MS);
    });
    original.visits.forEach((visit, index) => {
      const moved = shifted.visits[index];
      for (const field of ['startedAt', 'endedAt', 'updatedAt'] as const) {
        expect(Date.parse(moved?.[field] ?? '') - Date.parse(visit[field])).toBe(days * DAY_MS);
        expect(moved?.[field].slice(-6)).toBe(visit[field].slice(-6));
      }
    });
    for (const [before, after] of [
      [original.users, shifted.users],
      [original.elders, shifted.elders],
    ] as const) {
      before.forEach((record, index) => {
        expect(Date.parse(after[index]?.updatedAt ?? '') - Date.parse(record.updatedAt)).toBe(days * DAY_MS);
      });
    }
  });

  it('moves the register’s dates and consent dates, and leaves a missing one missing', () => {
    original.elders.forEach((elder, index) => {
      const moved = shifted.elders[index];
      expect(daysFromTo(elder.registeredOn ?? '', moved?.registeredOn ?? '')).toBe(days);
      if (elder.consentDate) expect(daysFromTo(elder.consentDate, moved?.consentDate ?? '')).toBe(days);
      else expect(moved?.consentDate).toBe(elder.consentDate);
      expect(moved?.archivedOn).toBeNull();
    });
    const [first] = original.elders;
    if (!first) throw new Error('the demo has elders');
    const { registeredOn: _r, ...undated } = first;
    const [moved] = shiftDataset({ ...original, elders: [undated] }, days).elders;
    expect(moved).not.toHaveProperty('registeredOn');
  });

  it('leaves birth dates, ids and everything else as they were', () => {
    const strip = (dataset: Dataset) => ({
      users: dataset.users.map(({ updatedAt: _u, ...rest }) => rest),
      elders: dataset.elders.map(({ updatedAt: _u, registeredOn: _r, consentDate: _c, ...rest }) => rest),
      schedules: dataset.schedules.map(({ updatedAt: _u, plannedDate: _p, ...rest }) => rest),
      visits: dataset.visits.map(({ updatedAt: _u, startedAt: _s, endedAt: _e, ...rest }) => rest),
    });
    expect(strip(shifted)).toEqual(strip(original));
    expect(shifted.elders.map((elder) => elder.birthDate)).toEqual(
      original.elders.map((elder) => elder.birthDate),
    );
  });

  it('does not change the dataset it is given', () => {
    const copy = structuredClone(original);
    shiftDataset(original, -400);
    expect(original).toEqual(copy);
  });

  it('moves instants written in UTC as well', () => {
    const [visit] = original.visits;
    if (!visit) throw new Error('the demo has visits');
    const utc = {
      ...original,
      visits: [{ ...visit, startedAt: '2026-01-31T23:30:00Z', endedAt: '2026-02-01T00:10:00.000Z' }],
    };
    const [moved] = shiftDataset(utc, 1).visits;
    expect(moved).toMatchObject({ startedAt: '2026-02-01T23:30:00Z', endedAt: '2026-02-02T00:10:00.000Z' });
  });
});
