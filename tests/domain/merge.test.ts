import { describe, expect, it } from 'vitest';
import {
  applyEdit,
  descendsFrom,
  type MergeContext,
  type MergeOutcome,
  mergeRecord,
  mergeReview,
  reviewId,
} from '../../src/domain/merge';
import { formatNoteStamp } from '../../src/domain/merge/notes';
import {
  type DocumentTypes,
  documentSchemas,
  Id,
  type MergedCollection,
  Review,
} from '../../src/domain/schemas';
import {
  COORDINATOR_ID,
  makeElder,
  makeSchedule,
  makeVisit,
  makeVolunteer,
  VOLUNTEER_ID,
  WORKER_ID,
} from '../support/fixtures';

const NAMES: Record<string, string> = { [WORKER_ID]: '李社工', [COORDINATOR_ID]: '王站长' };
const NOW = '2026-11-10T00:00:00.000Z';

function context(now = NOW, actorId = WORKER_ID): MergeContext {
  return { now, actorId, nameOf: (id) => NAMES[id] ?? id };
}

function edit<T extends DocumentTypes[MergedCollection]>(
  doc: T,
  patch: Partial<T>,
  now: string,
  actorId = WORKER_ID,
): T {
  return applyEdit(doc, patch, { now, actorId });
}

/** mergeRecord, checking that the record and every review entry pass their schemas. */
function merge<C extends MergedCollection>(
  collection: C,
  base: DocumentTypes[C] | null,
  mine: DocumentTypes[C],
  theirs: DocumentTypes[C],
  ctx: MergeContext = context(),
): MergeOutcome<DocumentTypes[C]> {
  const outcome = mergeRecord(collection, base, mine, theirs, ctx);
  expect(documentSchemas[collection].safeParse(outcome.merged).error?.issues).toBeUndefined();
  for (const review of outcome.reviews) expect(Review.safeParse(review).error?.issues).toBeUndefined();
  return outcome;
}

/** A record without its audit fields: what the merge decides. */
function valuesOf(doc: object): Record<string, unknown> {
  const { updatedAt: _a, updatedBy: _b, fieldTimes: _c, ...values } = doc as Record<string, unknown>;
  return values;
}

describe('mergeRecord: a field changed on one side', () => {
  it('keeps a field changed only on the device', () => {
    const base = makeElder();
    const mine = edit(base, { phone: '13811112222' }, '2026-11-02T00:00:00.000Z');
    const { merged, reviews } = merge('elders', base, mine, base);
    expect(merged.phone).toBe('13811112222');
    expect(reviews).toEqual([]);
  });

  it('keeps a field changed only on the server', () => {
    const base = makeElder();
    const theirs = edit(base, { address: '竹苑路 9 号' }, '2026-11-02T00:00:00.000Z', COORDINATOR_ID);
    const { merged, reviews } = merge('elders', base, base, theirs);
    expect(merged.address).toBe('竹苑路 9 号');
    expect(reviews).toEqual([]);
  });

  it('adds no field that none of the three states has, nor an edit time for it', () => {
    const base = makeElder();
    const mine = edit(base, { phone: '13811112222' }, '2026-11-02T00:00:00.000Z');
    const theirs = edit(base, { address: '竹苑路 9 号' }, '2026-11-03T00:00:00.000Z', COORDINATOR_ID);
    const { merged } = merge('elders', base, mine, theirs);
    expect(merged).toMatchObject({ phone: '13811112222', address: '竹苑路 9 号' });
    for (const optional of ['registeredOn', 'archivedOn', 'archiveReason', 'consentDate']) {
      expect(merged).not.toHaveProperty(optional);
      expect(merged.fieldTimes).not.toHaveProperty(optional);
    }
  });

  it('keeps edits of different fields of one record from both sides', () => {
    const base = makeElder();
    const mine = edit(base, { phone: '13811112222', health: '高血压，糖尿病' }, '2026-11-03T00:00:00.000Z');
    const theirs = edit(
      base,
      { address: '竹苑路 9 号', riskTier: 'key' },
      '2026-11-02T00:00:00.000Z',
      COORDINATOR_ID,
    );
    const { merged, reviews } = merge('elders', base, mine, theirs);
    expect(merged).toMatchObject({
      phone: '13811112222',
      health: '高血压，糖尿病',
      address: '竹苑路 9 号',
      riskTier: 'key',
      name: base.name,
    });
    expect(reviews).toEqual([]);
  });

  it("returns the device's values when the server still has the base", () => {
    const base = makeVisit(makeElder());
    const mine = edit(
      base,
      { needs: '需要助浴', services: ['bathing', 'cleaning'] },
      '2026-11-21T00:00:00.000Z',
    );
    const { merged, reviews } = merge('visits', base, mine, base);
    expect(valuesOf(merged)).toEqual(valuesOf(mine));
    expect(reviews).toEqual([]);
  });

  it("returns the server's record itself when the device changed nothing", () => {
    const base = makeSchedule(makeElder());
    const theirs = edit(base, { plannedDate: '2026-12-01' }, '2026-11-02T00:00:00.000Z', COORDINATOR_ID);
    const { merged, reviews } = merge('schedules', base, base, theirs);
    expect(merged).toBe(theirs);
    expect(reviews).toEqual([]);
  });

  it('stamps a new merged record with the merge time and the merging user, and dates each field by the value chosen', () => {
    const base = makeElder();
    const mine = edit(base, { phone: '13811112222' }, '2026-11-03T00:00:00.000Z');
    const theirs = edit(base, { address: '竹苑路 9 号' }, '2026-11-02T00:00:00.000Z', COORDINATOR_ID);
    const { merged } = merge('elders', base, mine, theirs, context('2026-11-04T00:00:00.000Z', VOLUNTEER_ID));
    expect(merged.updatedAt).toBe('2026-11-04T00:00:00.000Z');
    expect(merged.updatedBy).toBe(VOLUNTEER_ID);
    expect(merged.fieldTimes).toMatchObject({
      phone: '2026-11-03T00:00:00.000Z',
      address: '2026-11-02T00:00:00.000Z',
      name: base.updatedAt,
    });
    expect(Object.keys(merged.fieldTimes).sort()).toEqual(
      Object.keys(base)
        .filter((k) => !['id', 'updatedAt', 'updatedBy', 'fieldTimes', '_deleted'].includes(k))
        .sort(),
    );
  });

  it('refuses to merge states of two different records', () => {
    const a = makeElder();
    const b = makeElder();
    expect(() => mergeRecord('elders', a, a, b, context())).toThrow(/not of one record/);
  });
});

