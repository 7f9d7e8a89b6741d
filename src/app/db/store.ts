// Every local write goes through here: validated with the shared schemas, stamped with who and
// when (per field), and noted in the outbox so the app can say how many changes have not reached
// the server.
import { deepEqual } from 'rxdb/plugins/utils';
import { combineLatest, filter, firstValueFrom, type Observable, race, timer } from 'rxjs';
import { v7 as uuidv7 } from 'uuid';
import type { Implausible } from '../../domain/plausible';
import type {
  AnyDocument,
  CollectionName,
  DocumentTypes,
  Elder,
  MergedCollection,
  Review,
  Schedule,
  Visit,
  Volunteer,
} from '../../domain/schemas';
import type { TanfangDatabase } from './database';
import type { SetAsideEntry } from './rxSchemas';

export class InvalidRecordError extends Error {
  constructor(
    readonly field: string,
    message: string,
    /** Set when the record is valid but implausible (src/domain/plausible.ts): which rule it broke. */
    readonly rule?: Implausible['rule'],
  ) {
    super(`${field}: ${message}`);
    this.name = 'InvalidRecordError';
  }
}

export function newId(): string {
  return uuidv7();
}

// The schemas and merge rules load with the first write, not with the app: the first screen only reads.
const loadSchemas = () => import('../../domain/schemas');
const loadMerge = () => import('../../domain/merge');

async function validate(collection: CollectionName, doc: unknown): Promise<void> {
  const { documentSchemas } = await loadSchemas();
  const result = documentSchemas[collection].safeParse(doc);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new InvalidRecordError(issue?.path.join('.') ?? '', issue?.message ?? 'invalid');
  }
}

const loadPlausible = () => import('../../domain/plausible');

/**
 * The rules the server asks of every push (a visit not in the future, not empty; phones that are
 * phone numbers), asked here first so the person hears it while they can still correct it; and a
 * planned visit not moved into the past, which only the device can judge (its own day).
 */
async function checkPlausible(
  collection: CollectionName,
  next: unknown,
  stored: unknown,
  now: Date,
): Promise<void> {
  const rules = await loadPlausible();
  const broken =
    collection === 'visits'
      ? rules.implausibleVisit(next as Visit, stored as Visit | undefined, now)
      : collection === 'elders'
        ? rules.implausibleElder(next as Elder, stored as Elder | undefined)
        : collection === 'volunteers'
          ? rules.implausibleVolunteer(next as Volunteer, stored as Volunteer | undefined)
          : collection === 'schedules'
            ? rules.implausibleSchedule(next as Schedule, stored as Schedule | undefined, now)
            : null;
  if (broken === null) return;
  throw new InvalidRecordError(broken.field, rules.IMPLAUSIBLE_MESSAGES[broken.rule], broken.rule);
}

function outboxKey(collection: CollectionName, id: string): string {
  return `${collection}:${id}`;
}

/** A record as the shared schemas see it: RxDB keeps `_deleted` apart from the document's data. */
export function plain<T>(doc: { toMutableJSON(): unknown; deleted: boolean }): T {
  return { ...(doc.toMutableJSON() as object), _deleted: doc.deleted } as T;
}

/** People's names for the headers of combined notes; the id where the device does not know the person. */
export async function displayNames(db: TanfangDatabase): Promise<(userId: string) => string> {
  const users = await db.users.find().exec();
  const names = new Map(users.map((u) => [u.id, u.displayName]));
  return (id) => names.get(id) ?? id;
}

export async function noteInOutbox(
  db: TanfangDatabase,
  collection: CollectionName,
  doc: Pick<AnyDocument, 'id' | 'updatedAt'>,
): Promise<void> {
  await db.outbox.upsert({
    key: outboxKey(collection, doc.id),
    collectionName: collection,
    docId: doc.id,
    updatedAt: doc.updatedAt,
  });
}

/**
 * Clears the outbox entries of these states: the server accepted them, or they are settled (merged
 * into the server's copy, or set aside). An entry noted for a later edit stays: it is still waiting.
 */
export async function clearOutbox(
  db: TanfangDatabase,
  collection: CollectionName,
  states: readonly { id: string; updatedAt: string }[],
): Promise<void> {
  if (states.length === 0) return;
  const keys = states.map((d) => outboxKey(collection, d.id));
  const entries = await db.outbox.findByIds(keys).exec();
  const settled = states.flatMap((d) => {
    const entry = entries.get(outboxKey(collection, d.id));
    return entry !== undefined && entry.updatedAt <= d.updatedAt ? [entry] : [];
  });
  if (settled.length === 0) return;
  // Removing the entries as read (not by key): an entry written in between makes a reported
  // conflict instead of being removed unseen or thrown. It may be a later edit (it stays) or the
  // same state noted again (looked at afresh).
  const { error } = await db.outbox.bulkRemove(settled);
  const raced = new Set(error.map((e) => e.documentId));
  if (raced.size === 0) return;
  await clearOutbox(
    db,
    collection,
    states.filter((d) => raced.has(outboxKey(collection, d.id))),
  );
}

