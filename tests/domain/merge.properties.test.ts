// Properties of the merge over many generated edits: values come from small pools so that clashes,
// equal times, equal values, deletes and crossing schedule and visit changes happen often.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyEdit, type MergeContext, type MergeOutcome, mergeRecord } from '../../src/domain/merge';
import { type Fields, fieldTime, ordinaryFields, settledByRule } from '../../src/domain/merge/values';
import {
  CAPABILITY_LEVELS,
  type DocumentTypes,
  documentSchemas,
  ELDER_CATEGORIES,
  type Elder,
  type MergedCollection,
  MISSED_REASONS,
  Review,
  RISK_TIERS,
  SAFETY_RISKS,
  SCHEDULE_KINDS,
  SCHEDULE_STATUSES,
  type Schedule,
  SERVICES,
  URGENCIES,
  VISIT_MODES,
  type Visit,
  type Volunteer,
} from '../../src/domain/schemas';
import {
  COORDINATOR_ID,
  makeElder,
  makeSchedule,
  makeVisit,
  makeVolunteer,
  TOWN_A,
  TOWN_B,
  VOLUNTEER_ID,
  WORKER_ID,
} from '../support/fixtures';

const RUNS = Number(process.env.MERGE_RUNS ?? 400);
type Doc = DocumentTypes[MergedCollection];

const USERS = [WORKER_ID, COORDINATOR_ID, VOLUNTEER_ID] as const;
/** Includes one instant written twice (with two offsets) and a clock a year ahead. */
const TIMES = [
  '2026-11-01T00:00:00.000Z',
  '2026-11-02T00:00:00.000Z',
  '2026-11-02T08:00:00+08:00',
  '2026-11-03T12:00:00.000Z',
  '2027-11-03T00:00:00.000Z',
] as const;
const ELDER_ID = '0190c7e2-7c6b-7000-8000-0000000000e1';
const RECORD_ID = '0190c7e2-7c6b-7000-8000-0000000000f1';
const OTHER_IDS = ['0190c7e2-7c6b-7000-8000-0000000000a1', '0190c7e2-7c6b-7000-8000-0000000000a2'] as const;
/** Volunteers an elder may be paired with. */
const PAIRED_IDS = [
  '0190c7e2-7c6b-7000-8000-0000000000b1',
  '0190c7e2-7c6b-7000-8000-0000000000b2',
  '0190c7e2-7c6b-7000-8000-0000000000b3',
] as const;
/** Texts that contain one another, and two long ones whose combination does not fit a field. */
const NOTES = ['', '独居。', '独居。女儿每周来。', '腿脚不便', 'x'.repeat(2100), 'y'.repeat(2100)] as const;
const SHORT_NOTES = ['', '改期', '改期到下午', '带血压计', 'x'.repeat(600), 'y'.repeat(600)] as const;
const TEXTS = ['', 'a', 'b'] as const;

const text = fc.constantFrom(...TEXTS);
const someOf = <T>(items: readonly T[]) => fc.shuffledSubarray([...items]);
const optional = { requiredKeys: [] as [] };

const elderPatch: fc.Arbitrary<Partial<Elder>> = fc.record(
  {
    name: fc.constantFrom('陈阿婆', '陈婆婆'),
    gender: fc.constantFrom('female' as const, 'male' as const),
    birthDate: fc.constantFrom('1940-03-02', '1941-01-01'),
    town: fc.constantFrom(TOWN_A, TOWN_B),
    community: text,
    address: text,
    phone: text,
    categories: someOf(ELDER_CATEGORIES.slice(0, 5)),
    riskTier: fc.constantFrom(...RISK_TIERS),
    livingSituation: text,
    health: text,
    capability: fc.constantFrom(...CAPABILITY_LEVELS),
    contacts: fc.constantFrom(
      [],
      [{ name: '陈先生', relation: '儿子', phone: '1', emergency: true }],
      [{ emergency: true, phone: '1', relation: '儿子', name: '陈先生' }], // the same, keys in another order
      [{ name: '陈女士', relation: '女儿', phone: '2', emergency: false }],
    ),
    consentGiven: fc.boolean(),
    assignedWorkerId: fc.constantFrom(...USERS),
    notes: fc.constantFrom(...NOTES),
    volunteerIds: someOf(PAIRED_IDS),
  },
  optional,
);

const volunteerPatch: fc.Arbitrary<Partial<Volunteer>> = fc.record(
  {
    name: fc.constantFrom('冯淑仪', '冯淑怡'),
    phone: text,
    birthYear: fc.constantFrom(1958, 1960, 1990),
    town: fc.constantFrom(TOWN_A, TOWN_B),
    community: text,
    team: text,
    zhiyuanNumber: fc.constantFrom(null, 'ZS1', 'ZS2'),
    active: fc.boolean(),
  },
  optional,
);