describe('mergeRecord: the same field changed on both sides', () => {
  it('lets the later edit win and puts the earlier value on the review list with who set it and when', () => {
    const base = makeElder();
    const mine = edit(base, { phone: '13811112222' }, '2026-11-03T00:00:00.000Z');
    const theirs = edit(base, { phone: '13833334444' }, '2026-11-02T00:00:00.000Z', COORDINATOR_ID);
    const { merged, reviews } = merge('elders', base, mine, theirs);
    expect(merged.phone).toBe('13811112222');
    expect(merged.fieldTimes.phone).toBe('2026-11-03T00:00:00.000Z');
    expect(reviews).toHaveLength(1);
    expect(reviews[0]).toMatchObject({
      collectionName: 'elders',
      recordId: base.id,
      elderId: base.id,
      town: base.town,
      field: 'phone',
      kept: { value: '"13811112222"', by: WORKER_ID, at: '2026-11-03T00:00:00.000Z' },
      other: { value: '"13833334444"', by: COORDINATOR_ID, at: '2026-11-02T00:00:00.000Z' },
      status: 'open',
      resolution: null,
      reviewedBy: null,
      updatedAt: NOW,
      updatedBy: WORKER_ID,
      _deleted: false,
    });
  });

  it("lets the server's later edit win over the device's earlier one", () => {
    const base = makeElder();
    const mine = edit(base, { capability: 'moderate' }, '2026-11-02T00:00:00.000Z');
    const theirs = edit(base, { capability: 'severe' }, '2026-11-03T00:00:00.000Z', COORDINATOR_ID);
    const { merged, reviews } = merge('elders', base, mine, theirs);
    expect(merged.capability).toBe('severe');
    expect(reviews.map((r) => [r.field, r.kept.value, r.other.value])).toEqual([
      ['capability', '"severe"', '"moderate"'],
    ]);
  });

  it('compares edit times as instants, whatever their offset', () => {
    const base = makeElder();
    const mine = edit(base, { phone: '1' }, '2026-11-03T09:00:00+08:00'); // 01:00Z
    const theirs = edit(base, { phone: '2' }, '2026-11-03T02:00:00.000Z', COORDINATOR_ID);
    expect(merge('elders', base, mine, theirs).merged.phone).toBe('2');
  });

  it('decides equal edit times by the values, so both sides of the clash pick the same value', () => {
    const base = makeElder();
    const at = '2026-11-03T00:00:00.000Z';
    const a = edit(base, { community: '竹苑社区东' }, at, WORKER_ID);
    const b = edit(base, { community: '竹苑社区西' }, at, COORDINATOR_ID);
    const one = merge('elders', base, a, b);
    const other = merge('elders', base, b, a);
    expect(one.merged.community).toBe(other.merged.community);
    expect(one.reviews.map((r) => r.id)).toEqual(other.reviews.map((r) => r.id));
  });

  it('does not count the same change made on both sides as a clash, and dates it from the later edit', () => {
    const base = makeElder();
    const mine = edit(base, { riskTier: 'key' }, '2026-11-03T00:00:00.000Z');
    const theirs = edit(base, { riskTier: 'key' }, '2026-11-02T00:00:00.000Z', COORDINATOR_ID);
    const { merged, reviews } = merge('elders', base, mine, theirs);
    expect(merged.riskTier).toBe('key');
    expect(merged.fieldTimes.riskTier).toBe('2026-11-03T00:00:00.000Z');
    expect(reviews).toEqual([]);
  });

  it("dates the same change just after theirs when the server's copy holds the later edit", () => {
    const base = makeElder();
    const mine = edit(base, { riskTier: 'key' }, '2026-11-02T00:00:00.000Z');
    const theirs = edit(base, { riskTier: 'key' }, '2026-11-03T00:00:00.000Z', COORDINATOR_ID);
    const { merged, reviews } = merge('elders', base, mine, theirs);
    expect(merged.riskTier).toBe('key');
    expect(merged.fieldTimes.riskTier).toBe('2026-11-03T00:00:00.001Z');
    expect(reviews).toEqual([]);
  });

  it('keeps theirs as it is when both sides hold the same edit with the same time', () => {
    const base = makeElder();
    const theirs = edit(base, { riskTier: 'key' }, '2026-11-03T00:00:00.000Z', COORDINATOR_ID);
    const mine = { ...theirs };
    expect(merge('elders', base, mine, theirs).merged).toBe(theirs);
  });

  it('puts a same change from a phone whose clock is behind on the review list when a third device that saw only the other edit changes the field', () => {
    const base = makeElder({ riskTier: 'high' });
    const fromC = edit(base, { riskTier: 'key' }, '2026-11-03T08:00:00.000Z', COORDINATOR_ID);
    // B sets the same value later in truth, but its clock is hours behind.
    const fromB = edit(base, { riskTier: 'key' }, '2026-11-03T05:30:00.000Z', VOLUNTEER_ID);
    const server = merge('elders', base, fromB, fromC, context(NOW, VOLUNTEER_ID)).merged;
    // A had pulled C's edit only, and changes the field.
    const fromA = edit(fromC, { riskTier: 'general' }, '2026-11-03T09:00:00.000Z');
    const { merged, reviews } = merge('elders', fromC, fromA, server);
    expect(merged.riskTier).toBe('general');
    expect(reviews.map((r) => [r.field, JSON.parse(r.kept.value), JSON.parse(r.other.value)])).toEqual([
      ['riskTier', 'general', 'key'],
    ]);
  });

  it('chooses nested values (contacts, follow-up, participants) whole, never mixing their parts', () => {
    const elder = makeElder();
    const base = makeVisit(elder);
    const mine = edit(
      base,
      {
        followUp: { needed: true, urgency: 'high', note: '复查血压' },
        participants: [{ name: '张', minutes: 30 }],
      },
      '2026-11-21T00:00:00.000Z',
    );
    const theirs = edit(
      base,
      {
        followUp: { needed: false, urgency: 'urgent', note: '' },
        participants: [{ name: '赵', minutes: 60 }],
      },
      '2026-11-22T00:00:00.000Z',
      COORDINATOR_ID,
    );
    const { merged, reviews } = merge('visits', base, mine, theirs);
    expect(merged.followUp).toEqual(theirs.followUp);
    expect(merged.participants).toEqual(theirs.participants);
    expect(reviews.map((r) => [r.field, JSON.parse(r.other.value)])).toEqual([
      ['followUp', mine.followUp],
      ['participants', mine.participants],
    ]);
    expect(reviews.every((r) => r.elderId === elder.id && r.town === elder.town)).toBe(true);
  });

  it('does not count a nested value written with its keys in another order as a change', () => {
    const base = makeElder();
    const reordered = {
      ...base,
      contacts: base.contacts.map((c) => ({
        phone: c.phone,
        emergency: c.emergency,
        relation: c.relation,
        name: c.name,
      })),
    };
    const mine = edit(base, { contacts: [] }, '2026-11-02T00:00:00.000Z');
    expect(merge('elders', base, mine, reordered).merged.contacts).toEqual([]);
    const added = [...base.contacts, { name: '邻居', relation: '', phone: '3', emergency: false }];
    const sameAdded = [...reordered.contacts, { emergency: false, phone: '3', relation: '', name: '邻居' }];
    const a = edit(base, { contacts: added }, '2026-11-02T00:00:00.000Z');
    const b = edit(base, { contacts: sameAdded }, '2026-11-03T00:00:00.000Z', COORDINATOR_ID);
    expect(merge('elders', base, a, b).reviews).toEqual([]);
  });

  it("counts a value put back to the base's as an edit, even when the base's clock was ahead of the device's", () => {
    // The base came from a phone two hours ahead; this device changed the tier and put it back.
    const base = edit(makeElder(), { riskTier: 'key' }, '2026-11-03T12:00:00.000Z', COORDINATOR_ID);
    const changed = edit(base, { riskTier: 'general' }, '2026-11-03T10:00:00.000Z');
    const putBack = edit(changed, { riskTier: 'key' }, '2026-11-03T10:05:00.000Z');
    const theirs = edit(base, { riskTier: 'high' }, '2026-11-03T12:30:00.000Z', COORDINATOR_ID);
    const { merged, reviews } = merge('elders', base, putBack, theirs);
    expect(merged.riskTier).toBe('high');
    expect(reviews.map((r) => [r.field, r.kept.value, r.other.value])).toEqual([
      ['riskTier', '"high"', '"key"'],
    ]);
  });

  it('gives the same clash the same review id each time it is found', () => {
    const base = makeElder();
    const mine = edit(base, { phone: '1' }, '2026-11-03T00:00:00.000Z');
    const theirs = edit(base, { phone: '2' }, '2026-11-02T00:00:00.000Z', COORDINATOR_ID);
    const first = merge('elders', base, mine, theirs, context('2026-11-04T00:00:00.000Z'));
    const again = merge('elders', base, mine, theirs, context('2026-11-05T00:00:00.000Z', COORDINATOR_ID));
    expect(again.reviews[0]?.id).toBe(first.reviews[0]?.id);
  });
});