/**
 * Clears the outbox entries of records whose state on the device the server now holds exactly, as
 * a pull shows. Why: a push the server took but whose answer was lost leaves its entry waiting,
 * and when the pull then brings that same state back, RxDB sees the device in step with the server
 * and never pushes again, so nothing else would clear it.
 */
export async function clearOutboxWhereServerHolds(
  db: TanfangDatabase,
  collection: CollectionName,
  pulled: readonly AnyDocument[],
): Promise<void> {
  if (pulled.length === 0) return;
  // Runs on every pull page: the outbox (a handful of entries, most often none) is read rather than
  // looked up by every pulled id.
  const entries = await db.outbox.find({ selector: { collectionName: collection } }).exec();
  if (entries.length === 0) return;
  const waitingIds = new Set(entries.map((entry) => entry.docId));
  const waiting = pulled.filter((d) => waitingIds.has(d.id));
  if (waiting.length === 0) return;
  // Deleted records too: a delete whose answer was lost waits like any other change.
  const stored = await db[collection].storageInstance.findDocumentsById(
    waiting.map((d) => d.id),
    true,
  );
  const onDevice = new Map(
    stored.map(({ _rev, _meta, _attachments, ...doc }) => [String((doc as { id: string }).id), doc]),
  );
  await clearOutbox(
    db,
    collection,
    waiting.filter((d) => deepEqual(onDevice.get(d.id), d)),
  );
}

/**
 * Takes a record off the outbox whatever state was noted: its conflict with the server's copy is
 * settled (the server's copy kept, or the state set aside). Why not by time, as clearOutbox: RxDB
 * may hand a conflict handler an earlier state than the last one noted, and once the record equals
 * the server's copy nothing would clear that entry. A later edit still reaches the server (RxDB
 * pushes what differs from the server's copy); only the waiting count misses it until then.
 * Never throws on a write that raced it: inside a conflict handler that would strand the record.
 */
export async function dropFromOutbox(db: TanfangDatabase, collection: CollectionName, id: string) {
  await db.outbox.bulkRemove([outboxKey(collection, id)]);
}

/**
 * Resolves once each of these records either waits in the outbox no more (the server took it) or is
 * in the latest set of `sending$` (its push is on its way), or after `timeoutMs`, whichever comes
 * first.
 */
export async function waitUntilPushed(
  db: TanfangDatabase,
  collection: CollectionName,
  ids: readonly string[],
  timeoutMs: number,
  sending$: Observable<ReadonlySet<string>>,
): Promise<void> {
  if (ids.length === 0) return;
  const keys = ids.map((id) => outboxKey(collection, id));
  const pending = combineLatest([db.outbox.findByIds(keys).$, sending$]).pipe(
    filter(([waiting, sending]) => [...waiting.values()].every((entry) => sending.has(entry.docId))),
  );
  await firstValueFrom(race(pending, timer(timeoutMs)));
}

export type VisitDraft = Omit<
  Visit,
  'id' | 'updatedAt' | 'updatedBy' | '_deleted' | 'workerId' | 'town' | 'fieldTimes'
>;

/**
 * Records a visit made by `userId` and marks its planned visit done, if it had one. The visit is
 * written first: if the app dies between the two writes, the visit itself is kept.
 */
export async function recordVisit(
  db: TanfangDatabase,
  userId: string,
  draft: VisitDraft,
  now: Date = new Date(),
): Promise<Visit> {
  const elder = await db.elders.findOne(draft.elderId).exec();
  if (!elder) throw new InvalidRecordError('elderId', 'unknown elder');
  const stamp = now.toISOString();
  const visit: Visit = {
    ...draft,
    id: newId(),
    town: elder.town,
    workerId: userId,
    // A new record: every field dates from its creation (updatedAt).
    fieldTimes: {},
    updatedAt: stamp,
    updatedBy: userId,
    _deleted: false,
  };
  await validate('visits', visit);
  await checkPlausible('visits', visit, undefined, now);
  const planned = draft.scheduleId ? await db.schedules.findOne(draft.scheduleId).exec() : null;
  if (draft.scheduleId && !planned) throw new InvalidRecordError('scheduleId', 'unknown planned visit');
  const { applyEdit } = await loadMerge();
  const done = planned
    ? applyEdit(
        plain<DocumentTypes['schedules']>(planned),
        { status: 'done', visitId: visit.id },
        { now: stamp, actorId: userId },
      )
    : null;
  if (done) await validate('schedules', done);
  await db.visits.insert(visit);
  await noteInOutbox(db, 'visits', visit);
  if (planned && done) {
    const written = await writeOnLatest(
      db,
      'schedules',
      planned,
      plain<DocumentTypes['schedules']>(planned),
      done,
    );
    if (written.changed) await noteInOutbox(db, 'schedules', written.record);
  }
  return visit;
}

