// The change feed of one collection, limited to what the caller may see. Scope is part of the SQL
// (not filtered afterwards), so every page is full and paging by (seq, id) stays exact.
import type { ExpressionBuilder, Kysely } from 'kysely';
import type { Checkpoint, PullResponse } from '../../domain/api';
import type { CollectionName, User } from '../../domain/schemas';
import { parseStored } from './documents';
import type { Tables } from './tables';

type DocumentsExpression = ExpressionBuilder<Tables, 'documents'>;

/** Rows of `collection` that `actor` may read. */
function inScope(eb: DocumentsExpression, actor: User, collection: CollectionName) {
  if (actor.role === 'worker') {
    switch (collection) {
      case 'elders':
        return eb('documents.assigned_worker_id', '=', actor.id);
      case 'schedules':
      case 'visits':
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
      case 'users':
        return eb('documents.id', '=', actor.id);
    }
  }
  switch (collection) {
    case 'elders':
    case 'schedules':
    case 'visits':
      return eb('documents.town', 'in', actor.towns);
    case 'users':
      return eb(
        'documents.id',
        'in',
        eb.selectFrom('user_towns').select('user_towns.user_id').where('user_towns.town', 'in', actor.towns),
      );
  }
}

export async function pullDocuments(
  db: Kysely<Tables>,
  actor: User,
  collection: CollectionName,
  after: Checkpoint | null,
  limit: number,
): Promise<PullResponse> {
  let query = db
    .selectFrom('documents')
    .select(['documents.id', 'documents.seq', 'documents.doc'])
    .where('documents.collection', '=', collection)
    .where((eb) => inScope(eb, actor, collection));
  if (after !== null) {
    query = query.where((eb) =>
      eb.or([
        eb('documents.seq', '>', after.seq),
        eb.and([eb('documents.seq', '=', after.seq), eb('documents.id', '>', after.id)]),
      ]),
    );
  }
  const rows = await query.orderBy('documents.seq').orderBy('documents.id').limit(limit).execute();
  const last = rows.at(-1);
  return {
    documents: rows.map((row) => parseStored(collection, row.doc)),
    checkpoint: last === undefined ? after : { seq: last.seq, id: last.id },
  };
}
