// Merging two edits of one record, field by field, three-way: base (the copy both started from, or
// null when the device never saw the server's copy), mine (the device's state) and theirs (the
// server's). Pure and deterministic: the same inputs give the same record and the same review list
// on every device. Rules (see the tests for each):
// - A field changed on one side only keeps that change; edits to different fields all survive.
// - Set fields (categories, volunteerIds, services, safetyRisks) merge as sets: additions and removals of both sides
//   (with no base, or when one side put the set back as the base had it, the later edit's set, the
//   other on the review list).
// - Notes edited on both sides keep both texts; a text that already contains the other wins alone.
// - A schedule's status: the higher rank wins (done > missed > cancelled > planned). A done visit
//   stays done: the other side's plannedDate and missedReason changes give way, on the review list.
// - Any other field edited on both sides: the later edit by that field's edit time wins. The same
//   value set on both sides at different times is no clash, but it is dated after both edits, so a
//   device that saw only one of them and then changes the field clashes with the other.
// - A delete against an edit: the edit wins and the record comes back.
// - Fields no person edits (the links of a planned visit or a visit to its elder, worker, plan or
//   visit, and the town that follows the elder) are settled by these rules and never reviewed.
// - A field that none of the three states has (an optional field that older records lack) stays
//   out of the merged record: merging adds no field and no edit time of its own.
// A value a person typed that gives way is kept on the review list (a Review), so nothing edited is lost.
export { descendsFrom } from './merge/descent';

import { sha256 } from '@noble/hashes/sha2.js';
import { combineNotes } from './merge/notes';
import {
  AUDIT_FIELDS,
  allFields,
  canonicalJson,
  compareInstants,
  compareText,
  earlierInstant,
  type Fields,
  fieldKind,
  fieldTime,
  fitsField,
  ordinaryFields,
  sameValue,
  setFields,
  setOrder,
  settledByRule,
} from './merge/values';
import {
  type DocumentTypes,
  type FieldTimes,
  MERGED_COLLECTIONS,
  type MergedCollection,
  type Review,
  type ReviewSide,
} from './schemas';

export interface MergeContext {
  /** The time of the merge (ISO instant): the merged record's updatedAt. */
  now: string;
  /** Who merges: the merged record's updatedBy (the server requires the pushing user). */
  actorId: string;
  /** Display names for the headers of combined notes; the id is written when missing. */
  nameOf?: (userId: string) => string;
}

export interface MergeOutcome<T> {
  merged: T;
  reviews: Review[];
}

/** One side's value of a field, who set it and when. */
interface Stamp {
  value: unknown;
  by: string;
  at: string;
}

/** A value that gave way to another: it becomes a review entry unless the record ends up deleted. */
interface Clash {
  field: string;
  kept: Stamp;
  other: Stamp;
}

/** The outcome of one field. */
interface Resolved {
  value: unknown;
  time: string;
  clash?: Clash;
  /** The value is theirs's but its time is not: the merged record must carry the new time. */
  redated?: boolean;
}

/** The three states of a record being merged. */
interface Sides {
  collection: MergedCollection;
  base: Fields | null;
  mine: Fields;
  theirs: Fields;
  ctx: MergeContext;
}

const STATUS_RANK: Readonly<Record<string, number>> = { planned: 0, cancelled: 1, missed: 2, done: 3 };

/**
 * Merges mine into theirs. When the result has theirs's field values and deletion state (and no
 * same change is dated later than on theirs), `merged` is `theirs` itself (same object, nothing to
 * push); otherwise it is a new record stamped with
 * updatedAt = ctx.now, updatedBy = ctx.actorId, and fieldTimes giving every field the time of the
 * value chosen. `reviews` lists the clashes (none when the merged record is deleted).
 */
