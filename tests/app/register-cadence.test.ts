// The register plans each elder's routine visits by the cadence of the elder's town.
import { describe, expect, it } from 'vitest';
import { changeElder, type ElderDraft, registerElder } from '../../src/app/db/register';
import { type CadenceRules, cadenceOf, DEFAULT_CADENCE } from '../../src/domain/cadence';
import type { Elder, Schedule } from '../../src/domain/schemas';
import { freshDeviceDatabase } from '../support/device-database';
import { COORDINATOR_ID, makeElder, TOWN_A, TOWN_B, WORKER_ID } from '../support/fixtures';

const TODAY = '2026-12-07';
const FORTNIGHTLY: CadenceRules = { ...DEFAULT_CADENCE, high: { every: 2, unit: 'week' } };
// TOWN_A visits high risk every two weeks; TOWN_B keeps the weekly default.
const places = { towns: [{ name: TOWN_A, cadence: FORTNIGHTLY }, { name: TOWN_B }] };
const context = {
  userId: COORDINATOR_ID,
  today: TODAY,
  now: new Date('2026-12-07T02:00:00.000Z'),
  rules: (town: string) => cadenceOf(places, town),
};

const database = freshDeviceDatabase('register_cadence');

/** A high-risk elder as the register form gives one: the record without what the app stamps. */
function draft(patch: Partial<ElderDraft>): ElderDraft {
  const elder: Partial<Elder> = makeElder({ name: '黄婆婆', riskTier: 'high', assignedWorkerId: WORKER_ID });
  for (const stamp of ['id', 'fieldTimes', 'updatedAt', 'updatedBy', '_deleted'] as const)
    delete elder[stamp];
  return { ...(elder as ElderDraft), ...patch };
}

const plannedDates = async (elderId: string): Promise<string[]> =>
  (
    await database()
      .schedules.find({ selector: { elderId, status: 'planned' }, sort: [{ plannedDate: 'asc' }] })
      .exec()
  )
    .map((doc) => doc.toMutableJSON() as Schedule)
    .map((schedule) => schedule.plannedDate);

describe('planning by the town’s cadence', () => {
  it('plans a high-risk elder fortnightly in a fortnightly town and weekly in a weekly one', async () => {
    const fortnightly = await registerElder(database(), draft({ town: TOWN_A }), context);
    const weekly = await registerElder(database(), draft({ town: TOWN_B, name: '何婆婆' }), context);

    expect(fortnightly.planned.map((s) => s.plannedDate)).toEqual(['2026-12-07', '2026-12-21', '2027-01-04']);
    expect(weekly.planned.map((s) => s.plannedDate)).toEqual([
      '2026-12-07',
      '2026-12-14',
      '2026-12-21',
      '2026-12-28',
      '2027-01-04',
    ]);
  });

  it('replans by the new town’s cadence when a change of tier comes with a move to another town', async () => {
    const { elder } = await registerElder(database(), draft({ town: TOWN_B, riskTier: 'key' }), context);
    await changeElder(
      database(),
      elder.id,
      { town: TOWN_A, community: '竹苑社区', riskTier: 'high' },
      context,
    );

    expect(await plannedDates(elder.id)).toEqual(['2026-12-07', '2026-12-21', '2027-01-04']);
  });
});