const schedulePatch: fc.Arbitrary<Partial<Schedule>> = fc.record(
  {
    town: fc.constantFrom(TOWN_A, TOWN_B),
    workerId: fc.constantFrom(...USERS),
    plannedDate: fc.constantFrom('2026-11-29', '2026-12-01', '2026-12-03'),
    kind: fc.constantFrom(...SCHEDULE_KINDS),
    status: fc.constantFrom(...SCHEDULE_STATUSES),
    visitId: fc.constantFrom(null, ...OTHER_IDS),
    missedReason: fc.constantFrom(null, ...MISSED_REASONS.slice(0, 2)),
    note: fc.constantFrom(...SHORT_NOTES),
  },
  optional,
);

const visitPatch: fc.Arbitrary<Partial<Visit>> = fc.record(
  {
    town: fc.constantFrom(TOWN_A, TOWN_B),
    scheduleId: fc.constantFrom(null, ...OTHER_IDS),
    mode: fc.constantFrom(...VISIT_MODES),
    startedAt: fc.constantFrom(
      '2026-11-20T02:00:00.000Z',
      '2026-11-20T04:00:00.000Z',
      '2026-11-20T06:00:00.000Z',
    ),
    endedAt: fc.constantFrom(
      '2026-11-20T03:00:00.000Z',
      '2026-11-20T05:00:00.000Z',
      '2026-11-20T07:00:00.000Z',
    ),
    livingSituation: text,
    safetyRisks: someOf(SAFETY_RISKS.slice(0, 4)),
    physicalState: text,
    mentalState: text,
    services: someOf(SERVICES.slice(0, 4)),
    needs: text,
    followUp: fc.record({
      needed: fc.boolean(),
      urgency: fc.constantFrom(...URGENCIES.slice(0, 2)),
      note: text,
    }),
    participants: fc.constantFrom([], [{ name: '张', minutes: 30 }], [{ name: '赵', minutes: 60 }]),
    notes: fc.constantFrom(...NOTES),
  },
  optional,
);

const elder = makeElder({ id: ELDER_ID });
const starts: Record<MergedCollection, Doc> = {
  elders: { ...elder, id: RECORD_ID },
  schedules: makeSchedule(elder, { id: RECORD_ID }),
  visits: makeVisit(elder, { id: RECORD_ID }),
  volunteers: makeVolunteer({ id: RECORD_ID }),
};
const patches: Record<MergedCollection, fc.Arbitrary<Partial<Doc>>> = {
  elders: elderPatch as fc.Arbitrary<Partial<Doc>>,
  schedules: schedulePatch as fc.Arbitrary<Partial<Doc>>,
  visits: visitPatch as fc.Arbitrary<Partial<Doc>>,
  volunteers: volunteerPatch as fc.Arbitrary<Partial<Doc>>,
};

const valid = (collection: MergedCollection) => (doc: Doc) =>
  documentSchemas[collection].safeParse(doc).success;

/**
 * A record derived from `from`: edited through applyEdit (per-field times), or overwritten as an
 * older client would (no new field times), maybe deleted or restored.
 */
function derived(collection: MergedCollection, from: Doc): fc.Arbitrary<Doc> {
  return fc
    .record({
      patch: patches[collection],
      now: fc.constantFrom(...TIMES),
      actorId: fc.constantFrom(...USERS),
      stamped: fc.boolean(),
      deleted: fc.option(fc.boolean(), { freq: 3 }),
    })
    .map(({ patch, now, actorId, stamped, deleted }) => {
      const full = deleted === null ? patch : { ...patch, _deleted: deleted };
      return stamped
        ? applyEdit(from, full, { now, actorId })
        : ({ ...from, ...full, updatedAt: now, updatedBy: actorId } as Doc);
    })
    .filter(valid(collection));
}

interface Scenario {
  collection: MergedCollection;
  ancestor: Doc;
  base: Doc | null;
  mine: Doc;
  theirs: Doc;
  ctx: MergeContext;
}

