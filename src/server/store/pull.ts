// The change feed of one collection, limited to what the caller may see. Scope is part of the SQL
// (not filtered afterwards), so every page is full and paging by (seq, id) stays exact.
// The feed has two halves: the documents in the caller's scope, and the documents the caller lost
// (revocations) that are still out of their scope, sent as tombstones so the device deletes them.
import {
  type AliasedSelectQueryBuilder,
  type Expression,
  type ExpressionBuilder,
  expressionBuilder,
  type Kysely,
  type SqlBool,
  sql,
} from 'kysely';
import type { Checkpoint, PullResponse } from '../../domain/api';
import type { CollectionName, User } from '../../domain/schemas';
import { ELDER_RECORD_COLLECTIONS, parseStored } from './documents';
import { numberedSlots, numberedValues, PreparedQueries, slot } from './prepared';
import type { Tables } from './tables';

type DocumentsExpression = ExpressionBuilder<Tables, 'documents'>;

/** What the scope of a pull asks about the caller. */
type Caller = Pick<User, 'id' | 'role' | 'towns'>;

/** Rows of `collection` that `actor` may read. */
function inScope(eb: DocumentsExpression, actor: Caller, collection: CollectionName) {
  // An admin has every town (src/domain/access.ts).
  if (actor.role === 'admin') return sql<SqlBool>`1 = 1`;
  if (collection === 'users') {
    // Everyone sees the names and roles of the people of their towns (who wrote a visit, who
    // reviewed a clash); nothing in a user record is about an elder.
    // Checked for each row walked (rather than `id IN` every user of the towns, which built a list
    // of the whole town for every pull, even one that finds nothing).
    return eb.exists(
      eb
        .selectFrom('user_towns')
        .select('user_towns.user_id')
        .whereRef('user_towns.user_id', '=', 'documents.id')
        .where('user_towns.town', 'in', actor.towns),
    );
  }
  if (collection === 'volunteers') {
    // The volunteers register of the caller's towns, whatever the role: a worker picks a visit's
    // volunteers from it.
    return eb('documents.town', 'in', actor.towns);
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

interface FeedRow {
  id: string;
  seq: number;
  doc: string;
  revoked: number;
}

/**
 * The first `limit` documents in scope after the checkpoint, in feed order. A worker's schedules,
 * visits and reviews are read elder by elder (documents_elder_feed from the checkpoint, then sorted):
 * walking the collection's feed instead reads every change of everyone since the checkpoint, which
 * during the rush is all the other workers' day, for the few rows of this worker's elders. CROSS
 * JOIN keeps that order in SQLite's planner, which would otherwise walk the feed to spare the sort;
 * elsewhere it is a plain inner join.
 */
function liveDocuments(
  db: Kysely<Tables>,
  actor: Caller,
  collection: CollectionName,
  afterCheckpoint: Expression<SqlBool> | undefined,
  limit: number,
): AliasedSelectQueryBuilder<FeedRow, 'live'> {
  const columns = [
    'documents.id as id',
    'documents.seq as seq',
    'documents.doc as doc',
    sql.lit<number>(0).as('revoked'),
  ] as const;
  if (actor.role === 'worker' && ELDER_RECORD_COLLECTIONS.includes(collection)) {
    return db
      .selectFrom('documents as elder')
      .crossJoin('documents')
      .select(columns)
      .where('elder.collection', '=', 'elders')
      .where('elder.assigned_worker_id', '=', actor.id)
      .whereRef('documents.elder_id', '=', 'elder.id')
      .where('documents.collection', '=', collection)
      .$if(afterCheckpoint !== undefined, (qb) => qb.where(afterCheckpoint as Expression<SqlBool>))
      .orderBy('documents.seq')
      .orderBy('documents.id')
      .limit(limit)
      .as('live');
  }
  return db
    .selectFrom('documents')
    .select(columns)
    .where('documents.collection', '=', collection)
    .where((eb) => inScope(eb, actor, collection))
    .$if(afterCheckpoint !== undefined, (qb) => qb.where(afterCheckpoint as Expression<SqlBool>))
    .orderBy('documents.seq')
    .orderBy('documents.id')
    .limit(limit)
    .as('live');
}

/** The first `limit` tombstones after the checkpoint of records the caller lost and still has not. */
function revokedDocuments(
  db: Kysely<Tables>,
  actor: Caller,
  collection: CollectionName,
  after: Checkpoint,
  limit: number,
): AliasedSelectQueryBuilder<FeedRow, 'revoked'> {
  return db
    .selectFrom('revocations')
    .select([
      'revocations.doc_id as id',
      'revocations.seq as seq',
      'revocations.doc as doc',
      sql.lit<number>(1).as('revoked'),
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
    )
    .where(afterCheckpoint(after, ['revocations.seq', 'revocations.doc_id']))
    .orderBy('revocations.seq')
    .orderBy('revocations.doc_id')
    .limit(limit)
    .as('revoked');
}

/**
 * Rows after the checkpoint in (seq, id) order, as a row-value comparison: SQLite and PostgreSQL walk
 * an index on (…, seq, id) from exactly the checkpoint. Written as `seq >= ? AND (seq > ? OR (seq = ?
 * AND id > ?))`, the walk started at the checkpoint's seq and went through every row of that seq
 * before the first one after it: all of a data load, which is one seq, on every pull that followed.
 */
function afterCheckpoint(
  after: Checkpoint,
  [seq, id]: ['documents.seq', 'documents.id'] | ['revocations.seq', 'revocations.doc_id'],
): Expression<SqlBool> {
  const eb = expressionBuilder<Tables, 'documents' | 'revocations'>();
  return eb(eb.refTuple(seq, id), '>', eb.tuple(after.seq, after.id));
}

/** What decides the pull query's SQL; everything else about a pull is a bound value. */
interface FeedShape {
  role: User['role'];
  collection: CollectionName;
  fromStart: boolean;
  /** How many towns the caller has: the scope lists them. */
  towns: number;
}

/** The query of a shape, with slots for the caller, their towns, the checkpoint and the limit. */
function feedQuery(db: Kysely<Tables>, { role, collection, fromStart, towns }: FeedShape) {
  const caller: Caller = {
    role,
    id: slot('caller'),
    towns: numberedSlots<string>('town', towns),
  };
  const after: Checkpoint = { seq: slot('seq'), id: slot('id') };
  const limit = slot<number>('limit');
  // Each half is cut to `limit` rows past the checkpoint on its own index; the page is the first
  // `limit` rows of both together. A document is in one half at most: the second takes only what
  // the first does not.
  const liveFirst = liveDocuments(
    db,
    caller,
    collection,
    fromStart ? undefined : afterCheckpoint(after, ['documents.seq', 'documents.id']),
    limit,
  );
  // A pull from the start comes from a device that holds nothing of the server's yet (the app keeps
  // one database and one replication per user): it has nothing to delete, and gets no tombstones.
  if (fromStart) return db.selectFrom(liveFirst).selectAll();
  return db
    .selectFrom(
      db
        .selectFrom(liveFirst)
        .selectAll()
        .unionAll(db.selectFrom(revokedDocuments(db, caller, collection, after, limit)).selectAll())
        .as('feed'),
    )
    .selectAll()
    .orderBy('feed.seq')
    .orderBy('feed.id')
    .limit(limit);
}

/** The feed's queries: a handful of shapes (role × collection × start × towns). */
const feedQueries = new PreparedQueries(feedQuery);

/** A page of `collection`'s change feed for `actor`: the rows after `after`, at most `limit`. */
export async function pullPage(
  db: Kysely<Tables>,
  actor: User,
  collection: CollectionName,
  after: Checkpoint | null,
  limit: number,
): Promise<PullResponse> {
  const shape = { role: actor.role, collection, fromStart: after === null, towns: actor.towns.length };
  const values = {
    caller: actor.id,
    seq: after?.seq,
    id: after?.id,
    limit,
    ...numberedValues('town', actor.towns),
  };
  const all = await feedQueries.rows(db, shape, values);
  const rows = withinSize(all, PULL_PAGE_CHARS);
  const last = rows.at(-1);
  const page: PullResponse = {
    documents: rows.map((row) => {
      const doc = parseStored(collection, row.doc);
      return row.revoked === 1 ? { ...doc, _deleted: true } : doc;
    }),
    checkpoint: last === undefined ? after : { seq: last.seq, id: last.id },
  };
  return rows.length < all.length ? { ...page, more: true } : page;
}

/**
 * The most a page's records may weigh together, in characters of their JSON (a Chinese character
 * is one here and three bytes in UTF-8): about 2 to 6 MB. A page of 1,000 visits is about 600 KB;
 * a page of large records is cut here (one record at least), so one user's large records neither
 * hold the server's memory nor make everyone's answers wait behind theirs. Counted in characters
 * because a string's length costs nothing to read.
 */
export const PULL_PAGE_CHARS = 2 * 1024 * 1024;

/** The first rows whose documents add up to at most `budget` characters; never none of them. */
function withinSize<Row extends { doc: string }>(rows: readonly Row[], budget: number): readonly Row[] {
  let total = 0;
  for (const [index, row] of rows.entries()) {
    total += row.doc.length;
    if (total > budget && index > 0) return rows.slice(0, index);
  }
  return rows;
}
