// Fields no person edits (links between records, the town that follows the elder) are settled by
// rule and never put on the review list; every field a person types still is.
import { describe, expect, it } from 'vitest';
import { applyEdit, mergeRecord } from '../../src/domain/merge';
import { shownForReview } from '../../src/domain/merge/ruleFields';
import { ordinaryFields, settledByRule } from '../../src/domain/merge/values';
import { type DocumentTypes, MERGED_COLLECTIONS, type MergedCollection } from '../../src/domain/schemas';
import { COORDINATOR_ID, makeElder, makeSchedule, makeVisit, WORKER_ID } from '../support/fixtures';

const EARLIER = '2026-11-02T00:00:00.000Z';
const LATER = '2026-11-03T00:00:00.000Z';
const NOW = '2026-11-10T00:00:00.000Z';
const ID_A = '0190c7e2-7c6b-7000-8000-00000000aaaa';
const ID_B = '0190c7e2-7c6b-7000-8000-00000000bbbb';

/** The links a person decides, so a clash on them is for a person to judge. */
const PERSON_CHOSEN_LINKS: Readonly<Record<string, readonly string[]>> = {
  elders: ['assignedWorkerId', 'volunteerIds'],
};

const RULE_FIELDS = {
  schedules: ['elderId', 'town', 'workerId', 'visitId'],
  visits: ['elderId', 'town', 'workerId', 'scheduleId'],
} as const;

function twoValues(field: string): [string, string] {
  return field === 'town' ? ['石岐街道', '西区街道'] : [ID_A, ID_B];
}

function clash<C extends 'schedules' | 'visits'>(collection: C, base: DocumentTypes[C], field: string) {
  const [a, b] = twoValues(field);
  const mine = applyEdit(base, { [field]: a } as Partial<DocumentTypes[C]>, {
    now: EARLIER,
    actorId: WORKER_ID,
  });
  const theirs = applyEdit(base, { [field]: b } as Partial<DocumentTypes[C]>, {
    now: LATER,
    actorId: COORDINATOR_ID,
  });
  return mergeRecord(collection, base, mine, theirs, { now: NOW, actorId: WORKER_ID });
}

describe('mergeRecord: fields no person edits', () => {
  const elder = makeElder();
  const records = { schedules: makeSchedule(elder), visits: makeVisit(elder) };

  for (const collection of ['schedules', 'visits'] as const) {
    for (const field of RULE_FIELDS[collection]) {
      it(`settles a clash on a ${collection.slice(0, -1)}'s ${field} by the later edit, with no review entry`, () => {
        const { merged, reviews } = clash(collection, records[collection], field);
        expect((merged as Record<string, unknown>)[field]).toBe(twoValues(field)[1]);
        expect(reviews).toEqual([]);
      });
    }
  }

  it('still reviews a field a person typed that clashed in the same merge', () => {
    const base = records.schedules;
    const mine = applyEdit(
      base,
      { visitId: ID_A, plannedDate: '2026-12-01' },
      { now: EARLIER, actorId: WORKER_ID },
    );
    const theirs = applyEdit(
      base,
      { visitId: ID_B, plannedDate: '2026-12-02' },
      { now: LATER, actorId: COORDINATOR_ID },
    );
    const { reviews } = mergeRecord('schedules', base, mine, theirs, { now: NOW, actorId: WORKER_ID });
    expect(reviews.map((review) => review.field)).toEqual(['plannedDate']);
  });

  it("still reviews a clash on an elder's town, which a coordinator types in the register", () => {
    const base = makeElder();
    const mine = applyEdit(base, { town: '石岐街道' }, { now: EARLIER, actorId: COORDINATOR_ID });
    const theirs = applyEdit(base, { town: '西区街道' }, { now: LATER, actorId: COORDINATOR_ID });
    const { reviews } = mergeRecord('elders', base, mine, theirs, { now: NOW, actorId: WORKER_ID });
    expect(reviews.map((review) => review.field)).toEqual(['town']);
  });

  it('settles every link field of every collection by rule, except the links a coordinator decides', () => {
    for (const collection of MERGED_COLLECTIONS as readonly MergedCollection[]) {
      for (const field of ordinaryFields(collection).filter((f) => /Ids?$/.test(f))) {
        const personal = PERSON_CHOSEN_LINKS[collection]?.includes(field) ?? false;
        expect([collection, field, settledByRule(collection, field)]).toEqual([collection, field, !personal]);
      }
    }
  });

  it('settles no field by rule that a worker or coordinator edits on a form', () => {
    const typed: Record<MergedCollection, readonly string[]> = {
      elders: ordinaryFields('elders'),
      schedules: ['plannedDate', 'kind', 'status', 'missedReason', 'note'],
      visits: ordinaryFields('visits').filter((f) => !(RULE_FIELDS.visits as readonly string[]).includes(f)),
      volunteers: ordinaryFields('volunteers'),
    };
    for (const collection of MERGED_COLLECTIONS) {
      expect(typed[collection].filter((field) => settledByRule(collection, field))).toEqual([]);
    }
  });
});

describe('the review list and the sync bar’s count', () => {
  it('leave out entries an older app saved on fields settled by rule, and keep every other', () => {
    const entries = [
      { collectionName: 'visits' as const, field: 'scheduleId' },
      { collectionName: 'schedules' as const, field: 'workerId' },
      { collectionName: 'schedules' as const, field: 'plannedDate' },
      { collectionName: 'elders' as const, field: 'assignedWorkerId' },
      { collectionName: 'visits' as const, field: 'notes' },
    ];
    expect(entries.filter(shownForReview).map((e) => `${e.collectionName}.${e.field}`)).toEqual([
      'schedules.plannedDate',
      'elders.assignedWorkerId',
      'visits.notes',
    ]);
  });
});
