import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDaysToDate, ageOn, daysFromTo } from '../../seeds/dates';
import {
  DEMO_OPTIONS,
  DEMO_PASSWORD,
  DEMO_TOWNS,
  deriveRiskTier,
  generateDataset,
  PLAN_AHEAD_DAYS,
} from '../../seeds/generate';
import { shiftDataset } from '../../seeds/load';
import { addInterval, computeDue, DEFAULT_CADENCE, localDateOf } from '../../src/domain/cadence';
import { dueCounts, schemaFailures } from './helpers';

const today = DEMO_OPTIONS.today;
const demo = generateDataset(DEMO_OPTIONS);
const large = generateDataset({ elders: 2000, seed: 20261129, today: '2027-03-01' });
const datasets = [
  { name: 'the demo', dataset: demo, today },
  { name: 'a 2,000-elder dataset', dataset: large, today: '2027-03-01' },
];
const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('the demo-data generator', () => {
  it.each(datasets)('makes records that all pass their schemas ($name)', ({ dataset }) => {
    expect(schemaFailures(dataset)).toEqual([]);
    expect(dataset.elders.length).toBeGreaterThan(0);
  });

  it('gives the same dataset for the same seed and day, and another for another seed', () => {
    expect(generateDataset(DEMO_OPTIONS)).toEqual(demo);
    const other = generateDataset({ ...DEMO_OPTIONS, seed: 2 });
    expect(other.elders.map((e) => e.name)).not.toEqual(demo.elders.map((e) => e.name));
    expect(other.elders[0]?.id).not.toBe(demo.elders[0]?.id);
  });

  it('makes the requested number of elders, and none on request', () => {
    expect(demo.elders).toHaveLength(60);
    expect(large.elders).toHaveLength(2000);
    const empty = generateDataset({ ...DEMO_OPTIONS, elders: 0 });
    expect(empty).toMatchObject({ elders: [], schedules: [], visits: [] });
    expect(empty.users).toHaveLength(5);
  });

  it('refuses impossible options', () => {
    expect(() => generateDataset({ ...DEMO_OPTIONS, elders: -5 })).toThrow(RangeError);
    expect(() => generateDataset({ ...DEMO_OPTIONS, elders: 1.5 })).toThrow(RangeError);
    expect(() => generateDataset({ ...DEMO_OPTIONS, seed: -1 })).toThrow(RangeError);
    expect(() => generateDataset({ ...DEMO_OPTIONS, today: '2026-02-30' })).toThrow(RangeError);
  });

  it.each(datasets)('gives every record a unique UUID v7 id ($name)', ({ dataset }) => {
    const ids = [dataset.users, dataset.elders, dataset.schedules, dataset.visits, dataset.volunteers ?? []]
      .flat()
      .map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(UUID_V7);
  });

  it('has the five demo users with the documented password, all changed by the coordinator', () => {
    const byName = new Map(demo.users.map((user) => [user.username, user]));
    expect([...byName.keys()].sort()).toEqual(['admin', 'coordinator', 'worker1', 'worker2', 'worker3']);
    for (const user of demo.users) {
      expect(user.password).toBe(DEMO_PASSWORD);
      expect(user.password).toBe('tanfang-demo');
      expect(user.updatedBy).toBe(byName.get('coordinator')?.id);
    }
    expect(byName.get('admin')).toMatchObject({ role: 'admin', towns: [] });
    expect(byName.get('coordinator')).toMatchObject({ role: 'coordinator', towns: [...DEMO_TOWNS] });
    expect(byName.get('worker1')).toMatchObject({ role: 'worker', towns: ['东区街道'] });
    expect(byName.get('worker2')).toMatchObject({ role: 'worker', towns: ['东区街道'] });
    expect(byName.get('worker3')).toMatchObject({ role: 'worker', towns: ['小榄镇'] });
  });

  it.each(datasets)(
    'assigns each elder to exactly one worker of its own town, evenly ($name)',
    ({ dataset }) => {
      const users = new Map(dataset.users.map((user) => [user.id, user]));
      const perWorker = new Map<string, number>();
      for (const elder of dataset.elders) {
        const worker = users.get(elder.assignedWorkerId);
        expect(worker?.role).toBe('worker');
        expect(worker?.towns).toContain(elder.town);
        perWorker.set(elder.assignedWorkerId, (perWorker.get(elder.assignedWorkerId) ?? 0) + 1);
      }
      const counts = [...perWorker.values()];
      expect(counts).toHaveLength(3);
      expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
      // Visits and planned visits are the assigned worker's, in the elder's town.
      const elders = new Map(dataset.elders.map((elder) => [elder.id, elder]));
      for (const record of [...dataset.schedules, ...dataset.visits]) {
        const elder = elders.get(record.elderId);
        expect(record.workerId).toBe(elder?.assignedWorkerId);
        expect(record.town).toBe(elder?.town);
      }
    },
  );

  it('places elders in both towns, in the communities named in the source among others', () => {
    const communities = new Set(demo.elders.map((elder) => `${elder.town}/${elder.community}`));
    expect(new Set(demo.elders.map((elder) => elder.town))).toEqual(new Set(DEMO_TOWNS));
    expect(large.elders.some((elder) => elder.community === '竹苑社区' && elder.town === '东区街道')).toBe(
      true,
    );
    expect(large.elders.some((elder) => elder.community === '新市社区' && elder.town === '小榄镇')).toBe(
      true,
    );
    expect(communities.size).toBeGreaterThanOrEqual(4);
  });

  it.each(datasets)(
    'makes elders 60 to 98, mostly 75 or older, 高龄 exactly from 80 ($name)',
    ({ dataset, today }) => {
      const ages = dataset.elders.map((elder) => ageOn(elder.birthDate, today));
      expect(Math.min(...ages)).toBeGreaterThanOrEqual(60);
      expect(Math.max(...ages)).toBeLessThanOrEqual(98);
      expect(ages.filter((age) => age >= 75).length).toBeGreaterThan(ages.length / 2);
      dataset.elders.forEach((elder, index) => {
        expect(elder.categories.includes('advanced_age')).toBe((ages[index] ?? 0) >= 80);
        expect(elder.categories.length).toBeGreaterThan(0);
      });
    },
  );

  it('derives the risk tier from the categories as in DOMAIN.md', () => {
    expect(deriveRiskTier(['living_alone', 'advanced_age'], 82)).toBe('high');
    expect(deriveRiskTier(['left_behind', 'advanced_age', 'party_member'], 90)).toBe('high');
    expect(deriveRiskTier(['empty_nest'], 79)).toBe('general');
    expect(deriveRiskTier(['disabled'], 70)).toBe('key');
    expect(deriveRiskTier(['advanced_age', 'dementia'], 85)).toBe('key');
    expect(deriveRiskTier(['extreme_poverty', 'childless_widowed', 'living_alone'], 66)).toBe('key');
    expect(deriveRiskTier(['lost_only_child', 'empty_nest'], 72)).toBe('key');
    expect(deriveRiskTier(['poor_household', 'veteran'], 75)).toBe('general');
    for (const { dataset, today } of datasets) {
      for (const elder of dataset.elders) {
        expect(elder.riskTier).toBe(deriveRiskTier(elder.categories, ageOn(elder.birthDate, today)));
      }
    }
    expect(new Set(large.elders.map((elder) => elder.riskTier))).toEqual(new Set(['high', 'key', 'general']));
  });

  it.each(datasets)('gives each elder one emergency contact among one or two ($name)', ({ dataset }) => {
    for (const elder of dataset.elders) {
      expect(elder.contacts.length).toBeGreaterThanOrEqual(1);
      expect(elder.contacts.length).toBeLessThanOrEqual(2);
      expect(elder.contacts.filter((contact) => contact.emergency)).toHaveLength(1);
    }
    expect(dataset.elders.filter((elder) => elder.consentGiven).length).toBeGreaterThan(
      dataset.elders.length * 0.8,
    );
  });

  it.each(datasets)(
    'dates every elder record 30 days before today, by the coordinator ($name)',
    ({ dataset, today }) => {
      const coordinator = dataset.users.find((user) => user.role === 'coordinator');
      for (const elder of dataset.elders) {
        expect(localDateOf(elder.updatedAt)).toBe(addDaysToDate(today, -30));
        expect(elder.updatedBy).toBe(coordinator?.id);
        expect(elder._deleted).toBe(false);
      }
    },
  );

  it.each(datasets)('links every past visit both ways to a schedule marked done ($name)', ({ dataset }) => {
    const schedules = new Map(dataset.schedules.map((schedule) => [schedule.id, schedule]));
    for (const visit of dataset.visits) {
      const schedule = visit.scheduleId === null ? undefined : schedules.get(visit.scheduleId);
      expect(schedule).toMatchObject({ status: 'done', visitId: visit.id, elderId: visit.elderId });
      expect(schedule?.plannedDate).toBe(localDateOf(visit.startedAt));
    }
    const done = dataset.schedules.filter((schedule) => schedule.status === 'done');
    expect(done).toHaveLength(dataset.visits.length);
    for (const schedule of dataset.schedules.filter((s) => s.status !== 'done'))
      expect(schedule.visitId).toBeNull();
  });

  it.each(datasets)(
    'records visits of 20 to 90 minutes in the past quarter, most elders 1–4 ($name)',
    ({ dataset, today }) => {
      const perElder = new Map<string, number>();
      for (const visit of dataset.visits) {
        const minutes = (Date.parse(visit.endedAt) - Date.parse(visit.startedAt)) / 60_000;
        expect(minutes).toBeGreaterThanOrEqual(20);
        expect(minutes).toBeLessThanOrEqual(90);
        const day = localDateOf(visit.startedAt);
        expect(day < today).toBe(true);
        expect(daysFromTo(day, today)).toBeLessThanOrEqual(100);
        perElder.set(visit.elderId, (perElder.get(visit.elderId) ?? 0) + 1);
      }
      expect(Math.max(...perElder.values())).toBeLessThanOrEqual(4);
      expect(perElder.size).toBeGreaterThan(dataset.elders.length * 0.8);
      const modes = dataset.visits.map((visit) => visit.mode);
      expect(modes.filter((mode) => mode === 'home').length).toBeGreaterThan(modes.length / 2);
      expect(modes).toContain('call');
    },
  );

  it('fills visits with services from the source, and sometimes risks, follow-ups and volunteers', () => {
    const visits = large.visits;
    const services = new Set(visits.flatMap((visit) => visit.services));
    for (const service of ['meal_help', 'meal_delivery', 'cleaning', 'bathing', 'grocery', 'haircut']) {
      expect(services).toContain(service);
    }
    expect(services).toContain('health_guidance');
    expect(services).toContain('psychological_support');
    expect(visits.some((visit) => visit.safetyRisks.length > 0)).toBe(true);
    expect(visits.some((visit) => visit.followUp.needed)).toBe(true);
    expect(visits.some((visit) => visit.participants.length > 0)).toBe(true);
    for (const visit of visits) {
      for (const participant of visit.participants) {
        expect(participant.minutes).toBe((Date.parse(visit.endedAt) - Date.parse(visit.startedAt)) / 60_000);
      }
    }
  });

  it.each(datasets)(
    'gives each town a register of volunteers, some of them 60 or older, some on 志愿中山, one stopped ($name)',
    ({ dataset, today: asOf }) => {
      const year = Number(asOf.slice(0, 4));
      const volunteers = dataset.volunteers ?? [];
      const coordinator = dataset.users.find((user) => user.username === 'coordinator');
      for (const town of DEMO_TOWNS) {
        const register = volunteers.filter((volunteer) => volunteer.town === town);
        expect(register.length, town).toBeGreaterThanOrEqual(5);
        expect(register.filter((v) => year - v.birthYear >= 60).length, town).toBeGreaterThanOrEqual(2);
        expect(
          register.some((v) => year - v.birthYear < 60),
          town,
        ).toBe(true);
        expect(
          register.some((v) => v.zhiyuanNumber !== null),
          town,
        ).toBe(true);
        expect(
          register.some((v) => v.zhiyuanNumber === null),
          town,
        ).toBe(true);
        expect(
          register.filter((v) => !v.active),
          town,
        ).toHaveLength(1);
        expect(new Set(register.map((v) => v.name)).size, town).toBe(register.length);
      }
      for (const volunteer of volunteers) expect(volunteer.updatedBy).toBe(coordinator?.id);
    },
  );

  it.each(datasets)(
    'names a visit’s helpers as volunteers of the visit’s town where the register has them, the others unregistered ($name)',
    ({ dataset }) => {
      const byId = new Map((dataset.volunteers ?? []).map((volunteer) => [volunteer.id, volunteer]));
      const participants = dataset.visits.flatMap((visit) => visit.participants.map((p) => ({ visit, p })));
      for (const { visit, p } of participants) {
        const onRegister = (dataset.volunteers ?? []).find((v) => v.town === visit.town && v.name === p.name);
        expect(p.volunteerId ?? null).toBe(onRegister?.id ?? null);
        if (p.volunteerId) expect(byId.get(p.volunteerId)?.town).toBe(visit.town);
      }
      expect(participants.filter(({ p }) => p.volunteerId).length).toBeGreaterThan(participants.length / 2);
      expect(participants.some(({ p }) => p.volunteerId === null)).toBe(true);
    },
  );

  it.each(datasets)('pairs a few elders with active volunteers of their town ($name)', ({ dataset }) => {
    const byId = new Map((dataset.volunteers ?? []).map((volunteer) => [volunteer.id, volunteer]));
    const paired = dataset.elders.filter((elder) => elder.volunteerIds !== undefined);
    expect(paired.length).toBeGreaterThanOrEqual(3);
    expect(paired.length).toBeLessThan(dataset.elders.length / 3);
    for (const elder of paired) {
      expect(elder.volunteerIds?.length).toBeGreaterThanOrEqual(1);
      expect(elder.volunteerIds?.length).toBeLessThanOrEqual(4);
      for (const id of elder.volunteerIds ?? []) {
        expect(byId.get(id)).toMatchObject({ town: elder.town, active: true });
      }
    }
    // Elders visited by volunteers are paired with those of them on the register.
    for (const visit of dataset.visits.filter((v) => v.mode === 'volunteer')) {
      const elder = dataset.elders.find((e) => e.id === visit.elderId);
      for (const { volunteerId } of visit.participants) {
        if (volunteerId && byId.get(volunteerId)?.active) expect(elder?.volunteerIds).toContain(volunteerId);
      }
    }
  });

  it('gives the demo overdue planned visits, visits due today and past visits', () => {
    const planned = demo.schedules.filter((schedule) => schedule.status === 'planned');
    const overduePlanned = planned.filter((schedule) => schedule.plannedDate < today);
    expect(overduePlanned.length).toBeGreaterThanOrEqual(5);
    expect(overduePlanned.length).toBeLessThanOrEqual(8);
    expect(planned.filter((schedule) => schedule.plannedDate === today).length).toBeGreaterThanOrEqual(3);
    expect(demo.visits.filter((visit) => localDateOf(visit.startedAt) < today).length).toBeGreaterThan(60);

    const counts = dueCounts(demo, today);
    expect(counts.overdue).toBeGreaterThanOrEqual(5);
    expect(counts.overdue).toBeLessThanOrEqual(8);
    expect(counts.due).toBeGreaterThanOrEqual(3);
    expect(counts.upcoming).toBeGreaterThan(counts.overdue + counts.due);
  });

  it.each(datasets)(
    'plans mostly routine visits and leaves no elder due in four weeks unplanned ($name)',
    ({ dataset, today }) => {
      const horizon = addDaysToDate(today, PLAN_AHEAD_DAYS);
      for (const item of computeDue({ ...dataset, today })) {
        if (item.dueDate <= horizon) {
          expect(item.reason).toBe('schedule');
          expect(item.scheduleId).not.toBeNull();
        }
      }
      const planned = dataset.schedules.filter((schedule) => schedule.status === 'planned');
      expect(planned.every((schedule) => schedule.plannedDate <= horizon)).toBe(true);
      expect(planned.filter((schedule) => schedule.kind === 'routine').length).toBeGreaterThan(
        planned.length * 0.8,
      );
    },
  );

  it.each(datasets)(
    'plans high-risk elders weekly through the coming four weeks ($name)',
    ({ dataset, today }) => {
      const plannedDays = new Map<string, string[]>();
      for (const schedule of dataset.schedules) {
        if (schedule.status !== 'planned' || schedule.kind !== 'routine') continue;
        plannedDays.set(schedule.elderId, [
          ...(plannedDays.get(schedule.elderId) ?? []),
          schedule.plannedDate,
        ]);
      }
      const horizon = addDaysToDate(today, PLAN_AHEAD_DAYS);
      for (const elder of dataset.elders.filter((e) => e.riskTier === 'high')) {
        const days = (plannedDays.get(elder.id) ?? []).sort();
        const first = days[0] ?? '';
        expect(first <= addDaysToDate(today, 6)).toBe(true);
        for (let day = first; day <= horizon; day = addInterval(day, DEFAULT_CADENCE.high))
          expect(days).toContain(day);
      }
    },
  );

  it('for any seed and day, makes valid records, a tenth overdue and a tenth due, kept by any shift', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 0xffffffff }),
        fc.integer({ min: -20_000, max: 20_000 }),
        fc.integer({ min: -3000, max: 3000 }),
        fc.integer({ min: 1, max: 40 }),
        (seed, dayOffset, shift, elders) => {
          const today = addDaysToDate('2030-01-01', dayOffset);
          const dataset = generateDataset({ elders, seed, today });
          expect(schemaFailures(dataset)).toEqual([]);
          const counts = dueCounts(dataset, today);
          expect(counts.overdue).toBe(Math.round(elders * 0.1));
          expect(counts.due).toBe(Math.round(elders * 0.1));
          const status = (items: ReturnType<typeof computeDue>) =>
            items.map((i) => [i.elderId, i.status]).sort();
          const later = addDaysToDate(today, shift);
          expect(status(computeDue({ ...shiftDataset(dataset, shift), today: later }))).toEqual(
            status(computeDue({ ...dataset, today })),
          );
        },
      ),
      { numRuns: 80 },
    );
  });
});