describe('mergeRecord: a device whose clock is a year ahead', () => {
  const realEdit = '2026-11-05T09:00:00.000Z'; // the server side, edited after the device in real time
  const skewedEdit = '2027-11-03T09:00:00.000Z'; // the device's clock: really 2026-11-03, a year ahead

  it('wins only the fields it edited, not the fields the other side edited later', () => {
    const base = makeElder();
    const mine = edit(base, { phone: '13811112222' }, skewedEdit);
    const theirs = edit(base, { address: '竹苑路 9 号', riskTier: 'key' }, realEdit, COORDINATOR_ID);
    const { merged, reviews } = merge('elders', base, mine, theirs, context('2027-11-03T09:05:00.000Z'));
    expect(merged).toMatchObject({ phone: '13811112222', address: '竹苑路 9 号', riskTier: 'key' });
    expect(reviews).toEqual([]);
    // The skewed time sticks to the field it edited only.
    expect(merged.fieldTimes).toMatchObject({ phone: skewedEdit, address: realEdit, name: base.updatedAt });
  });

  it('also when the device never saw the server copy, thanks to the per-field times of its edit', () => {
    const server = makeElder();
    const mine = edit(server, { phone: '13811112222' }, skewedEdit);
    const theirs = edit(server, { address: '竹苑路 9 号' }, realEdit, COORDINATOR_ID);
    const { merged, reviews } = merge('elders', null, mine, theirs);
    expect(merged).toMatchObject({ phone: '13811112222', address: '竹苑路 9 号' });
    // With no base both differing fields count as changed on both sides, hence the entries.
    expect(reviews.map((r) => [r.field, r.kept.by])).toEqual([
      ['address', COORDINATOR_ID],
      ['phone', WORKER_ID],
    ]);
  });

  it('wins a field both sides edited (its stamp is later) but the other value stays on the review list', () => {
    const base = makeElder();
    const mine = edit(base, { health: '高血压（设备）' }, skewedEdit);
    const theirs = edit(base, { health: '高血压，已住院' }, realEdit, COORDINATOR_ID);
    const { merged, reviews } = merge('elders', base, mine, theirs);
    expect(merged.health).toBe('高血压（设备）');
    expect(reviews[0]?.other).toEqual({ value: '"高血压，已住院"', by: COORDINATOR_ID, at: realEdit });
  });
});

describe('mergeRecord: set fields', () => {
  it('applies the additions and removals of both sides, in the order of the category list', () => {
    const base = makeElder({ categories: ['living_alone', 'advanced_age', 'veteran'] });
    const mine = edit(
      base,
      { categories: ['party_member', 'living_alone', 'advanced_age'] },
      '2026-11-03T00:00:00Z',
    );
    const theirs = edit(
      base,
      { categories: ['advanced_age', 'veteran', 'disabled'] },
      '2026-11-02T00:00:00Z',
    );
    const { merged, reviews } = merge('elders', base, mine, theirs);
    // mine: +party_member -veteran; theirs: +disabled -living_alone.
    expect(merged.categories).toEqual(['advanced_age', 'disabled', 'party_member']);
    expect(merged.fieldTimes.categories).toBe(NOW);
    expect(reviews).toEqual([]);
  });

  it('treats a set put back as the base had it as a whole-set edit: the later edit wins, the other is reviewed', () => {
    // B saw A's added category (its base here is older: A's push lost its answer) and took it out,
    // leaving the set as the base has it. Item by item B's edit is nothing and the category would
    // come back with no entry; as a whole-set edit it clashes with A's.
    const base = makeElder({ categories: ['living_alone', 'advanced_age'] });
    const mine = edit(
      base,
      { categories: ['living_alone', 'advanced_age', 'lost_only_child'] },
      '2026-12-01T02:24:00Z',
    );
    const putBack = edit(
      mine,
      { categories: ['living_alone', 'advanced_age'] },
      '2026-11-30T22:23:00Z',
      COORDINATOR_ID,
    );
    const { merged, reviews } = merge('elders', base, mine, putBack);
    expect(merged.categories).toEqual(['living_alone', 'advanced_age', 'lost_only_child']);
    expect(reviews).toHaveLength(1);
    expect(reviews[0]).toMatchObject({
      field: 'categories',
      other: { value: JSON.stringify(['living_alone', 'advanced_age']) },
    });
    // The same from the other side: the later edit still wins, the same entry is filed.
    const fromTheirs = merge('elders', base, putBack, mine);
    expect(fromTheirs.merged.categories).toEqual(merged.categories);
    expect(fromTheirs.reviews.map((r) => r.id)).toEqual(reviews.map((r) => r.id));
  });

  it("merges a visit's services and safety risks as sets too", () => {
    const base = makeVisit(makeElder(), { services: ['cleaning'], safetyRisks: ['fall', 'gas'] });
    const mine = edit(
      base,
      { services: ['small_wish', 'cleaning'], safetyRisks: ['fall'] },
      '2026-11-21T00:00:00Z',
    );
    const theirs = edit(
      base,
      { services: ['meal_help'], safetyRisks: ['fire', 'fall', 'gas'] },
      '2026-11-22T00:00:00Z',
    );
    const { merged, reviews } = merge('visits', base, mine, theirs);
    expect(merged.services).toEqual(['meal_help', 'small_wish']);
    expect(merged.safetyRisks).toEqual(['fall', 'fire']);
    expect(reviews).toEqual([]);
  });

  it("keeps the server's array as it is when the merged set is the server's", () => {
    const base = makeElder({ categories: ['advanced_age'] });
    const mine = edit(base, { categories: ['advanced_age', 'veteran'] }, '2026-11-03T00:00:00Z');
    const theirs = edit(
      base,
      { categories: ['veteran', 'advanced_age', 'living_alone'] },
      '2026-11-02T00:00:00Z',
    );
    const { merged } = merge('elders', base, mine, theirs);
    expect(merged).toBe(theirs);
  });

  it('does not count a different order of the same items as a change', () => {
    const base = makeElder({ categories: ['living_alone', 'advanced_age'] });
    const mine = { ...base, categories: ['advanced_age' as const, 'living_alone' as const] };
    const theirs = edit(base, { categories: ['advanced_age'] }, '2026-11-02T00:00:00Z', COORDINATOR_ID);
    expect(merge('elders', base, mine, theirs).merged.categories).toEqual(['advanced_age']);
  });
});

