// Reading and writing rows of the generic documents table. The document body is stored as the JSON
// the device sent; the scope columns beside it are derived from it on every write.
import type { Kysely } from 'kysely';
import type { AnyDocument, CollectionName, DocumentTypes } from '../../domain/schemas';
import { numberedSlots, numberedValues, PreparedQueries, slot } from './prepared';
import type { DocumentsTable, Tables } from './tables';

/** The collections whose records belong to an elder (besides the elder itself). */
export const ELDER_RECORD_COLLECTIONS: readonly CollectionName[] = ['schedules', 'visits', 'reviews'];

type ScopeColumns = Pick<DocumentsTable, 'town' | 'elder_id' | 'assigned_worker_id' | 'deleted'>;

export function scopeColumns(collection: CollectionName, doc: AnyDocument): ScopeColumns {
  const deleted = doc._deleted ? 1 : 0;
  switch (collection) {
    case 'elders': {
      const elder = doc as DocumentTypes['elders'];
      return { town: elder.town, elder_id: elder.id, assigned_worker_id: elder.assignedWorkerId, deleted };
    }
    case 'schedules':
    case 'visits':
    case 'reviews': {
      const record = doc as DocumentTypes['schedules' | 'visits' | 'reviews'];
      return { town: record.town, elder_id: record.elderId, assigned_worker_id: null, deleted };
    }
    case 'users':
      // A user has several towns: those live in user_towns.
      return { town: null, elder_id: null, assigned_worker_id: null, deleted };
    case 'volunteers':
      // A volunteer belongs to a town's register, not to an elder (pairings are in the elder's record).
      return {
        town: (doc as DocumentTypes['volunteers']).town,
        elder_id: null,
        assigned_worker_id: null,
        deleted,
      };
  }
}

/** Parses a stored body. It was validated against the collection's schema when it was written. */
export function parseStored<C extends CollectionName>(_collection: C, doc: string): DocumentTypes[C] {
  return JSON.parse(doc) as DocumentTypes[C];
}

/** One stored document by collection and id. */
const documentById = new PreparedQueries((db: Kysely<Tables>, _shape: null) =>
  db
    .selectFrom('documents')
    .select('doc')
    .where('collection', '=', slot<CollectionName>('collection'))
    .where('id', '=', slot<string>('id')),
);

export async function readDocument<C extends CollectionName>(
  db: Kysely<Tables>,
  collection: C,
  id: string,
): Promise<DocumentTypes[C] | undefined> {
  const [row] = await documentById.rows(db, null, { collection, id });
  return row === undefined ? undefined : parseStored(collection, row.doc);
}

/** Stored documents of one collection, as many ids as the shape says (slots id0, id1, …). */
const documentsByIds = new PreparedQueries((db: Kysely<Tables>, ids: number) =>
  db
    .selectFrom('documents')
    .select(['id', 'doc'])
    .where('collection', '=', slot<CollectionName>('collection'))
    .where('id', 'in', numberedSlots<string>('id', ids)),
);

/**
 * The stored documents of many ids in one read (per 500). Every id asked is a key of the answer,
 * mapped to undefined when not stored, so a caller can tell "not stored" from "not asked".
 */
export async function readDocuments<C extends CollectionName>(
  db: Kysely<Tables>,
  collection: C,
  ids: Iterable<string>,
): Promise<Map<string, DocumentTypes[C] | undefined>> {
  const unique = [...new Set(ids)];
  const found = new Map<string, DocumentTypes[C] | undefined>(unique.map((id) => [id, undefined]));
  for (let start = 0; start < unique.length; start += 500) {
    const chunk = unique.slice(start, start + 500);
    const rows = await documentsByIds.rows(db, chunk.length, { collection, ...numberedValues('id', chunk) });
    for (const row of rows) found.set(row.id, parseStored(collection, row.doc));
  }
  return found;
}

