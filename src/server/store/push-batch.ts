// Applying the pushes of several collections sent in one request: one write transaction (one seq, one
// commit) for all of them. A part refused by the rules writes nothing (pushRowsIn refuses before its
// first write), exactly as its own push would have, and the other parts are kept.
import type { Kysely } from 'kysely';
import type { PushRow } from '../../domain/api';
import type { CollectionName, User } from '../../domain/schemas';
import { RequestRejected } from '../sync/rejection';
import { nothingPushed, type PushResult, pushRowsIn } from './push';
import type { Tables } from './tables';
import { writeTransaction } from './write-transaction';

/** One collection's rows, which must have passed pushBodySchema(collection). */
export interface PushPartRows {
  collection: CollectionName;
  rows: readonly PushRow[];
}

/** A part refused before it reached the store (its rows broke the schema): it stays refused. */
export interface RefusedPushPart {
  collection: CollectionName;
  rejected: RequestRejected;
}

export type PushPartOutcome = { pushed: PushResult } | { rejected: RequestRejected };

/**
 * The order parts are applied in, whatever the order sent: volunteers before the elders paired with
 * them (a new pairing must name a stored volunteer), elders before the records that name them, a
 * visit before the planned visit it closes (a former worker's closing is accepted only once the
 * visit is stored), records before the review entries about them.
 */
const APPLY_ORDER: readonly CollectionName[] = [
  'volunteers',
  'elders',
  'visits',
  'schedules',
  'reviews',
  'users',
];

/**
 * Applies every part and answers one outcome per part, in the order given. Parts are applied in
 * APPLY_ORDER, each checked as if pushed alone after the ones before it.
 */
export async function applyPushes(
  db: Kysely<Tables>,
  actor: User,
  parts: readonly (PushPartRows | RefusedPushPart)[],
  serverTime: string,
): Promise<PushPartOutcome[]> {
  const toApply = parts
    .flatMap((part, index) => ('rows' in part && part.rows.length > 0 ? [{ ...part, index }] : []))
    .sort((a, b) => APPLY_ORDER.indexOf(a.collection) - APPLY_ORDER.indexOf(b.collection));
  const applied =
    toApply.length === 0
      ? new Map<number, PushPartOutcome>()
      : await applyInOneTransaction(db, actor, toApply, serverTime);
  return parts.map((part, index) =>
    'rejected' in part ? { rejected: part.rejected } : (applied.get(index) ?? { pushed: nothingPushed() }),
  );
}

/** The parts' outcomes by their index in the request. */
async function applyInOneTransaction(
  db: Kysely<Tables>,
  actor: User,
  parts: readonly (PushPartRows & { index: number })[],
  serverTime: string,
): Promise<Map<number, PushPartOutcome>> {
  return writeTransaction(
    db,
    async (trx, seq) => {
      const outcomes = new Map<number, PushPartOutcome>();
      for (const { index, collection, rows } of parts) {
        outcomes.set(
          index,
          await refusalAsOutcome(pushRowsIn(trx, seq, actor, collection, rows, serverTime)),
        );
      }
      return outcomes;
    },
    // Then nothing is kept, not even the seq bumped: a request refused whole, or a retry, changes
    // nothing.
    wroteNothing,
  );
}

/** Whether no part changed anything (all refused, a retry of pushes already applied, or only conflicts). */
function wroteNothing(outcomes: Map<number, PushPartOutcome>): boolean {
  return [...outcomes.values()].every(
    (outcome) => 'rejected' in outcome || outcome.pushed.changedCollections.length === 0,
  );
}

/** A refusal by the rules is this part's answer; any other error ends the whole transaction. */
async function refusalAsOutcome(push: Promise<PushResult>): Promise<PushPartOutcome> {
  try {
    return { pushed: await push };
  } catch (error) {
    if (error instanceof RequestRejected) return { rejected: error };
    throw error;
  }
}