describe('mergeRecord: the volunteers paired with an elder', () => {
  // Ids that sort as the letters say: the merged set is written in code-unit order.
  const [a, b, c, d] = ['a', 'b', 'c', 'd'].map((x) => `0190c7e2-7c6b-7000-8000-00000000000${x}`) as [
    string,
    string,
    string,
    string,
  ];

  it('merges the pairings as a set: both sides’ additions and removals, ids in code-unit order', () => {
    const base = makeElder({ volunteerIds: [b, c] });
    const mine = edit(base, { volunteerIds: [d, b] }, '2026-11-03T00:00:00Z', COORDINATOR_ID);
    const theirs = edit(base, { volunteerIds: [a, b, c] }, '2026-11-02T00:00:00Z', VOLUNTEER_ID);
    const { merged, reviews } = merge('elders', base, mine, theirs);
    // mine: +d -c; theirs: +a.
    expect(merged.volunteerIds).toEqual([a, b, d]);
    expect(merged.fieldTimes.volunteerIds).toBe(NOW);
    expect(reviews).toEqual([]);
  });

  it('takes an elder stored before pairings existed as paired with no one', () => {
    const base = makeElder();
    expect(base.volunteerIds).toBeUndefined();
    const mine = edit(base, { volunteerIds: [a] }, '2026-11-03T00:00:00Z', COORDINATOR_ID);
    const theirs = edit(base, { volunteerIds: [b] }, '2026-11-02T00:00:00Z', VOLUNTEER_ID);
    expect(merge('elders', base, mine, theirs).merged.volunteerIds).toEqual([a, b]);
    // An empty set written where there was none is no edit.
    expect(edit(base, { volunteerIds: [] }, '2026-11-03T00:00:00Z')).toBe(base);
  });

  it('puts an empty set, never a missing value, on the review list for a copy that lacks the field', () => {
    const server = makeElder();
    const mine = edit(server, { volunteerIds: [a] }, '2026-11-03T00:00:00Z', COORDINATOR_ID);
    const { merged, reviews } = merge('elders', null, server, mine);
    expect(merged.volunteerIds).toEqual([a]);
    // The device's copy lacks the field: it is an empty set on the review list.
    expect(reviews.map((review) => [review.field, JSON.parse(review.other.value)])).toEqual([
      ['volunteerIds', []],
    ]);
  });
});

describe('mergeRecord: a volunteer of the register', () => {
  it('keeps edits of different fields from two coordinators and puts a clash on the review list, named by the volunteer', () => {
    const base = makeVolunteer();
    const mine = edit(base, { phone: '13711112222', active: false }, '2026-11-03T00:00:00Z', COORDINATOR_ID);
    const theirs = edit(
      base,
      { team: '东区义剪队', active: true, zhiyuanNumber: null },
      '2026-11-02T00:00:00Z',
      VOLUNTEER_ID,
    );
    const { merged, reviews } = merge('volunteers', base, mine, theirs);
    expect(merged).toMatchObject({
      phone: '13711112222',
      team: '东区义剪队',
      zhiyuanNumber: null,
      active: false,
    });
    expect(reviews).toEqual([]);

    const other = edit(base, { phone: '13733334444' }, '2026-11-02T00:00:00Z', VOLUNTEER_ID);
    const clash = merge('volunteers', base, mine, other);
    expect(clash.merged.phone).toBe('13711112222');
    expect(clash.reviews).toHaveLength(1);
    expect(clash.reviews[0]).toMatchObject({
      collectionName: 'volunteers',
      recordId: base.id,
      elderId: base.id,
      town: base.town,
      field: 'phone',
      other: { value: JSON.stringify('13733334444') },
    });
  });
});