export function mergeRecord<C extends MergedCollection>(
  collection: C,
  base: DocumentTypes[C] | null,
  mine: DocumentTypes[C],
  theirs: DocumentTypes[C],
  ctx: MergeContext,
): MergeOutcome<DocumentTypes[C]> {
  const [b, m, t] = withEmptySets(collection, [base as Fields | null, mine as Fields, theirs as Fields]);
  const s: Sides = { collection, base: b ?? null, mine: m as Fields, theirs: t as Fields, ctx };
  if (s.mine.id !== s.theirs.id || (s.base !== null && s.base.id !== s.mine.id)) {
    throw new Error(`mergeRecord: the three states are not of one record (${s.mine.id}, ${s.theirs.id})`);
  }
  const fields = ordinaryFields(collection).filter((field) =>
    [s.base, s.mine, s.theirs].some((side) => side !== null && side[field] !== undefined),
  );
  const resolved = new Map(fields.map((field) => [field, resolveField(s, field)] as const));
  if (collection === 'schedules') keepDoneVisitDone(s, resolved);
  if (collection === 'visits') keepPeriodValid(s, resolved);
  const deletion = mergeDeletion(s, fields);

  const sameAsTheirs =
    deletion.deleted === s.theirs._deleted &&
    fields.every(
      (field) =>
        canonicalJson(resolved.get(field)?.value) === canonicalJson(s.theirs[field]) &&
        !resolved.get(field)?.redated,
    );
  // theirs as given: the same object when nothing changes, even where it lacks an empty set.
  const merged = sameAsTheirs ? (theirs as Fields) : buildRecord(s, resolved, deletion.deleted);

  const clashes = [deletion.clash, ...fields.map((field) => resolved.get(field)?.clash)].filter(
    (clash) => clash && !settledByRule(collection, clash.field),
  );
  const reviews = deletion.deleted
    ? []
    : clashes.flatMap((clash) => (clash ? [toReview(collection, merged, clash, ctx)] : []));
  return { merged: merged as DocumentTypes[C], reviews };
}

/**
 * A set field that some of the states lack (records older than the field) is empty in those, when
 * another state has it: merged as a set like any other, and never a missing value on the review list.
 */
function withEmptySets(collection: MergedCollection, states: (Fields | null)[]): (Fields | null)[] {
  const fields = setFields(collection).filter((field) =>
    states.some((state) => state !== null && state[field] !== undefined),
  );
  return states.map((state) => {
    const missing = fields.filter((field) => state !== null && state[field] === undefined);
    if (state === null || missing.length === 0) return state;
    return { ...state, ...Object.fromEntries(missing.map((field) => [field, []])) };
  });
}

function buildRecord(s: Sides, resolved: ReadonlyMap<string, Resolved>, deleted: boolean): Fields {
  const fieldTimes: FieldTimes = {};
  for (const [field, { time }] of resolved) fieldTimes[field] = time;
  const audit: Record<string, unknown> = {
    id: s.theirs.id,
    fieldTimes,
    updatedAt: s.ctx.now,
    updatedBy: s.ctx.actorId,
    _deleted: deleted,
  };
  const record = Object.fromEntries(
    allFields(s.collection)
      .filter((key) => AUDIT_FIELDS.has(key) || resolved.has(key))
      .map((key) => [key, AUDIT_FIELDS.has(key) ? audit[key] : resolved.get(key)?.value]),
  );
  return record as Fields;
}

// --- One field -------------------------------------------------------------------------------

/** Whether `side` changed the field from base; with no base, any difference between the sides counts. */
function changedBy(s: Sides, side: Fields, field: string): boolean {
  const reference = s.base ?? (side === s.mine ? s.theirs : s.mine);
  if (!sameValue(field, side[field], reference[field])) return true;
  // A value edited and then put back is still an edit made after the base: its edit time is not the
  // base's. Not "later than": the base's time may come from another device whose clock is ahead.
  return s.base !== null && Date.parse(fieldTime(side, field)) !== Date.parse(fieldTime(s.base, field));
}

function stampOf(side: Fields, field: string): Stamp {
  return { value: side[field], by: side.updatedBy, at: fieldTime(side, field) };
}

/** A side's value with its time; a value the side did not change dates from its earliest known time. */
function take(s: Sides, side: Fields, field: string): Resolved {
  const times = [fieldTime(side, field)];
  if (!changedBy(s, side, field)) {
    for (const other of [s.base, s.mine, s.theirs]) {
      if (other && sameValue(field, other[field], side[field])) times.push(fieldTime(other, field));
    }
  }
  return { value: side[field], time: times.reduce(earlierInstant) };
}