function scenario(collection: MergedCollection): fc.Arbitrary<Scenario> {
  // The common ancestor: some fields with their own edit times, now and then a deleted record.
  const ancestor = fc
    .record({
      patch: patches[collection],
      times: fc.dictionary(fc.constantFrom(...fieldsOf(collection)), fc.constantFrom(...TIMES.slice(0, 2))),
      deleted: fc.constantFrom(false, false, false, false, true),
    })
    .map(
      ({ patch, times, deleted }) =>
        ({ ...starts[collection], ...patch, fieldTimes: times, _deleted: deleted }) as Doc,
    )
    .filter(valid(collection));
  return ancestor.chain((a) =>
    fc.record({
      collection: fc.constant(collection),
      ancestor: fc.constant(a),
      base: fc.option(fc.constant(a), { freq: 4 }),
      mine: derived(collection, a),
      theirs: derived(collection, a),
      ctx: fc.record({
        now: fc.constantFrom('2026-11-10T00:00:00.000Z', '2027-11-10T00:00:00.000Z'),
        actorId: fc.constantFrom(...USERS),
      }),
    }),
  );
}

const AUDIT = new Set(['id', 'updatedAt', 'updatedBy', 'fieldTimes', '_deleted']);
const SET_FIELDS = new Set(['categories', 'volunteerIds', 'services', 'safetyRisks']);
const NOTE_FIELDS = new Set(['notes', 'note']);

function fieldsOf(collection: MergedCollection): string[] {
  return Object.keys(documentSchemas[collection].shape).filter((k) => !AUDIT.has(k));
}

function canon(value: unknown): string {
  const sort = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(sort)
      : v !== null && typeof v === 'object'
        ? Object.fromEntries(
            Object.keys(v)
              .sort()
              .map((k) => [k, sort((v as Record<string, unknown>)[k])]),
          )
        : v;
  return JSON.stringify(sort(value));
}

function same(field: string, a: unknown, b: unknown): boolean {
  // A set a record lacks (one older than the field) is empty.
  if (SET_FIELDS.has(field) && (Array.isArray(a) || Array.isArray(b))) {
    return canon([...((a ?? []) as string[])].sort()) === canon([...((b ?? []) as string[])].sort());
  }
  return canon(a) === canon(b);
}

const get = (doc: Doc, field: string): unknown => (doc as Record<string, unknown>)[field];
/** A field's value, a set the record lacks being empty. */
const valueIn = (doc: Doc, field: string): unknown =>
  get(doc, field) === undefined && SET_FIELDS.has(field) ? [] : get(doc, field);

/** The record without its audit stamps, set fields sorted when `sortSets`. */
function valuesOf(doc: Doc, sortSets = false): Record<string, unknown> {
  const { updatedAt: _a, updatedBy: _b, fieldTimes: _c, ...values } = doc as Record<string, unknown>;
  // As sets: in any order, and an empty set the same as none (a record older than the field).
  for (const f of sortSets ? SET_FIELDS : []) {
    if (Array.isArray(values[f])) values[f] = [...values[f]].sort();
    if (Array.isArray(values[f]) && values[f].length === 0) delete values[f];
  }
  return JSON.parse(canon(values));
}

function run(s: Scenario, base = s.base, mine = s.mine, theirs = s.theirs, ctx = s.ctx): MergeOutcome<Doc> {
  return mergeRecord(s.collection, base, mine, theirs, ctx);
}

const property = (collection: MergedCollection, check: (s: Scenario) => void) =>
  fc.assert(fc.property(scenario(collection), check), { numRuns: RUNS });