export interface DocumentWrite {
  collection: CollectionName;
  doc: AnyDocument;
  /** The writer; recorded in the change log. */
  userId: string;
}

/** The columns each written row has of its own; seq and server_time are the whole write's. */
type RowColumns = Omit<DocumentsTable, 'seq' | 'server_time'>;
// A record rather than a list, so the type checker sees that no column is left out.
const ROW_COLUMNS = Object.keys({
  collection: true,
  id: true,
  doc: true,
  town: true,
  elder_id: true,
  assigned_worker_id: true,
  deleted: true,
  updated_by: true,
} satisfies Record<keyof RowColumns, true>) as (keyof RowColumns)[];

function rowColumns({ collection, doc, userId }: DocumentWrite): RowColumns {
  return {
    collection,
    id: doc.id,
    doc: JSON.stringify(doc),
    ...scopeColumns(collection, doc),
    updated_by: userId,
  };
}

/** The slots of the i-th row written: `${column}${i}` for its own columns, and the write's seq and time. */
function documentRowSlots(i: number): DocumentsTable {
  const own = Object.fromEntries(ROW_COLUMNS.map((column) => [column, slot(`${column}${i}`)])) as RowColumns;
  return { ...own, seq: slot('seq'), server_time: slot('serverTime') };
}

/** Inserts or replaces as many documents as the shape says. */
const upsertDocuments = new PreparedQueries((db: Kysely<Tables>, rows: number) =>
  db
    .insertInto('documents')
    .values(Array.from({ length: rows }, (_, i) => documentRowSlots(i)))
    .onConflict((conflict) =>
      conflict.columns(['collection', 'id']).doUpdateSet((eb) => ({
        doc: eb.ref('excluded.doc'),
        seq: eb.ref('excluded.seq'),
        town: eb.ref('excluded.town'),
        elder_id: eb.ref('excluded.elder_id'),
        assigned_worker_id: eb.ref('excluded.assigned_worker_id'),
        deleted: eb.ref('excluded.deleted'),
        updated_by: eb.ref('excluded.updated_by'),
        server_time: eb.ref('excluded.server_time'),
      })),
    ),
);

/** Appends as many writes to the change log as the shape says, with the same slots as upsertDocuments. */
const appendChangeLog = new PreparedQueries((db: Kysely<Tables>, rows: number) =>
  db.insertInto('change_log').values(
    Array.from({ length: rows }, (_, i) => {
      const row = documentRowSlots(i);
      return {
        seq: row.seq,
        collection: row.collection,
        id: row.id,
        user_id: row.updated_by,
        server_time: row.server_time,
      };
    }),
  ),
);

/**
 * Inserts or replaces documents, stamped with the transaction's seq, and appends them to the change
 * log. Call only inside writeTransaction.
 */
export async function writeDocuments(
  trx: Kysely<Tables>,
  writes: readonly DocumentWrite[],
  seq: number,
  serverTime: string,
): Promise<void> {
  // Chunks keep each statement well under SQLite's limit of bound parameters.
  for (let start = 0; start < writes.length; start += 200) {
    const chunk = writes.slice(start, start + 200);
    const values: Record<string, unknown> = { seq, serverTime };
    for (const [i, write] of chunk.entries()) {
      const columns = rowColumns(write);
      for (const column of ROW_COLUMNS) values[`${column}${i}`] = columns[column];
    }
    await upsertDocuments.rows(trx, chunk.length, values);
    await appendChangeLog.rows(trx, chunk.length, values);
  }
}

/**
 * Gives an elder's schedules, visits and reviews the current seq, so that a worker who was just
 * assigned the elder receives them on the next pull although its checkpoint is past their old seq.
 */
export async function restampElderRecords(trx: Kysely<Tables>, elderId: string, seq: number): Promise<void> {
  await trx
    .updateTable('documents')
    .set({ seq })
    .where('collection', 'in', ELDER_RECORD_COLLECTIONS)
    .where('elder_id', '=', elderId)
    .execute();
}