function resolveField(s: Sides, field: string): Resolved {
  const { mine, theirs } = s;
  const mineChanged = changedBy(s, mine, field);
  const theirsChanged = changedBy(s, theirs, field);
  if (mineChanged && !theirsChanged) return take(s, mine, field);
  if (!mineChanged) return take(s, theirs, field);
  if (sameValue(field, mine[field], theirs[field])) return sameChange(s, field);
  switch (fieldKind(s.collection, field)) {
    case 'set':
      return mergeSet(s, field);
    case 'notes':
      return mergeNotes(s, field);
    case 'status': {
      const mineRank = STATUS_RANK[String(mine[field])] ?? -1;
      const theirsRank = STATUS_RANK[String(theirs[field])] ?? -1;
      if (mineRank === theirsRank) return laterEditWins(s, field);
      return winsOver(mineRank > theirsRank ? mine : theirs, mineRank > theirsRank ? theirs : mine, field);
    }
    default:
      return laterEditWins(s, field);
  }
}

/**
 * Both sides made the same change: theirs's spelling (array order). Made at different times, they
 * are two edits, and the merged value must show theirs's copy changed: otherwise mine's edit would
 * vanish into theirs's, and a device that had seen only theirs's edit could change the field or
 * delete the record as if nobody had edited it since, with no review entry. So the value is dated
 * from the later edit, and when that is theirs's (mine's clock may be behind: edit times are device
 * clocks and say nothing of order between devices), one millisecond after it. The same edit on both
 * sides (the same instant) keeps theirs's time.
 */
function sameChange(s: Sides, field: string): Resolved {
  const theirsTime = fieldTime(s.theirs, field);
  const mineTime = fieldTime(s.mine, field);
  const order = compareInstants(mineTime, theirsTime);
  if (order === 0) return { value: s.theirs[field], time: theirsTime };
  const time = order > 0 ? mineTime : new Date(Date.parse(theirsTime) + 1).toISOString();
  return { value: s.theirs[field], time, redated: true };
}

function winsOver(winner: Fields, loser: Fields, field: string): Resolved {
  return {
    value: winner[field],
    time: fieldTime(winner, field),
    clash: { field, kept: stampOf(winner, field), other: stampOf(loser, field) },
  };
}

/**
 * The later edit of the field wins. Equal times are decided by the values' JSON (code-unit order),
 * not by updatedBy: a merged record's updatedBy is whoever merged it, so ordering by it could flip
 * the choice when the same clash is merged again.
 */
function laterEditWins(s: Sides, field: string): Resolved {
  const [winner, loser] = laterFirst(s.mine, s.theirs, field);
  return winsOver(winner, loser, field);
}

function laterFirst(a: Fields, b: Fields, field: string): [Fields, Fields] {
  const order =
    compareInstants(fieldTime(a, field), fieldTime(b, field)) ||
    compareText(canonicalJson(a[field]), canonicalJson(b[field]));
  return order > 0 ? [a, b] : [b, a];
}

/**
 * Both sides' additions and removals. With no base nothing is known added or removed (a union would
 * undo a removal), so the later edit's set wins and the other set goes on the review list. The same
 * when one side's edit put the set back as the base had it: that edit has no additions or removals
 * to apply (it took back what it saw, which the base may not show when the base is older than what
 * that side edited), so it is a whole-set edit against the other's.
 */
function mergeSet(s: Sides, field: string): Resolved {
  if (s.base === null) return laterEditWins(s, field);
  if (sameValue(field, s.mine[field], s.base[field]) || sameValue(field, s.theirs[field], s.base[field])) {
    return laterEditWins(s, field);
  }
  const mine = s.mine[field] as readonly string[];
  const theirs = s.theirs[field] as readonly string[];
  const base = new Set(s.base[field] as readonly string[]);
  const result = new Set([...base, ...mine, ...theirs]);
  for (const item of base) if (!mine.includes(item) || !theirs.includes(item)) result.delete(item);
  const merged = [...result];
  if (sameValue(field, merged, theirs)) return take(s, s.theirs, field);
  if (sameValue(field, merged, mine)) return take(s, s.mine, field);
  const order = setOrder(s.collection, field);
  const known = order.filter((item) => result.has(item));
  const unknown = merged.filter((item) => !order.includes(item)).sort(compareText);
  return { value: [...known, ...unknown], time: s.ctx.now };
}

/**
 * Both texts, the earlier edit first, each under 【name time】; review entry: kept = the combined
 * text (by the merging user, at ctx.now), other = the earlier edit's text (the one a plain
 * "later edit wins" would have dropped), so the entry is the same whichever side merges.
 * A text that contains the other wins alone, with no entry: that is what stops a combined text
 * from growing again when the same two edits are merged twice. A combined text too long for the
 * field falls back to "the later edit wins".
 */