describe('mergeRecord: free-text notes', () => {
  const base = makeElder({ notes: '独居。' });
  const mine = edit(base, { notes: '独居。女儿每周来一次。' }, '2026-11-03T02:00:00.000Z');
  const theirs = edit(base, { notes: '独居，腿脚不便。' }, '2026-11-02T02:00:00.000Z', COORDINATOR_ID);

  it('keeps both texts, the earlier edit first, each marked with who wrote it and when', () => {
    const { merged } = merge('elders', base, mine, theirs);
    expect(merged.notes).toBe(
      '【王站长 2026-11-02 10:00】独居，腿脚不便。\n【李社工 2026-11-03 10:00】独居。女儿每周来一次。',
    );
    expect(merged.fieldTimes.notes).toBe(NOW);
  });

  it('puts the combination on the review list: kept = the combined text, other = the earlier text', () => {
    const { merged, reviews } = merge('elders', base, mine, theirs);
    expect(reviews).toHaveLength(1);
    expect(reviews[0]).toMatchObject({
      field: 'notes',
      kept: { value: JSON.stringify(merged.notes), by: WORKER_ID, at: NOW },
      other: { value: JSON.stringify(theirs.notes), by: COORDINATOR_ID, at: '2026-11-02T02:00:00.000Z' },
    });
  });

  it('writes the same combined text whichever side merges', () => {
    const one = merge('elders', base, mine, theirs, context(NOW, WORKER_ID));
    const other = merge('elders', base, theirs, mine, context(NOW, COORDINATOR_ID));
    expect(other.merged.notes).toBe(one.merged.notes);
    expect(other.reviews.map((r) => r.id)).toEqual(one.reviews.map((r) => r.id));
  });

  it('writes the id when no name is known', () => {
    const { merged } = merge('elders', base, mine, theirs, { now: NOW, actorId: WORKER_ID });
    expect(merged.notes).toContain(`【${COORDINATOR_ID} 2026-11-02 10:00】`);
  });

  it('does not grow or add a review when the combined text is merged again', () => {
    const first = merge('elders', base, mine, theirs).merged;
    const again = merge('elders', base, mine, first);
    expect(again.merged.notes).toBe(first.notes);
    expect(again.reviews).toEqual([]);
    const later = merge('elders', mine, mine, first);
    expect(later.merged.notes).toBe(first.notes);
  });

  it('takes the text that already contains the other, with no review', () => {
    const appended = edit(
      base,
      { notes: '独居。女儿每周来一次。' },
      '2026-11-02T00:00:00.000Z',
      COORDINATOR_ID,
    );
    const more = edit(base, { notes: '独居。女儿每周来一次。需要助餐。' }, '2026-11-01T12:00:00.000Z');
    const { merged, reviews } = merge('elders', base, more, appended);
    expect(merged.notes).toBe('独居。女儿每周来一次。需要助餐。');
    expect(reviews).toEqual([]);
  });

  it('lets the later edit win, with a review, when the combined text would be too long for the field', () => {
    const schedule = makeSchedule(makeElder());
    const a = edit(schedule, { note: 'a'.repeat(600) }, '2026-11-03T00:00:00.000Z');
    const b = edit(schedule, { note: 'b'.repeat(600) }, '2026-11-02T00:00:00.000Z', COORDINATOR_ID);
    const { merged, reviews } = merge('schedules', schedule, a, b);
    expect(merged.note).toBe('a'.repeat(600));
    expect(reviews.map((r) => [r.field, r.other.value])).toEqual([['note', JSON.stringify('b'.repeat(600))]]);
  });

  it("combines a schedule's note and a visit's notes the same way", () => {
    const schedule = makeSchedule(makeElder());
    const a = edit(schedule, { note: '改到下午' }, '2026-11-03T00:00:00.000Z');
    const b = edit(schedule, { note: '带血压计' }, '2026-11-02T00:00:00.000Z', COORDINATOR_ID);
    expect(merge('schedules', schedule, a, b).merged.note).toBe(
      '【王站长 2026-11-02 08:00】带血压计\n【李社工 2026-11-03 08:00】改到下午',
    );
    const visit = makeVisit(makeElder());
    const c = edit(visit, { notes: '情绪好' }, '2026-11-21T00:00:00.000Z');
    const d = edit(visit, { notes: '有点孤独' }, '2026-11-21T00:00:00.000Z', COORDINATOR_ID);
    const { merged, reviews } = merge('visits', visit, c, d);
    expect(merged.notes).toContain('情绪好');
    expect(merged.notes).toContain('有点孤独');
    expect(reviews.map((r) => r.field)).toEqual(['notes']);
  });

  it('writes header times in China time, whatever the offset of the edit time', () => {
    expect(formatNoteStamp('2026-11-30T16:30:00.000Z')).toBe('2026-12-01 00:30');
    expect(formatNoteStamp('2026-12-01T00:30:00+08:00')).toBe('2026-12-01 00:30');
  });
});

describe('mergeRecord: schedules, a visit that was done stays done', () => {
  const elder = makeElder();
  const base = makeSchedule(elder, { plannedDate: '2026-11-29' });
  const done = edit(
    base,
    { status: 'done', visitId: '0190c7e2-7c6b-7000-8000-0000000000aa' },
    '2026-11-29T03:00:00Z',
  );
  const rescheduled = edit(base, { plannedDate: '2026-12-03' }, '2026-11-30T01:00:00Z', COORDINATOR_ID);
  const cancelled = edit(base, { status: 'cancelled' }, '2026-11-30T01:00:00Z', COORDINATOR_ID);

  it('keeps a done visit done, on its date, when a later reschedule crossed it (done on the device)', () => {
    const { merged, reviews } = merge('schedules', base, done, rescheduled);
    expect(merged).toMatchObject({ status: 'done', plannedDate: '2026-11-29', visitId: done.visitId });
    expect(reviews.map((r) => [r.field, r.kept.value, r.other.value])).toEqual([
      ['plannedDate', '"2026-11-29"', '"2026-12-03"'],
    ]);
    expect(reviews[0]?.elderId).toBe(elder.id);
  });

  it('keeps a done visit done when the reschedule is on the device and the done on the server', () => {
    const { merged, reviews } = merge('schedules', base, rescheduled, done);
    expect(merged).toMatchObject({ status: 'done', plannedDate: '2026-11-29', visitId: done.visitId });
    expect(reviews.map((r) => [r.field, r.kept.by, r.other.by])).toEqual([
      ['plannedDate', WORKER_ID, COORDINATOR_ID],
    ]);
  });

  it('keeps a done visit done when a later cancellation crossed it, both ways', () => {
    for (const [mine, theirs] of [
      [done, cancelled],
      [cancelled, done],
    ] as const) {
      const { merged, reviews } = merge('schedules', base, mine, theirs);
      expect(merged.status).toBe('done');
      expect(reviews.map((r) => [r.field, r.kept.value, r.other.value])).toEqual([
        ['status', '"done"', '"cancelled"'],
      ]);
    }
  });

  it('keeps done and its values against a missed visit with a reason and a new date', () => {
    const missed = edit(
      base,
      { status: 'missed', missedReason: 'not_home', plannedDate: '2026-12-01' },
      '2026-11-30T00:00:00Z',
      COORDINATOR_ID,
    );
    const { merged, reviews } = merge('schedules', base, missed, done);
    expect(merged).toMatchObject({ status: 'done', missedReason: null, plannedDate: '2026-11-29' });
    expect(reviews.map((r) => r.field)).toEqual(['plannedDate', 'status', 'missedReason']);
  });

  it('lets the higher status win when both changed it, not the later time', () => {
    const missed = edit(base, { status: 'missed', missedReason: 'in_hospital' }, '2026-11-29T00:00:00Z');
    const { merged, reviews } = merge('schedules', base, missed, cancelled);
    expect(merged).toMatchObject({ status: 'missed', missedReason: 'in_hospital' });
    expect(reviews.map((r) => [r.field, r.kept.value, r.other.value])).toEqual([
      ['status', '"missed"', '"cancelled"'],
    ]);
  });

  it('merges the dates of two done sides by the ordinary rules', () => {
    const doneLater = edit(
      base,
      { status: 'done', plannedDate: '2026-11-30' },
      '2026-11-30T00:00:00Z',
      COORDINATOR_ID,
    );
    const { merged, reviews } = merge('schedules', base, done, doneLater);
    expect(merged).toMatchObject({ status: 'done', plannedDate: '2026-11-30', visitId: done.visitId });
    expect(reviews).toEqual([]);
  });

  it('keeps a change of a done visit made on one side only (not a crossing)', () => {
    const wasDone = makeSchedule(elder, { status: 'done' });
    const reopened = edit(wasDone, { status: 'planned', plannedDate: '2026-12-05' }, '2026-11-30T00:00:00Z');
    const { merged, reviews } = merge('schedules', wasDone, reopened, wasDone);
    expect(merged).toMatchObject({ status: 'planned', plannedDate: '2026-12-05' });
    expect(reviews).toEqual([]);
  });
});

