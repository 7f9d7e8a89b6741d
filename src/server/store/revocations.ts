// Documents that left a user's scope. The pull (pull.ts) returns them to that user as tombstones for as
// long as they stay out of the user's scope, so the user's device deletes its copy; the server's own
// copy is untouched.
import type { Kysely } from 'kysely';
import type { CollectionName, Role, User } from '../../domain/schemas';
import { ELDER_RECORD_COLLECTIONS, parseStored } from './documents';
import type { Tables } from './tables';

export interface Revocation {
  userId: string;
  collection: CollectionName;
  id: string;
  /** The document's body as the user last had the right to see it, JSON text. */
  doc: string;
}

/**
 * Records that each user lost each document in the transaction `seq`. A document lost again later
 * (it came back and left again) gets the new seq and body. Call only inside writeTransaction.
 */
export async function writeRevocations(
  trx: Kysely<Tables>,
  revocations: readonly Revocation[],
  seq: number,
): Promise<void> {
  // One row per key: a statement may not upsert the same row twice (PostgreSQL refuses it).
  const unique = [
    ...new Map(revocations.map((r) => [JSON.stringify([r.userId, r.collection, r.id]), r])).values(),
  ];
  for (let start = 0; start < unique.length; start += 200) {
    await trx
      .insertInto('revocations')
      .values(
        unique.slice(start, start + 200).map(({ userId, collection, id, doc }) => ({
          user_id: userId,
          collection,
          doc_id: id,
          seq,
          doc,
        })),
      )
      .onConflict((conflict) =>
        conflict.columns(['user_id', 'collection', 'doc_id']).doUpdateSet((eb) => ({
          seq: eb.ref('excluded.seq'),
          doc: eb.ref('excluded.doc'),
        })),
      )
      .execute();
  }
}

/** The stored schedules, visits and reviews of an elder, as stored (JSON text). */
export async function readElderRecords(
  db: Kysely<Tables>,
  elderId: string,
): Promise<Array<{ collection: CollectionName; id: string; doc: string }>> {
  return db
    .selectFrom('documents')
    .select(['collection', 'id', 'doc'])
    .where('collection', 'in', ELDER_RECORD_COLLECTIONS)
    .where('elder_id', '=', elderId)
    .execute();
}

/** The elder a stored record belongs to (for an elder, its own id); undefined when not stored. */
export async function readElderIdOf(
  db: Kysely<Tables>,
  collection: CollectionName,
  id: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('documents')
    .select('elder_id')
    .where('collection', '=', collection)
    .where('id', '=', id)
    .executeTakeFirst();
  return row?.elder_id ?? undefined;
}

/**
 * The coordinators who see `fromTown` but not `toTown`: those who lose a record that moves from one
 * to the other. Deleted users are left out (they can no longer sign in).
 */
export function coordinatorsLosingTown(
  db: Kysely<Tables>,
  fromTown: string,
  toTown: string,
): Promise<string[]> {
  return peopleLosingTown(db, fromTown, toTown, ['coordinator']);
}

/** The people of these roles who see `fromTown` but not `toTown`; deleted users left out. */
export async function peopleLosingTown(
  db: Kysely<Tables>,
  fromTown: string,
  toTown: string,
  roles: readonly Role[],
): Promise<string[]> {
  const rows = await db
    .selectFrom('user_towns')
    .innerJoin('documents', (join) =>
      join.onRef('documents.id', '=', 'user_towns.user_id').on('documents.collection', '=', 'users'),
    )
    .select(['user_towns.user_id', 'documents.doc'])
    .where('user_towns.town', '=', fromTown)
    .where('user_towns.user_id', 'not in', (eb) =>
      eb.selectFrom('user_towns as kept').select('kept.user_id').where('kept.town', '=', toTown),
    )
    .execute();
  return rows
    .map((row) => parseStored('users', row.doc))
    .filter((user: User) => roles.includes(user.role) && !user._deleted)
    .map((user) => user.id);
}