/**
 * Writes `mine` (an edit or the deletion of `base`, the copy just read) onto the record as stored
 * at the moment of writing; RxDB's incremental write runs this again on a newer state. When a pull
 * landed after `base` was read (the server's stream pokes the app while someone types), the two are
 * merged by the sync rules (base, mine, the stored state) and clashes go on the review list. Writing
 * `mine` as it is would overwrite the pulled change and push over it as if this device had seen it.
 * `changed` is false when the merge kept the stored state as it was (nothing new to push).
 */
async function writeOnLatest<T extends DocumentTypes[MergedCollection]>(
  db: TanfangDatabase,
  collection: MergedCollection,
  // biome-ignore lint/suspicious/noExplicitAny: an RxDocument of any of the three collections.
  doc: any,
  base: T,
  mine: T,
): Promise<{ record: T; changed: boolean }> {
  const { mergeRecord } = await loadMerge();
  let written = mine;
  let changed = true;
  let reviews: Review[] = [];
  await doc.incrementalModify(async (data: T & Record<'_meta' | '_rev' | '_attachments', unknown>) => {
    // RxDB hands the stored data with its own keys (some set to undefined); the record is the rest.
    const { _meta, _rev, _attachments, ...stored } = data;
    const latest = stored as unknown as T;
    changed = true;
    if (deepEqual(latest, base)) {
      written = mine;
      reviews = [];
    } else {
      const outcome = mergeRecord(collection, base, mine, latest, {
        now: mine.updatedAt,
        actorId: mine.updatedBy,
        nameOf: await displayNames(db),
      });
      written = outcome.merged as T;
      reviews = outcome.reviews;
      changed = written !== latest;
      if (changed) await validate(collection, written);
    }
    return written;
  });
  if (reviews.length > 0) await saveReviews(db, reviews);
  return { record: written, changed };
}

/**
 * Writes a new record made on this device, stamped as created by `userId` now: every field dates from
 * its creation (updatedAt). Refused (InvalidRecordError naming the field) unless the shared schema
 * accepts it.
 */
export async function createRecord<C extends MergedCollection>(
  db: TanfangDatabase,
  collection: C,
  userId: string,
  fields: Omit<DocumentTypes[C], 'id' | 'fieldTimes' | 'updatedAt' | 'updatedBy' | '_deleted'>,
  now: Date = new Date(),
): Promise<DocumentTypes[C]> {
  const record = {
    ...fields,
    id: newId(),
    fieldTimes: {},
    updatedAt: now.toISOString(),
    updatedBy: userId,
    _deleted: false,
  } as unknown as DocumentTypes[C];
  await validate(collection, record);
  await checkPlausible(collection, record, undefined, now);
  // biome-ignore lint/suspicious/noExplicitAny: the three collections share insert; C ties the types together.
  await (db[collection] as any).insert(record);
  await noteInOutbox(db, collection, record);
  return record;
}

/** Edits fields of an existing record; only the fields that really change get a new edit time. */
export async function updateRecord<C extends MergedCollection>(
  db: TanfangDatabase,
  collection: C,
  userId: string,
  id: string,
  patch: Partial<DocumentTypes[C]>,
  now: Date = new Date(),
): Promise<DocumentTypes[C]> {
  // biome-ignore lint/suspicious/noExplicitAny: the three collections share the calls used here; C ties the types together.
  const rx = db[collection] as any;
  const current = await rx.findOne(id).exec();
  if (!current) throw new InvalidRecordError('id', `unknown record in ${collection}`);
  const before = plain<DocumentTypes[C]>(current);
  const { applyEdit } = await loadMerge();
  const after = applyEdit(before, patch, { now: now.toISOString(), actorId: userId });
  if (after === before) return before;
  await validate(collection, after);
  await checkPlausible(collection, after, before, now);
  const written = await writeOnLatest(db, collection, current, before, after);
  if (written.changed) await noteInOutbox(db, collection, written.record);
  return written.record;
}

