// Applying an RxDB push: all rows of a request in one write transaction, each row checked against
// the caller's rights and then written, skipped (an identical retry) or answered with a conflict.
// The same transaction keeps the elders' assignment history and records who lost which documents
// (revocations), so those people's devices drop them on their next pull.
import type { Kysely } from 'kysely';
import type { PushRow } from '../../domain/api';
import type {
  AnyDocument,
  CollectionName,
  DocumentTypes,
  Elder,
  User,
  Volunteer,
} from '../../domain/schemas';
import { jsonEqual } from '../sync/deep-equal';
import { checkPlausible } from '../sync/plausible-rules';
import {
  addedPairings,
  type CheckedRow,
  checkPushRow,
  type RowAccess,
  type RuleLookups,
} from '../sync/push-rules';
import { invalid } from '../sync/rejection';
import { changeAssignment, openAssignments, readAssignmentPeriods } from './assignments';
import {
  type DocumentWrite,
  ELDER_RECORD_COLLECTIONS,
  readDocument,
  readDocuments,
  restampElderRecords,
  writeDocuments,
} from './documents';
import {
  coordinatorsLosingTown,
  peopleLosingTown,
  type Revocation,
  readElderIdOf,
  readElderRecords,
  writeRevocations,
} from './revocations';
import type { Tables } from './tables';
import { writeTransaction } from './write-transaction';

export interface PushResult {
  /** The stored documents of the rows that conflicted: RxDB's push response. */
  conflicts: AnyDocument[];
  /** Collections whose feed moved for someone (empty when nothing was written), for change notifications. */
  changedCollections: CollectionName[];
  /** Towns of the documents written, before and after, so only people of those towns are notified. */
  changedTowns: string[];
  /**
   * The workers whose records were written or taken away (see ChangeEvent.workers); undefined for
   * the volunteers register, which every worker of the town pulls.
   */
  changedWorkers: string[] | undefined;
}

/** A row that will be written, with what was stored before it and how the rules allowed it. */
interface AcceptedRow {
  next: AnyDocument;
  stored: AnyDocument | undefined;
  access: RowAccess;
}

/**
 * `rows` must have passed pushBodySchema(collection). Throws RequestRejected (and writes nothing)
 * when any row is not allowed.
 */
export async function applyPush(
  db: Kysely<Tables>,
  actor: User,
  collection: CollectionName,
  rows: readonly PushRow[],
  serverTime: string,
): Promise<PushResult> {
  if (rows.length === 0) return nothingPushed();
  return writeTransaction(
    db,
    (trx, seq) => pushRowsIn(trx, seq, actor, collection, rows, serverTime),
    (result) => result.changedCollections.length === 0,
  );
}

export function nothingPushed(): PushResult {
  return { conflicts: [], changedCollections: [], changedTowns: [], changedWorkers: [] };
}

/**
 * The push of one collection's rows inside a write transaction, stamped `seq`. The rows must have
 * passed pushBodySchema(collection). Throws RequestRejected when any row is not
 * allowed, always before its first write: every row is checked, then the accepted ones are written,
 * so a refused push has written nothing (a batch of pushes relies on it to keep its other parts).
 */