describe.each(['elders', 'schedules', 'visits', 'volunteers'] as const)(
  'merging %s (property tests)',
  (collection) => {
    it('gives records and review entries that pass their schemas', () => {
      property(collection, (s) => {
        const { merged, reviews } = run(s);
        expect(documentSchemas[collection].safeParse(merged).error?.issues).toBeUndefined();
        for (const review of reviews) expect(Review.safeParse(review).error?.issues).toBeUndefined();
      });
    });

    it('is deterministic, and picks the same values and review entries whichever side is mine', () => {
      property(collection, (s) => {
        const one = run(s);
        expect(run(structuredClone(s))).toEqual(one);
        const swapped = run(s, s.base, s.theirs, s.mine);
        expect(valuesOf(swapped.merged, true)).toEqual(valuesOf(one.merged, true));
        expect(swapped.reviews.map((r) => r.id).sort()).toEqual(one.reviews.map((r) => r.id).sort());
      });
    });

    it("returns mine's values, with no review, when the server still has the base", () => {
      property(collection, (s) => {
        const { merged, reviews } = run(s, s.ancestor, s.mine, s.ancestor);
        // Set fields are sets: an order-only difference is no change, so the server's order may stay.
        expect(valuesOf(merged, true)).toEqual(valuesOf(s.mine, true));
        expect(reviews).toEqual([]);
      });
    });

    it("returns theirs's values, with no review, when the device changed nothing", () => {
      property(collection, (s) => {
        const { merged, reviews } = run(s, s.ancestor, s.ancestor, s.theirs);
        expect(merged).toBe(s.theirs);
        expect(reviews).toEqual([]);
      });
    });

    it("returns theirs's values, with no review, when the server already has the device's record", () => {
      property(collection, (s) => {
        const { merged, reviews } = run(s, s.base, s.mine, s.mine);
        expect(merged).toBe(s.mine);
        expect(reviews).toEqual([]);
      });
    });

    it('loses no edit a person made: a changed value is in the merged record, in its set or note combination, or on the review list', () => {
      property(collection, (s) => {
        const { merged, reviews } = run(s);
        const { base, mine, theirs } = s;
        const inReview = (field: string, value: unknown) =>
          reviews.some(
            (r) => r.field === field && (r.kept.value === canon(value) || r.other.value === canon(value)),
          );
        if (mine._deleted && theirs._deleted) {
          expect(merged._deleted).toBe(true);
          expect(reviews).toEqual([]);
          return;
        }
        for (const field of fieldsOf(collection)) {
          for (const [side, other] of [
            [mine, theirs],
            [theirs, mine],
          ] as const) {
            const value = valueIn(side, field);
            const reference = base ? valueIn(base, field) : valueIn(other, field);
            if (same(field, value, reference)) continue; // not changed by this side
            const result = valueIn(merged, field);
            if (same(field, value, result) || inReview(field, value)) continue;
            if (settledByRule(collection, field)) continue; // a link no person edits: never reviewed
            if (NOTE_FIELDS.has(field) && String(result).includes(String(value))) continue;
            if (SET_FIELDS.has(field) && base) {
              const items = new Set(result as string[]);
              const was = new Set(valueIn(base, field) as string[]);
              const now = value as string[];
              expect(now.filter((x) => !was.has(x)).every((x) => items.has(x))).toBe(true); // additions kept
              expect([...was].filter((x) => !now.includes(x)).some((x) => items.has(x))).toBe(false); // removals kept
              continue;
            }
            expect.fail(`${collection}.${field}: ${canon(value)} is neither merged nor on the review list`);
          }
        }
        // A delete that gave way to an edit is on the review list; an edit never gives way to a delete.
        const edited = (side: Doc, other: Doc) =>
          fieldsOf(collection).some((f) => !same(f, get(side, f), get(base ?? other, f)));
        const baseDeleted = base?._deleted ?? false;
        if (!merged._deleted && (mine._deleted || theirs._deleted) && !baseDeleted) {
          expect(
            reviews.filter((r) => r.field === '_deleted').map((r) => [r.kept.value, r.other.value]),
          ).toEqual([['false', 'true']]);
        }
        if (merged._deleted) {
          const live = [mine, theirs].filter((d) => !d._deleted);
          for (const side of live)
            expect(base !== null && !edited(side, side === mine ? theirs : mine)).toBe(true);
        }
      });
    });

    it('keeps on each review entry the value the merged record has', () => {
      property(collection, (s) => {
        const { merged, reviews } = run(s);
        for (const review of reviews) {
          expect(review.kept.value).toBe(canon(valueIn(merged, review.field)));
          expect(review.other.value).not.toBe(review.kept.value);
          expect(review.recordId).toBe(merged.id);
        }
      });
    });

    it('changes no value and finds no new clash when merged again with the merged record as theirs', () => {
      property(collection, (s) => {
        const first = run(s);
        const again = run(s, s.base, s.mine, first.merged, { ...s.ctx, now: '2028-01-01T00:00:00.000Z' });
        expect(valuesOf(again.merged)).toEqual(valuesOf(first.merged));
        // Only a same change that mine dates before theirs is dated again (a millisecond later): with
        // edit times alone, mine merged twice looks like another device's same edit. Anything else
        // leaves theirs as it is.
        // A field no state has (an optional one) has no time of its own to compare.
        const present = ordinaryFields(collection).filter((field) => get(first.merged, field) !== undefined);
        const redated = present.filter(
          (field) => fieldTime(first.merged as Fields, field) !== fieldTime(again.merged as Fields, field),
        );
        if (redated.length === 0) expect(again.merged).toBe(first.merged);
        for (const field of redated) {
          const before = Date.parse(fieldTime(first.merged as Fields, field));
          expect(same(field, get(s.mine, field), get(first.merged, field))).toBe(true);
          expect(Date.parse(fieldTime(s.mine as Fields, field))).toBeLessThan(before);
          expect(Date.parse(fieldTime(again.merged as Fields, field))).toBe(before + 1);
        }
        const known = new Set(first.reviews.map((r) => r.id));
        expect(again.reviews.filter((r) => !known.has(r.id))).toEqual([]);
      });
    });
  },
);