/** Soft-deletes a record in one write that also says who deleted it and when. */
export async function deleteRecord(
  db: TanfangDatabase,
  collection: MergedCollection,
  userId: string,
  id: string,
  now: Date = new Date(),
): Promise<void> {
  // biome-ignore lint/suspicious/noExplicitAny: see updateRecord.
  const current = await (db[collection] as any).findOne(id).exec();
  if (!current) throw new InvalidRecordError('id', `unknown record in ${collection}`);
  const stamp = now.toISOString();
  const before = plain<DocumentTypes[MergedCollection]>(current);
  const deleted = { ...before, updatedAt: stamp, updatedBy: userId, _deleted: true };
  const written = await writeOnLatest(db, collection, current, before, deleted);
  if (written.changed) await noteInOutbox(db, collection, written.record);
}

/** Saves review entries found by a merge; an entry already known (the same clash) is left as it is. */
export async function saveReviews(db: TanfangDatabase, reviews: readonly Review[]): Promise<number> {
  const known = await db.reviews.findByIds(reviews.map((r) => r.id)).exec();
  const fresh = reviews.filter((r) => !known.has(r.id));
  let saved = 0;
  for (const review of fresh) {
    await validate('reviews', review);
    // The same clash found by another device has the same id and may arrive by the reviews pull
    // between the look-up above and this insert: then it is known, not an error (a throw here
    // would leave the conflict unresolved: RxDB does not push a record again until it changes).
    const { error } = await db.reviews.bulkInsert([review]);
    if (error[0]?.status === 409) continue;
    if (error[0]) throw new Error(`review entry ${review.id} could not be saved (status ${error[0].status})`);
    await noteInOutbox(db, 'reviews', review);
    saved += 1;
  }
  return saved;
}

/** Closes a review entry, keeping either the value the merge kept or the other one. */
export async function resolveReview(
  db: TanfangDatabase,
  userId: string,
  reviewId: string,
  keep: 'kept' | 'other',
  now: Date = new Date(),
): Promise<void> {
  const entry = await db.reviews.findOne(reviewId).exec();
  if (!entry) throw new InvalidRecordError('id', 'unknown review entry');
  const review = plain<Review>(entry);
  if (keep === 'other') {
    const value: unknown = JSON.parse(review.other.value);
    if (review.field === '_deleted') {
      if (value === true) await deleteRecord(db, review.collectionName, userId, review.recordId, now);
    } else {
      await updateRecord(db, review.collectionName, userId, review.recordId, { [review.field]: value }, now);
    }
  }
  const closed: Review = {
    ...review,
    status: 'reviewed',
    resolution: keep,
    reviewedBy: userId,
    updatedAt: now.toISOString(),
    updatedBy: userId,
  };
  await validate('reviews', closed);
  await db.reviews.upsert(closed);
  await noteInOutbox(db, 'reviews', closed);
}

/** Keeps a record the server refused, with its reason; it no longer counts as waiting. */
export async function setAside(
  db: TanfangDatabase,
  collection: CollectionName,
  doc: AnyDocument,
  reason: { status: number; message: string; field: string },
  now: Date = new Date(),
): Promise<void> {
  await db.setaside.upsert({
    key: outboxKey(collection, doc.id),
    collectionName: collection,
    recordId: doc.id,
    doc: doc as unknown as Record<string, unknown>,
    ...reason,
    at: now.toISOString(),
  });
  await dropFromOutbox(db, collection, doc.id);
}

/** Tries a set-aside record again, as a new edit by `userId`; the server judges it afresh. */
export async function retrySetAside(
  db: TanfangDatabase,
  userId: string,
  key: string,
  now: Date = new Date(),
) {
  const entry = await db.setaside.findOne(key).exec();
  if (!entry) return;
  const collection = entry.collectionName as CollectionName;
  const doc = {
    ...(entry.doc as unknown as AnyDocument),
    updatedAt: now.toISOString(),
    updatedBy: userId,
    _deleted: false,
  };
  await validate(collection, doc);
  // biome-ignore lint/suspicious/noExplicitAny: the collection is named by the entry; validate() checked the record.
  await (db[collection] as any).upsert(doc);
  await noteInOutbox(db, collection, doc);
  await entry.remove();
}

export async function discardSetAside(db: TanfangDatabase, key: string): Promise<void> {
  const entry = await db.setaside.findOne(key).exec();
  if (entry) await entry.remove();
}

export type { SetAsideEntry };