describe('mergeRecord: a delete against an edit', () => {
  const base = makeElder();
  const deleted = edit(base, { _deleted: true }, '2026-11-04T00:00:00.000Z', COORDINATOR_ID);
  const edited = edit(base, { phone: '13811112222' }, '2026-11-03T00:00:00.000Z');

  it('brings the record back when the server deleted it and the device edited it', () => {
    const { merged, reviews } = merge('elders', base, edited, deleted);
    expect(merged).toMatchObject({ _deleted: false, phone: '13811112222' });
    expect(reviews).toHaveLength(1);
    expect(reviews[0]).toMatchObject({
      field: '_deleted',
      kept: { value: 'false', by: WORKER_ID, at: '2026-11-03T00:00:00.000Z' },
      other: { value: 'true', by: COORDINATOR_ID, at: '2026-11-04T00:00:00.000Z' },
    });
  });

  it('brings the record back when the device deleted it and the server edited it', () => {
    const mineDeleted = edit(base, { _deleted: true }, '2026-11-04T00:00:00.000Z');
    const theirsEdited = edit(base, { address: '竹苑路 9 号' }, '2026-11-03T00:00:00.000Z', COORDINATOR_ID);
    const { merged, reviews } = merge('elders', base, mineDeleted, theirsEdited);
    expect(merged).toMatchObject({ _deleted: false, address: '竹苑路 9 号' });
    expect(reviews.map((r) => [r.field, r.kept.value, r.other.value])).toEqual([
      ['_deleted', 'false', 'true'],
    ]);
  });

  it('keeps the edits of both sides when it brings the record back, with their own clashes listed', () => {
    const deletedAfterEdit = edit(
      edit(base, { phone: '1' }, '2026-11-02T00:00:00Z'),
      { _deleted: true },
      '2026-11-04T00:00:00Z',
    );
    const { merged, reviews } = merge('elders', base, deletedAfterEdit, edited);
    expect(merged).toMatchObject({ _deleted: false, phone: '13811112222' });
    expect(reviews.map((r) => r.field)).toEqual(['_deleted', 'phone']);
  });

  it('brings the record back when the other side made, later, the change the deleting side had made before', () => {
    // A cancels a planned visit and syncs; B, who never saw that, cancels it too; A, offline, then
    // deletes it. B's cancel is an edit A had not seen, so it wins against A's delete.
    const planned = makeSchedule(makeElder());
    const cancelledByA = edit(planned, { status: 'cancelled' }, '2026-11-02T00:00:00.000Z');
    const cancelledByB = edit(planned, { status: 'cancelled' }, '2026-11-03T00:00:00.000Z', COORDINATOR_ID);
    const onServer = merge('schedules', planned, cancelledByB, cancelledByA).merged;
    const deletedByA = edit(cancelledByA, { _deleted: true }, '2026-11-04T00:00:00.000Z');
    const { merged, reviews } = merge('schedules', cancelledByA, deletedByA, onServer);
    expect(merged).toMatchObject({ _deleted: false, status: 'cancelled' });
    expect(reviews.map((r) => r.field)).toEqual(['_deleted']);
  });

  it('stays deleted, with no review, when the other side did not change the record (both ways)', () => {
    for (const [mine, theirs] of [
      [deleted, base],
      [base, deleted],
    ] as const) {
      const { merged, reviews } = merge('elders', base, mine, theirs);
      expect(merged._deleted).toBe(true);
      expect(reviews).toEqual([]);
    }
  });

  it('stays deleted, with no review, when both sides deleted it, even after clashing edits', () => {
    const a = edit(
      edit(base, { phone: '1' }, '2026-11-02T00:00:00Z'),
      { _deleted: true },
      '2026-11-02T00:00:00Z',
    );
    const b = edit(
      edit(base, { phone: '2' }, '2026-11-03T00:00:00Z'),
      { _deleted: true },
      '2026-11-03T00:00:00Z',
    );
    const { merged, reviews } = merge('elders', base, a, b);
    expect(merged._deleted).toBe(true);
    expect(reviews).toEqual([]);
  });

  it('keeps a record brought back on one side when the base was deleted', () => {
    const gone = { ...base, _deleted: true };
    const restored = edit(gone, { _deleted: false }, '2026-11-05T00:00:00Z', COORDINATOR_ID);
    const { merged, reviews } = merge('elders', gone, gone, restored);
    expect(merged._deleted).toBe(false);
    expect(reviews).toEqual([]);
  });

  it('with no base, brings the record back with a review, even when the copies are otherwise the same', () => {
    const serverDeleted = { ...base, _deleted: true, updatedBy: COORDINATOR_ID };
    const same = merge('elders', null, base, serverDeleted);
    expect(same.merged._deleted).toBe(false);
    expect(same.reviews.map((r) => [r.field, r.kept.value, r.other.value])).toEqual([
      ['_deleted', 'false', 'true'],
    ]);
    // The differing phone counts as changed on both sides too.
    const differing = merge('elders', null, edited, serverDeleted);
    expect(differing.merged._deleted).toBe(false);
    expect(differing.reviews.map((r) => r.field)).toEqual(['_deleted', 'phone']);
    // Merging again with the merged record does not flip it back to deleted.
    expect(merge('elders', null, serverDeleted, same.merged).merged._deleted).toBe(false);
  });
});

describe('mergeRecord: with no base (the device never saw the server copy)', () => {
  it('treats every differing field as changed on both sides: the later edit wins with a review', () => {
    const server = makeElder({ fieldTimes: { phone: '2026-11-02T00:00:00.000Z' } });
    const mine = { ...server, phone: '1', fieldTimes: { phone: '2026-11-03T00:00:00.000Z' } };
    const { merged, reviews } = merge('elders', null, mine, server);
    expect(merged.phone).toBe('1');
    expect(reviews.map((r) => [r.field, r.other.value])).toEqual([['phone', JSON.stringify(server.phone)]]);
  });

  it("keeps the later edit's set whole, with the other set on the review list, rather than a union", () => {
    const server = makeVisit(makeElder(), { services: ['cleaning', 'bathing'] });
    const mine = edit(server, { services: ['cleaning'] }, '2026-11-25T00:00:00.000Z');
    const { merged, reviews } = merge('visits', null, mine, server);
    expect(merged.services).toEqual(['cleaning']);
    expect(reviews.map((r) => [r.field, r.kept.value, r.other.value])).toEqual([
      ['services', '["cleaning"]', '["cleaning","bathing"]'],
    ]);
    // The same whichever side is mine.
    expect(merge('visits', null, server, mine).merged.services).toEqual(['cleaning']);
  });

  it("returns the server's record when both copies are the same", () => {
    const server = makeVisit(makeElder());
    const { merged, reviews } = merge('visits', null, { ...server }, server);
    expect(merged).toBe(server);
    expect(reviews).toEqual([]);
  });
});