function mergeNotes(s: Sides, field: string): Resolved {
  const mine = String(s.mine[field]);
  const theirs = String(s.theirs[field]);
  if (theirs.includes(mine)) return take(s, s.theirs, field);
  if (mine.includes(theirs)) return take(s, s.mine, field);
  const [later, earlier] = laterFirst(s.mine, s.theirs, field);
  const edit = (side: Fields) => ({
    text: String(side[field]),
    by: side.updatedBy,
    at: fieldTime(side, field),
  });
  const combined = combineNotes(edit(earlier), edit(later), s.ctx.nameOf);
  if (!fitsField(s.collection, field, combined)) return winsOver(later, earlier, field);
  return {
    value: combined,
    time: s.ctx.now,
    clash: {
      field,
      kept: { value: combined, by: s.ctx.actorId, at: s.ctx.now },
      other: stampOf(earlier, field),
    },
  };
}

// --- Rules across fields ------------------------------------------------------------------------

/**
 * A visit that was done stays done: when only one side says done, the other side's changes of
 * plannedDate and missedReason give way to the done side's values (status itself was settled by
 * rank), each with a review entry.
 */
function keepDoneVisitDone(s: Sides, resolved: Map<string, Resolved>): void {
  const { mine, theirs } = s;
  if (resolved.get('status')?.value !== 'done' || mine.status === theirs.status) return;
  const [done, other] = mine.status === 'done' ? [mine, theirs] : [theirs, mine];
  for (const field of ['plannedDate', 'missedReason']) {
    if (!changedBy(s, other, field) || sameValue(field, other[field], done[field])) continue;
    resolved.set(field, {
      ...take(s, done, field),
      clash: { field, kept: stampOf(done, field), other: stampOf(other, field) },
    });
  }
}

/**
 * startedAt and endedAt merged separately may cross (end before start). Then both come from the
 * side whose latest edit of the two is later, and the other side's edits of them go on the review list.
 */
function keepPeriodValid(s: Sides, resolved: Map<string, Resolved>): void {
  const pair = ['startedAt', 'endedAt'];
  const [start, end] = pair.map((field) => String(resolved.get(field)?.value));
  if (compareInstants(end as string, start as string) >= 0) return;
  const latestEdit = (side: Fields) =>
    pair
      .filter((field) => changedBy(s, side, field))
      .map((field) => fieldTime(side, field))
      .reduce((a, b) => (compareInstants(a, b) >= 0 ? a : b), '1970-01-01T00:00:00.000Z');
  const order =
    compareInstants(latestEdit(s.mine), latestEdit(s.theirs)) ||
    compareText(canonicalJson(pair.map((f) => s.mine[f])), canonicalJson(pair.map((f) => s.theirs[f])));
  const [winner, loser] = order > 0 ? [s.mine, s.theirs] : [s.theirs, s.mine];
  for (const field of pair) {
    const lost = changedBy(s, loser, field) && !sameValue(field, loser[field], winner[field]);
    const clash = lost ? { field, kept: stampOf(winner, field), other: stampOf(loser, field) } : undefined;
    resolved.set(field, { ...take(s, winner, field), ...(clash ? { clash } : {}) });
  }
}

/**
 * Both deleted: deleted. One deleted: if the other side edited the record (any ordinary field
 * differs from base), the edit wins and the record comes back, with a review entry on '_deleted';
 * otherwise it stays deleted. If base was deleted, the live side brought it back: that one-sided
 * change wins. With no base, `_deleted` itself counts as changed on both sides (as every differing
 * field does), so the live side wins with a review entry: judging "edited" by the other fields
 * would flip back to deleted once a merge had copied the deleted side's values into the live one.
 */
function mergeDeletion(s: Sides, fields: readonly string[]): { deleted: boolean; clash?: Clash } {
  const { base, mine, theirs } = s;
  if (mine._deleted === theirs._deleted) return { deleted: mine._deleted };
  if (base?._deleted) return { deleted: false };
  const [deleter, keeper] = mine._deleted ? [mine, theirs] : [theirs, mine];
  if (base && !fields.some((field) => changedBy(s, keeper, field))) return { deleted: true };
  const side = (doc: Fields): Stamp => ({
    value: doc._deleted,
    by: doc.updatedBy,
    at: fieldTime(doc, '_deleted'),
  });
  return { deleted: false, clash: { field: '_deleted', kept: side(keeper), other: side(deleter) } };
}

