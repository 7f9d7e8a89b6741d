// Applying an RxDB push: all rows of a request in one write transaction, each row checked against
// the caller's rights and then written, skipped (an identical retry) or answered with a conflict.
import type { Kysely } from 'kysely';
import type { PushRow } from '../../domain/api';
import type { AnyDocument, CollectionName, DocumentTypes, User } from '../../domain/schemas';
import { jsonEqual } from '../sync/deep-equal';
import { type CheckedRow, checkPushRow, type RuleLookups } from '../sync/push-rules';
import { invalid } from '../sync/rejection';
import { type DocumentWrite, readDocument, restampElderRecords, writeDocuments } from './documents';
import type { Tables } from './tables';
import { writeTransaction } from './write-transaction';

export interface PushResult {
  /** The stored documents of the rows that conflicted: RxDB's push response. */
  conflicts: AnyDocument[];
  /** Collections whose feed moved (empty when nothing was written), for change notifications. */
  changedCollections: CollectionName[];
  /** Towns of the documents written, so only people of those towns are notified. */
  changedTowns: string[];
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
  rejectRepeatedIds(rows);
  if (rows.length === 0) return { conflicts: [], changedCollections: [], changedTowns: [] };
  return writeTransaction(db, async (trx, seq) => {
    const lookups: RuleLookups = {
      elder: (id) => readDocument(trx, 'elders', id),
      user: (id) => readDocument(trx, 'users', id),
    };
    const conflicts: AnyDocument[] = [];
    const writes: DocumentWrite[] = [];
    const reassignedElders: string[] = [];
    for (const [index, row] of rows.entries()) {
      const next = row.newDocumentState;
      const assumed = row.assumedMasterState ?? null;
      if (assumed !== null && assumed.id !== next.id) {
        throw invalid('assumedMasterState is another document', `${index}.assumedMasterState.id`);
      }
      const stored = await readDocument(trx, collection, next.id);
      // The cast pairs the collection with its document type, which pushBodySchema(collection) checked.
      await checkPushRow(actor, { collection, next, stored } as CheckedRow, index, lookups);

      if (stored !== undefined && jsonEqual(stored, next)) continue; // a retry of a push already applied
      if (stored !== undefined && !jsonEqual(stored, assumed)) {
        conflicts.push(stored);
        continue;
      }
      writes.push({ collection, doc: next, userId: actor.id });
      if (
        collection === 'elders' &&
        stored !== undefined &&
        movesElder(stored as DocumentTypes['elders'], next)
      ) {
        reassignedElders.push(next.id);
      }
    }
    await writeDocuments(trx, writes, seq, serverTime);
    for (const elderId of reassignedElders) await restampElderRecords(trx, elderId, seq);
    const changedCollections: CollectionName[] = writes.length === 0 ? [] : [collection];
    if (reassignedElders.length > 0) changedCollections.push('schedules', 'visits');
    const changedTowns = new Set(writes.flatMap(({ doc }) => ('town' in doc ? [doc.town] : [])));
    return { conflicts, changedCollections, changedTowns: [...changedTowns] };
  });
}

function movesElder(stored: DocumentTypes['elders'], next: AnyDocument): boolean {
  const elder = next as DocumentTypes['elders'];
  return elder.assignedWorkerId !== stored.assignedWorkerId || elder.town !== stored.town;
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