describe('mergeRecord: retries (a push whose response was lost)', () => {
  const base = makeElder({ categories: ['living_alone'] });
  const mine = edit(
    base,
    { phone: '1', notes: '需要助餐', categories: ['living_alone', 'veteran'], riskTier: 'key' },
    '2026-11-03T00:00:00Z',
  );
  const theirs = edit(
    base,
    { phone: '2', notes: '腿脚不便', categories: ['party_member'], riskTier: 'general' },
    '2026-11-04T00:00:00Z',
    COORDINATOR_ID,
  );

  it("returns the server's values with no review when the server already has the device's record", () => {
    const { merged, reviews } = merge('elders', base, mine, mine);
    expect(merged).toBe(mine);
    expect(reviews).toEqual([]);
  });

  it('changes nothing and finds no new clash when merging again with the merged record', () => {
    const first = merge('elders', base, mine, theirs);
    expect(first.reviews.map((r) => r.field)).toEqual(['phone', 'riskTier', 'notes']);
    const again = merge('elders', base, mine, first.merged, context('2026-11-11T00:00:00Z'));
    expect(valuesOf(again.merged)).toEqual(valuesOf(first.merged));
    expect(again.merged).toBe(first.merged);
    const firstIds = new Set(first.reviews.map((r) => r.id));
    expect(again.reviews.every((r) => firstIds.has(r.id))).toBe(true);
  });

  it("returns the server's values with no review when the server has a merge that includes the device's edits", () => {
    // The server's record is an earlier merge of the device's edits with other edits of notes and categories.
    const other = edit(base, { notes: '腿脚不便', categories: [] }, '2026-11-04T00:00:00Z', COORDINATOR_ID);
    const first = merge('elders', base, mine, other).merged;
    expect(first.notes).toContain('需要助餐');
    const { merged, reviews } = merge('elders', base, mine, first);
    expect(merged).toBe(first);
    expect(reviews).toEqual([]);
  });
});

describe('mergeRecord: visit start and end', () => {
  it('never lets separately merged start and end cross: both come from the side edited last', () => {
    const base = makeVisit(makeElder()); // 02:00 to 03:00
    const mine = edit(
      base,
      { startedAt: '2026-11-20T06:00:00.000Z', endedAt: '2026-11-20T07:00:00.000Z' },
      '2026-11-21T00:00:00Z',
    );
    const theirs = edit(
      base,
      { endedAt: '2026-11-20T03:30:00.000Z' },
      '2026-11-22T00:00:00Z',
      COORDINATOR_ID,
    );
    const { merged, reviews } = merge('visits', base, mine, theirs);
    expect([merged.startedAt, merged.endedAt]).toEqual([
      '2026-11-20T02:00:00.000Z',
      '2026-11-20T03:30:00.000Z',
    ]);
    expect(reviews.map((r) => [r.field, r.other.value])).toEqual([
      ['startedAt', '"2026-11-20T06:00:00.000Z"'],
      ['endedAt', '"2026-11-20T07:00:00.000Z"'],
    ]);
  });
});

describe('mergeReview', () => {
  const elder = makeElder();
  const open: Review = {
    id: reviewId({ collectionName: 'elders', recordId: elder.id, field: 'phone', kept: '"1"', other: '"2"' }),
    collectionName: 'elders',
    recordId: elder.id,
    elderId: elder.id,
    town: elder.town,
    field: 'phone',
    kept: { value: '"1"', by: WORKER_ID, at: '2026-11-03T00:00:00.000Z' },
    other: { value: '"2"', by: COORDINATOR_ID, at: '2026-11-02T00:00:00.000Z' },
    status: 'open',
    resolution: null,
    reviewedBy: null,
    updatedAt: '2026-11-04T00:00:00.000Z',
    updatedBy: WORKER_ID,
    _deleted: false,
  };
  const reviewed: Review = {
    ...open,
    status: 'reviewed',
    resolution: 'other',
    reviewedBy: COORDINATOR_ID,
    updatedAt: '2026-11-05T00:00:00.000Z',
    updatedBy: COORDINATOR_ID,
  };
  const reopenedLater: Review = { ...open, updatedAt: '2026-11-09T00:00:00.000Z' };

  it('lets a reviewed entry win over an open one, even a later one, with its resolution and reviewer', () => {
    expect(mergeReview(open, reopenedLater, reviewed, context())).toBe(reviewed);
    const mineWins = mergeReview(open, reviewed, reopenedLater, context());
    expect(mineWins).toMatchObject({ status: 'reviewed', resolution: 'other', reviewedBy: COORDINATOR_ID });
    expect(mineWins).toMatchObject({ updatedAt: NOW, updatedBy: WORKER_ID });
    expect(Review.safeParse(mineWins).success).toBe(true);
  });

  it('otherwise lets the later updatedAt win', () => {
    const keptLater: Review = { ...reviewed, resolution: 'kept', updatedAt: '2026-11-06T00:00:00.000Z' };
    expect(mergeReview(null, reviewed, keptLater, context())).toBe(keptLater);
    expect(mergeReview(null, keptLater, reviewed, context()).resolution).toBe('kept');
    expect(mergeReview(null, open, reopenedLater, context())).toBe(reopenedLater);
  });

  it("returns the server's entry when both are the same", () => {
    expect(mergeReview(open, { ...open }, open, context())).toBe(open);
  });
});

describe('applyEdit', () => {
  const base = makeElder();
  const at = { now: '2026-11-03T00:00:00.000Z', actorId: COORDINATOR_ID };

  it('stamps the fields that really changed with the edit time, and the record with time and editor', () => {
    const next = applyEdit(base, { phone: '1', name: base.name }, at);
    expect(next).toMatchObject({ phone: '1', updatedAt: at.now, updatedBy: COORDINATOR_ID });
    expect(next.fieldTimes.phone).toBe(at.now);
    expect(next.fieldTimes.name).toBe(base.updatedAt);
    expect(documentSchemas.elders.safeParse(next).success).toBe(true);
  });

  it('dates every untouched field from the old updatedAt, so moving updatedAt does not re-date them', () => {
    const next = applyEdit(
      { ...base, fieldTimes: { address: '2026-10-01T00:00:00.000Z' } },
      { phone: '1' },
      at,
    );
    expect(next.fieldTimes).toMatchObject({
      address: '2026-10-01T00:00:00.000Z',
      name: base.updatedAt,
      phone: at.now,
    });
    expect(Object.keys(next.fieldTimes)).not.toContain('updatedAt');
  });

  it('returns the same object when nothing changed', () => {
    expect(applyEdit(base, {}, at)).toBe(base);
    expect(applyEdit(base, { name: base.name, contacts: base.contacts.map((c) => ({ ...c })) }, at)).toBe(
      base,
    );
    expect(applyEdit(base, { categories: [...base.categories].reverse() }, at)).toBe(base);
    expect(applyEdit(base, { phone: undefined }, at)).toBe(base);
  });

  it('ignores the audit fields of a patch but applies a delete, with no field time for it', () => {
    expect(applyEdit(base, { ...base, updatedAt: '2030-01-01T00:00:00.000Z', id: 'x' }, at)).toBe(base);
    const gone = applyEdit(base, { _deleted: true }, at);
    expect(gone).toMatchObject({ _deleted: true, updatedAt: at.now });
    expect(gone.fieldTimes._deleted).toBeUndefined();
  });
});