function toReview(collection: MergedCollection, record: Fields, clash: Clash, ctx: MergeContext): Review {
  const side = ({ value, by, at }: Stamp): ReviewSide => ({ value: canonicalJson(value), by, at });
  const kept = side(clash.kept);
  const other = side(clash.other);
  return {
    id: reviewId({
      collectionName: collection,
      recordId: record.id,
      field: clash.field,
      kept: kept.value,
      other: other.value,
    }),
    collectionName: collection,
    recordId: record.id,
    // A volunteer belongs to no elder: the entry names the volunteer (see Review).
    elderId: collection === 'elders' || collection === 'volunteers' ? record.id : String(record.elderId),
    town: String(record.town),
    field: clash.field,
    kept,
    other,
    status: 'open',
    resolution: null,
    reviewedBy: null,
    updatedAt: ctx.now,
    updatedBy: ctx.actorId,
    _deleted: false,
  };
}

// --- Reviews, local edits, ids ---------------------------------------------------------------------

/**
 * Reviews themselves: 'reviewed' wins over 'open' (with its resolution and reviewedBy); otherwise
 * the later updatedAt, equal times decided by the records' JSON. When theirs wins it is returned
 * as it is; when mine wins it is stamped updatedAt = ctx.now, updatedBy = ctx.actorId to be pushed.
 * `base` is not needed by these rules; it is accepted so all conflict handlers look alike.
 */
export function mergeReview(_base: Review | null, mine: Review, theirs: Review, ctx: MergeContext): Review {
  if (mine.id !== theirs.id) throw new Error(`mergeReview: two different entries (${mine.id}, ${theirs.id})`);
  const order =
    mine.status !== theirs.status
      ? mine.status === 'reviewed'
        ? 1
        : -1
      : compareInstants(mine.updatedAt, theirs.updatedAt) ||
        compareText(canonicalJson(mine), canonicalJson(theirs));
  if (order <= 0) return theirs;
  return { ...mine, updatedAt: ctx.now, updatedBy: ctx.actorId };
}

const MANAGED_FIELDS: ReadonlySet<string> = new Set(['id', 'updatedAt', 'updatedBy', 'fieldTimes']);
const ALL_ORDINARY_FIELDS: ReadonlySet<string> = new Set(
  MERGED_COLLECTIONS.flatMap((collection) => ordinaryFields(collection)),
);

/**
 * A local edit: applies `patch` (its id, updatedAt, updatedBy, fieldTimes and undefined values are
 * ignored), stamps fieldTimes[k] = now for each field whose value really changed (set fields
 * compare as sets), updatedAt = now, updatedBy = actorId. Fields with no fieldTimes entry get one
 * first, with the old updatedAt, since moving updatedAt would otherwise re-date them too.
 * `_deleted` is applied but gets no fieldTimes entry. Returns `doc` itself (===) when nothing changed.
 */
export function applyEdit<T extends DocumentTypes[MergedCollection]>(
  doc: T,
  patch: Partial<T>,
  ctx: { now: string; actorId: string },
): T {
  const before = doc as Fields;
  const changes = Object.entries(patch).filter(
    ([key, value]) => value !== undefined && !MANAGED_FIELDS.has(key) && !sameValue(key, before[key], value),
  );
  if (changes.length === 0) return doc;
  const fieldTimes: FieldTimes = { ...before.fieldTimes };
  for (const key of Object.keys(before)) {
    if (ALL_ORDINARY_FIELDS.has(key)) fieldTimes[key] = fieldTime(before, key);
  }
  for (const [key] of changes) if (key !== '_deleted') fieldTimes[key] = ctx.now;
  return { ...doc, ...Object.fromEntries(changes), fieldTimes, updatedAt: ctx.now, updatedBy: ctx.actorId };
}

/**
 * Deterministic review id: UUID-shaped (version 8, RFC 9562 variant) from the first 16 bytes of the
 * SHA-256 of the parts, so the same clash found twice, on any device, gets the same id.
 */
export function reviewId(parts: {
  collectionName: string;
  recordId: string;
  field: string;
  kept: string;
  other: string;
}): string {
  const text = JSON.stringify([parts.collectionName, parts.recordId, parts.field, parts.kept, parts.other]);
  const bytes = sha256(new TextEncoder().encode(text)).slice(0, 16);
  bytes[6] = ((bytes[6] as number) & 0x0f) | 0x80;
  bytes[8] = ((bytes[8] as number) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