export async function pushRowsIn(
  trx: Kysely<Tables>,
  seq: number,
  actor: User,
  collection: CollectionName,
  rows: readonly PushRow[],
  serverTime: string,
): Promise<PushResult> {
  rejectRepeatedIds(rows);
  // Read up front, one statement each, what the rules ask about every row: the stored documents and
  // their elders, and the volunteers elders are newly paired with (none, most pushes: no statement).
  // What else the rules ask (rarer cases) is read when asked.
  const storedById = await readDocuments(
    trx,
    collection,
    rows.map((row) => row.newDocumentState.id),
  );
  const elders = await readDocuments(trx, 'elders', elderIdsOf(rows, storedById));
  const pairedIds = collection === 'elders' ? pairedVolunteerIds(rows, storedById) : [];
  const volunteers =
    pairedIds.length === 0
      ? new Map<string, Volunteer | undefined>()
      : await readDocuments(trx, 'volunteers', pairedIds);
  const lookups: RuleLookups = {
    elder: async (id) => (elders.has(id) ? elders.get(id) : readDocument(trx, 'elders', id)),
    user: (id) => readDocument(trx, 'users', id),
    visit: (id) => readDocument(trx, 'visits', id),
    volunteer: async (id) => (volunteers.has(id) ? volunteers.get(id) : readDocument(trx, 'volunteers', id)),
    recordElderId: (recordCollection, id) => readElderIdOf(trx, recordCollection, id),
    assignmentPeriods: (elderId) => readAssignmentPeriods(trx, elderId),
  };
  const conflicts: AnyDocument[] = [];
  const accepted: AcceptedRow[] = [];
  for (const [index, row] of rows.entries()) {
    const next = row.newDocumentState;
    const assumed = row.assumedMasterState ?? null;
    if (assumed !== null && assumed.id !== next.id) {
      throw invalid('assumedMasterState is another document', `${index}.assumedMasterState.id`);
    }
    const stored = storedById.get(next.id);
    // The cast pairs the collection with its document type, which pushBodySchema(collection) checked.
    const access = await checkPushRow(
      actor,
      { collection, next, stored, assumed } as CheckedRow,
      index,
      lookups,
      serverTime,
    );

    if (stored !== undefined && jsonEqual(stored, next)) continue; // a retry of a push already applied
    checkPlausible({ collection, next, stored } as CheckedRow, index, serverTime);
    // A former worker's row was checked against the stored record itself (it changes nothing but
    // what it may), so it is written even over a newer master, which that worker may no longer see.
    if (stored !== undefined && !jsonEqual(stored, assumed) && access !== 'former-worker') {
      conflicts.push(stored);
      continue;
    }
    accepted.push({ next, stored, access });
  }
  const writes: DocumentWrite[] = accepted.map(({ next }) => ({ collection, doc: next, userId: actor.id }));
  await writeDocuments(trx, writes, seq, serverTime);
  const { revocations, restamped } =
    collection === 'elders'
      ? await applyElderMoves(trx, accepted, seq, serverTime)
      : collection === 'volunteers'
        ? { revocations: await revokeMovedVolunteers(trx, accepted), restamped: false }
        : { revocations: await revokeMovedRecords(trx, actor, collection, accepted), restamped: false };
  await writeRevocations(trx, revocations, seq);

  const changedCollections = new Set<CollectionName>(writes.length === 0 ? [] : [collection]);
  if (restamped) for (const records of ELDER_RECORD_COLLECTIONS) changedCollections.add(records);
  for (const revocation of revocations) changedCollections.add(revocation.collection);
  const changedTowns = new Set(
    accepted.flatMap(({ next, stored }) => [next, ...(stored ? [stored] : [])].flatMap(townOf)),
  );
  const changedWorkers =
    collection === 'volunteers'
      ? undefined
      : [
          ...new Set([
            ...accepted.flatMap(({ next, stored }) => assignedWorkers(next, stored, elders)),
            ...revocations.map((revocation) => revocation.userId),
          ]),
        ];
  return {
    conflicts,
    changedCollections: [...changedCollections],
    changedTowns: [...changedTowns],
    changedWorkers,
  };
}

/** The workers a written record concerns: those its elder was assigned to, before and after. */
function assignedWorkers(
  next: AnyDocument,
  stored: AnyDocument | undefined,
  elders: ReadonlyMap<string, Elder | undefined>,
): string[] {
  return [next, ...(stored ? [stored] : [])].flatMap((doc) => {
    if ('assignedWorkerId' in doc) return [doc.assignedWorkerId];
    if ('elderId' in doc) {
      const worker = elders.get(doc.elderId)?.assignedWorkerId;
      return worker === undefined ? [] : [worker];
    }
    return [];
  });
}

/** The elders that records (schedules, visits, reviews) belong to, as pushed and as stored. */
function elderIdsOf(
  rows: readonly PushRow[],
  stored: ReadonlyMap<string, AnyDocument | undefined>,
): string[] {
  return rows.flatMap((row) =>
    [row.newDocumentState, stored.get(row.newDocumentState.id)].flatMap((doc) =>
      doc !== undefined && 'elderId' in doc ? [doc.elderId] : [],
    ),
  );
}

/** The volunteers the pushed elders are paired with and the stored ones were not. */
function pairedVolunteerIds(
  rows: readonly PushRow[],
  stored: ReadonlyMap<string, AnyDocument | undefined>,
): string[] {
  return rows.flatMap((row) => {
    const next = row.newDocumentState as Elder;
    return addedPairings(next, stored.get(next.id) as Elder | undefined);
  });
}

function townOf(doc: AnyDocument): string[] {
  return 'town' in doc ? [doc.town] : [];
}