describe('reviewId', () => {
  const parts = {
    collectionName: 'elders',
    recordId: '0190c7e2-7c6b-7000-8000-0000000000ff',
    field: 'phone',
    kept: '"1"',
    other: '"2"',
  };

  it('is a valid UUID of version 8 with the RFC variant, the same for the same parts', () => {
    const id = reviewId(parts);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(Id.safeParse(id).success).toBe(true);
    expect(reviewId({ ...parts })).toBe(id);
  });

  it('differs when any part differs, including parts that would read the same if simply joined', () => {
    const ids = new Set([
      reviewId(parts),
      reviewId({ ...parts, collectionName: 'visits' }),
      reviewId({ ...parts, recordId: '0190c7e2-7c6b-7000-8000-0000000000fe' }),
      reviewId({ ...parts, field: 'name' }),
      reviewId({ ...parts, kept: '"3"' }),
      reviewId({ ...parts, other: '"3"' }),
      reviewId({ ...parts, kept: '"1""2"', other: '' }),
    ]);
    expect(ids.size).toBe(7);
  });

  it('gives every device the same id for the same clash, on any version of the app', () => {
    // Devices and the server make review ids independently, whatever version each runs: a clash seen
    // on two of them must give one entry, so the id of a given clash is fixed for good.
    expect(reviewId({ ...parts, kept: '"探访"' })).toBe('bc0ad5c2-9de8-819d-9f07-f953faf9ce8c');
  });
});

describe('descendsFrom: whether the server copy was made from a state the device pushed', () => {
  const base = makeElder({ categories: ['living_alone', 'advanced_age'] });
  const pushed = edit(base, { categories: ['living_alone'] }, '2026-11-03T00:00:00.000Z');

  it('holds for the pushed state itself and for an edit of another field made on top of it', () => {
    expect(descendsFrom('elders', pushed, pushed, base)).toBe(true);
    const onTop = edit(pushed, { phone: '13912345678' }, '2026-11-04T00:00:00.000Z', COORDINATOR_ID);
    expect(descendsFrom('elders', onTop, pushed, base)).toBe(true);
  });

  it('does not hold for a copy that never had the push (its field is older)', () => {
    const beside = edit(base, { phone: '13912345678' }, '2026-11-04T00:00:00.000Z', COORDINATOR_ID);
    expect(descendsFrom('elders', beside, pushed, base)).toBe(false);
  });

  it('does not hold without evidence: every field the push changed was edited again since', () => {
    const overwritten = edit(base, { categories: ['veteran'] }, '2026-11-05T00:00:00.000Z', COORDINATOR_ID);
    expect(descendsFrom('elders', overwritten, pushed, base)).toBe(false);
  });

  it('does not count a value the push only shares with an older copy as evidence', () => {
    // The device pushed before it saw another device's edit of startedAt (now the base); the
    // server's copy has the old startedAt back, with its old time, from a third device's merge.
    const original = makeVisit(makeElder());
    const mine = edit(original, { services: ['bathing'] }, '2026-11-24T00:00:00.000Z');
    const moved = edit(original, { startedAt: '2026-11-20T02:30:00.000Z' }, '2026-11-25T00:00:00.000Z');
    const server = edit(original, { services: ['cleaning'] }, '2026-11-26T00:00:00.000Z', COORDINATOR_ID);
    expect(descendsFrom('visits', server, mine, moved)).toBe(false);
    expect(descendsFrom('visits', server, mine, original)).toBe(false);
  });

  it('does not hold for a later push whose own edit the copy lacks, whatever the clocks say', () => {
    // A pushed a note (answer lost), then an end time; B, its clock ahead, changed the end time
    // before A did and merged it onto A's note. The copy comes from A's first push, not its second.
    const original = makeVisit(makeElder());
    const noted = edit(original, { notes: '⟦4⟧' }, '2026-11-24T00:00:00.000Z');
    const ended = edit(noted, { endedAt: '2026-11-20T02:06:00.000Z' }, '2026-11-24T00:01:00.000Z');
    const copy = edit(
      noted,
      { endedAt: '2026-11-20T02:04:00.000Z' },
      '2026-11-24T00:18:00.000Z',
      COORDINATOR_ID,
    );
    expect(descendsFrom('visits', copy, ended, original)).toBe(false);
    expect(descendsFrom('visits', copy, noted, original)).toBe(true);
  });

  it('does not hold for a push from a phone whose clock is behind when the copy has another value', () => {
    // A, its clock two hours behind, changed the start on top of C's earlier change (the base); the
    // push landed but its answer was lost; C then changed the start again. A's edit is dated before
    // the base's, yet it is an edit: the copy lacks it, so it was not made from A's push.
    const original = makeVisit(makeElder());
    const known = edit(original, { startedAt: '2026-11-20T02:39:00.000Z' }, '2026-12-01T01:21:00.000Z');
    const behind = edit(known, { startedAt: '2026-11-20T02:42:00.000Z' }, '2026-11-30T23:26:00.000Z');
    const copy = edit(
      known,
      { startedAt: '2026-11-20T02:40:00.000Z' },
      '2026-12-01T01:29:00.000Z',
      COORDINATOR_ID,
    );
    expect(descendsFrom('visits', copy, behind, known)).toBe(false);
    expect(descendsFrom('visits', behind, behind, known)).toBe(true);
  });

  it('does not hold for a copy that is not deleted when the push deleted the record', () => {
    // B pushed its end time, then its delete (answer lost); A's start time was merged onto the end
    // time beside the delete. Taken as the base, B's delete would make A's copy look like the only
    // change: the delete would be lost with no review entry.
    const original = makeVisit(makeElder());
    const ended = edit(original, { endedAt: '2026-11-20T02:16:00.000Z' }, '2026-12-01T01:13:00.000Z');
    const deleted = { ...ended, _deleted: true, updatedAt: '2026-12-01T01:21:00.000Z' };
    const copy = edit(
      ended,
      { startedAt: '2026-11-20T01:35:00.000Z' },
      '2026-12-01T00:59:00.000Z',
      COORDINATOR_ID,
    );
    expect(descendsFrom('visits', copy, deleted, original)).toBe(false);
    expect(descendsFrom('visits', { ...copy, _deleted: true }, deleted, original)).toBe(true);
    // A delete alone, held by the copy, is enough evidence.
    expect(descendsFrom('visits', { ...ended, _deleted: true }, deleted, ended)).toBe(true);
  });

  it('does not hold between two records', () => {
    expect(descendsFrom('elders', makeElder(), pushed, null)).toBe(false);
  });
});
