// The change feed of one collection, limited to what the caller may see. Scope is part of the SQL
// (not filtered afterwards), so every page is full and paging by (seq, id) stays exact.
// The feed has two halves: the documents in the caller's scope, and the documents the caller lost
// (revocations) that are still out of their scope, sent as tombstones so the device deletes them.
import type { ExpressionBuilder, Kysely } from 'kysely';
import type { Checkpoint, PullResponse } from '../../domain/api';
import type { CollectionName, User } from '../../domain/schemas';
import { parseStored } from './documents';
import type { Tables } from './tables';

type DocumentsExpression = ExpressionBuilder<Tables, 'documents'>;

/** Rows of `collection` that `actor` may read. */
function inScope(eb: DocumentsExpression, actor: User, collection: CollectionName) {
  if (collection === 'users') {
    // Everyone sees the names and roles of the people of their towns (who wrote a visit, who
    // reviewed a clash); nothing in a user record is about an elder.
    return eb(
      'documents.id',
      'in',
      eb.selectFrom('user_towns').select('user_towns.user_id').where('user_towns.town', 'in', actor.towns),
    );
  }
  if (actor.role === 'worker') {
    switch (collection) {
      case 'elders':
        return eb('documents.assigned_worker_id', '=', actor.id);
      case 'schedules':
      case 'visits':
      case 'reviews':
        // Every record of an elder assigned to them, also those written before the assignment.
        return eb(
          'documents.elder_id',
          'in',
          eb
            .selectFrom('documents as elder')
            .select('elder.id')
            .where('elder.collection', '=', 'elders')
            .where('elder.assigned_worker_id', '=', actor.id),
        );
    }
  }
  switch (collection) {
    case 'elders':
    case 'schedules':
    case 'visits':
    case 'reviews':
      return eb('documents.town', 'in', actor.towns);
  }
}

export async function pullDocuments(
  db: Kysely<Tables>,
  actor: User,
  collection: CollectionName,
  after: Checkpoint | null,
  limit: number,
): Promise<PullResponse> {
  // Each half is cut to `limit` rows past the checkpoint on its own index; the page is the first
  // `limit` rows of both together. A document is in one half at most: the second takes only what
  // the first does not.
  let live = db
    .selectFrom('documents')
    .select((eb) => [
      'documents.id as id',
      'documents.seq as seq',
      'documents.doc as doc',
      eb.lit(0 as number).as('revoked'),
    ])
    .where('documents.collection', '=', collection)
    .where((eb) => inScope(eb, actor, collection));
  let revoked = db
    .selectFrom('revocations')
    .select((eb) => [
      'revocations.doc_id as id',
      'revocations.seq as seq',
      'revocations.doc as doc',
      eb.lit(1 as number).as('revoked'),
    ])
    .where('revocations.user_id', '=', actor.id)
    .where('revocations.collection', '=', collection)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('documents')
            .select('documents.id')
            .where('documents.collection', '=', collection)
            .whereRef('documents.id', '=', 'revocations.doc_id')
            .where((inner) => inScope(inner, actor, collection)),
        ),
      ),
    );
  if (after !== null) {
    // `seq >= ?` alone is what lets the database walk its feed index from the checkpoint; the OR
    // that follows is exact but, on its own, is no index range (every page scanned the whole feed).
    live = live
      .where('documents.seq', '>=', after.seq)
      .where((eb) =>
        eb.or([
          eb('documents.seq', '>', after.seq),
          eb.and([eb('documents.seq', '=', after.seq), eb('documents.id', '>', after.id)]),
        ]),
      );
    revoked = revoked
      .where('revocations.seq', '>=', after.seq)
      .where((eb) =>
        eb.or([
          eb('revocations.seq', '>', after.seq),
          eb.and([eb('revocations.seq', '=', after.seq), eb('revocations.doc_id', '>', after.id)]),
        ]),
      );
  }
  const liveFirst = live.orderBy('documents.seq').orderBy('documents.id').limit(limit);
  const revokedFirst = revoked.orderBy('revocations.seq').orderBy('revocations.doc_id').limit(limit);
  // A pull from the start comes from a device that holds nothing of the server's yet (the app keeps
  // one database and one replication per user): it has nothing to delete, and gets no tombstones.
  const rows =
    after === null
      ? await liveFirst.execute()
      : await db
          .selectFrom(
            db
              .selectFrom(liveFirst.as('live'))
              .selectAll()
              .unionAll(db.selectFrom(revokedFirst.as('revoked')).selectAll())
              .as('feed'),
          )
          .selectAll()
          .orderBy('feed.seq')
          .orderBy('feed.id')
          .limit(limit)
          .execute();
  const last = rows.at(-1);
  return {
    documents: rows.map((row) => {
      const doc = parseStored(collection, row.doc);
      return row.revoked === 1 ? { ...doc, _deleted: true } : doc;
    }),
    checkpoint: last === undefined ? after : { seq: last.seq, id: last.id },
  };
}