/**
 * Keeps the assignment history of the elders written, re-stamps the records of those that moved (so
 * the new worker's next pull gets them), and returns what the people who lost a moved elder lose:
 * the former worker, the elder and all its records; a coordinator of its former town, the elder
 * (its records keep the town they were made in, and stay in that coordinator's scope).
 */
async function applyElderMoves(
  trx: Kysely<Tables>,
  accepted: readonly AcceptedRow[],
  seq: number,
  serverTime: string,
): Promise<{ revocations: Revocation[]; restamped: boolean }> {
  const created = accepted.filter(({ stored }) => stored === undefined).map(({ next }) => next as Elder);
  await openAssignments(trx, created, seq, serverTime);
  const revocations: Revocation[] = [];
  let restamped = false;
  for (const { next, stored } of accepted) {
    if (stored === undefined) continue;
    const before = stored as Elder;
    const after = next as Elder;
    if (after.assignedWorkerId === before.assignedWorkerId && after.town === before.town) continue;
    await changeAssignment(trx, after, seq, serverTime);
    await restampElderRecords(trx, after.id, seq);
    restamped = true;
    // The elder as the people who lose it last had it.
    const elder = { collection: 'elders' as const, id: before.id, doc: JSON.stringify(before) };
    if (after.assignedWorkerId !== before.assignedWorkerId) {
      const records = await readElderRecords(trx, after.id);
      for (const lost of [elder, ...records]) revocations.push({ userId: before.assignedWorkerId, ...lost });
    }
    if (after.town !== before.town) {
      for (const userId of await coordinatorsLosingTown(trx, before.town, after.town)) {
        revocations.push({ userId, ...elder });
      }
    }
  }
  return { revocations, restamped };
}

/**
 * What people lose through the schedules, visits or reviews written: a former worker loses their own
 * record as soon as it is stored (it belongs to an elder now someone else's); a record moved to another
 * elder is lost by the old elder's worker; a record moved to another town, by that town's coordinators.
 */
async function revokeMovedRecords(
  trx: Kysely<Tables>,
  actor: User,
  collection: CollectionName,
  accepted: readonly AcceptedRow[],
): Promise<Revocation[]> {
  const revocations: Revocation[] = [];
  for (const { next, stored, access } of accepted) {
    if (access === 'former-worker') {
      revocations.push({ userId: actor.id, collection, id: next.id, doc: JSON.stringify(next) });
    }
    if (stored === undefined) continue;
    const before = stored as DocumentTypes['schedules' | 'visits' | 'reviews'];
    const after = next as DocumentTypes['schedules' | 'visits' | 'reviews'];
    const lost = { collection, id: before.id, doc: JSON.stringify(before) };
    if (after.elderId !== before.elderId) {
      const oldWorker = (await readDocument(trx, 'elders', before.elderId))?.assignedWorkerId;
      const newWorker = (await readDocument(trx, 'elders', after.elderId))?.assignedWorkerId;
      if (oldWorker !== undefined && oldWorker !== newWorker) {
        revocations.push({ userId: oldWorker, ...lost });
      }
    }
    if (after.town !== before.town) {
      for (const userId of await coordinatorsLosingTown(trx, before.town, after.town)) {
        revocations.push({ userId, ...lost });
      }
    }
  }
  return revocations;
}

/**
 * A volunteer moved to another town leaves the register of the people who see the old town and not
 * the new one (workers and coordinators), so their devices drop it.
 */
async function revokeMovedVolunteers(
  trx: Kysely<Tables>,
  accepted: readonly AcceptedRow[],
): Promise<Revocation[]> {
  const revocations: Revocation[] = [];
  for (const { next, stored } of accepted) {
    if (stored === undefined) continue;
    const before = stored as Volunteer;
    if ((next as Volunteer).town === before.town) continue;
    const lost = { collection: 'volunteers' as const, id: before.id, doc: JSON.stringify(before) };
    for (const userId of await peopleLosingTown(trx, before.town, (next as Volunteer).town, [
      'worker',
      'coordinator',
    ])) {
      revocations.push({ userId, ...lost });
    }
  }
  return revocations;
}

/** Two rows for one document in a request would make the second depend on the first: refuse. */
function rejectRepeatedIds(rows: readonly PushRow[]): void {
  const seen = new Set<string>();
  for (const [index, row] of rows.entries()) {
    if (seen.has(row.newDocumentState.id)) {
      throw invalid('the same document appears twice in one push', `${index}.newDocumentState.id`);
    }
    seen.add(row.newDocumentState.id);
  }
}
