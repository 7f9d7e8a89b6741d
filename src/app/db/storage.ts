// The device's storage: RxDB's Dexie (IndexedDB) storage with two reads made cheaper, the ones a cold
// start spends its time in (docs/benchmarks.md, "Where the time goes now"):
// - A query that has to read its whole index range anyway (no limit, or an order the index does not
//   give) asks IndexedDB for the range in one getAll request. RxDB's Dexie query walks a cursor, one
//   request and one event-loop turn per record: 2,000 elders and 8,700 planned visits that way took
//   seconds on a slow phone.
// - "What changed since this checkpoint" (replication and the last-visit digest) reads from the
//   checkpoint's exact place in the [_meta.lwt, id] index. RxDB's own query starts the range at the
//   checkpoint's lwt only, so after the first sync, which wrote thousands of records with one lwt,
//   every start read that whole batch again to find nothing.
// Results are the same as RxDB's (tests/app/storage.test.ts compares them on fake IndexedDB).

import type { IndexableType, Table } from 'dexie';
import {
  type DexieSettings,
  type DexieStorageInternals,
  type FilledMangoQuery,
  getQueryMatcher,
  getSortComparator,
  type MangoQuery,
  normalizeMangoQuery,
  type PreparedQuery,
  prepareQuery,
  RX_META_LWT_MINIMUM,
  type RxDocumentData,
  type RxJsonSchema,
  type RxStorage,
  type RxStorageInstance,
  type RxStorageInstanceCreationParams,
  type RxStorageQueryResult,
} from 'rxdb/plugins/core';
import {
  DEXIE_DOCS_TABLE_NAME,
  DEXIE_PIPE_SUBSTITUTE,
  dexieReplaceIfStartsWithPipe,
  dexieReplaceIfStartsWithPipeRevert,
  getKeyRangeByQueryPlan,
  getRxStorageDexie,
  type RxStorageInstanceDexie,
} from 'rxdb/plugins/storage-dexie';
import { getProperty, setProperty } from 'rxdb/plugins/utils';

type DexieStorage = RxStorage<DexieStorageInternals, DexieSettings>;

interface Checkpoint {
  id: string;
  lwt: number;
}

/** The Dexie storage with bulk reads; `settings` as for getRxStorageDexie (fake IndexedDB in tests). */
export function deviceStorage(settings: DexieSettings = {}): DexieStorage {
  // Every write is flushed to disk before IndexedDB says it is done. Browsers default to relaxed
  // (Chromium since 121): a visit the form called saved could still be in the OS's cache, and a
  // phone that froze and was forced to restart within seconds would lose it. Strict costs one
  // flush per write transaction, not per record: RxDB writes a first sync in a few dozen.
  const dexie = getRxStorageDexie({ chromeTransactionDurability: 'strict', ...settings });
  return {
    name: dexie.name,
    rxdbVersion: dexie.rxdbVersion,
    async createStorageInstance<T>(params: RxStorageInstanceCreationParams<T, DexieSettings>) {
      const instance = await dexie.createStorageInstance<T>(params);
      readFewerBeforeWrites((await instance.internals).dexieTable);
      const cursorQuery = instance.query.bind(instance);
      instance.query = (prepared) =>
        readsWholeRange(prepared) ? bulkQuery(instance, prepared) : cursorQuery(prepared);
      const wrapped: RxStorageInstance<T, DexieStorageInternals, DexieSettings> = instance;
      wrapped.getChangedDocumentsSince = (limit, checkpoint) =>
        changedSince(instance, limit, checkpoint as Checkpoint | undefined);
      return wrapped;
    },
  };
}

const tablesReadingFewer = new WeakSet<Table>();

/** Below this many keys, one request per key costs about as little as any other way. */
const FEW_KEYS = 16;

/**
 * RxDB reads every record it is about to write (bulkGet, one request per key) to find which exist.
 * On a first sync none do: 10,000 records cost 20,000 requests (the record and its replication
 * state), a tenth of the time. When the table holds few records in the keys' range, one request
 * lists their keys and only those are read. Same results as bulkGet (tests/app/storage.test.ts).
 */
function readFewerBeforeWrites(table: Table): void {
  // RxDB shares one Dexie table between instances of the same collection (a reopened database).
  if (tablesReadingFewer.has(table)) return;
  tablesReadingFewer.add(table);
  const bulkGet = table.bulkGet.bind(table);
  // RxDB awaits the result, inside its transaction: a native promise serves as Dexie's (Dexie 4 keeps
  // the transaction across native awaits), which the type does not say.
  table.bulkGet = (async (keys: IndexableType[]) => {
    if (keys.length < FEW_KEYS || !keys.every((key) => typeof key === 'string')) return bulkGet(keys);
    const sorted = [...(keys as string[])].sort();
    const range = table.where(':id').between(sorted[0], sorted.at(-1), true, true);
    if ((await range.count()) > 2 * keys.length) return bulkGet(keys);
    const present = new Set(await range.primaryKeys());
    const wanted = keys.filter((key) => present.has(key as string));
    if (wanted.length === 0) return keys.map(() => undefined);
    const found = await bulkGet(wanted);
    const byKey = new Map(wanted.map((key, i) => [key, found[i]]));
    return keys.map((key) => byKey.get(key));
  }) as unknown as Table['bulkGet'];
}

/**
 * Whether the query reads its whole index range: with no limit, or when the index gives neither the
 * order nor the selection (then every record of the range is read and sorted). A limited query the
 * index fully answers reads just `skip + limit` records, also in one request.
 */
function readsWholeRange(prepared: PreparedQuery<unknown>): boolean {
  const { query, queryPlan } = prepared;
  if (typeof query.limit !== 'number') return true;
  if (!queryPlan.sortSatisfiedByIndex) return true;
  return queryPlan.selectorSatisfiedByIndex;
}

async function bulkQuery<T>(
  instance: RxStorageInstanceDexie<T>,
  prepared: PreparedQuery<T>,
): Promise<RxStorageQueryResult<T>> {
  const state = await instance.internals;
  const { query, queryPlan } = prepared;
  const skip = query.skip ?? 0;
  const end = typeof query.limit === 'number' ? skip + query.limit : Number.POSITIVE_INFINITY;
  // With the order and selection from the index, only the first skip + limit records are needed.
  const exact = queryPlan.sortSatisfiedByIndex && queryPlan.selectorSatisfiedByIndex;
  const count = exact && Number.isFinite(end) ? end : undefined;
  if (count === 0) return { documents: [] };
  let range: IDBKeyRange;
  try {
    range = getKeyRangeByQueryPlan(state.booleanIndexes, queryPlan, state.dexieDb._options.IDBKeyRange);
  } catch (error) {
    // As RxDB's query: a range IndexedDB cannot express (start after end) matches nothing.
    if ((error as Error).name === 'DataError') return { documents: [] };
    throw error;
  }
  const indexName = `[${queryPlan.index.map((field) => dexieReplaceIfStartsWithPipe(field)).join('+')}]`;
  const stored = await state.dexieDb.transaction('r', state.dexieTable, (tx) => {
    const index = tx.idbtrans.objectStore(DEXIE_DOCS_TABLE_NAME).index(indexName);
    return new Promise<unknown[]>((resolve, reject) => {
      const request = index.getAll(range, count);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  });
  const schema = instance.schema as RxJsonSchema<RxDocumentData<T>>;
  let rows = stored.map((row) => fromStoredRow(state.booleanIndexes, row) as RxDocumentData<T>);
  if (!queryPlan.selectorSatisfiedByIndex) rows = rows.filter(getQueryMatcher(schema, query));
  if (!queryPlan.sortSatisfiedByIndex) rows.sort(getSortComparator(schema, query));
  return { documents: rows.slice(skip, end) };
}

/**
 * RxDB's fromDexieToStorage, done in place on the fresh objects IndexedDB returned: it copied every
 * nested object of every record to rename the (here nonexistent) keys Dexie stores with '__' for
 * '|', a tenth of a cold start. Boolean index fields come back from '1'/'0'.
 */
export function fromStoredRow(booleanIndexes: readonly string[], row: unknown): unknown {
  restorePipeKeys(row);
  for (const path of booleanIndexes) setProperty(row, path, getProperty(row, path) === '1');
  return row;
}

function restorePipeKeys(value: unknown): void {
  if (value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const item of value) restorePipeKeys(item);
    return;
  }
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    restorePipeKeys(record[key]);
    const original = key.includes(DEXIE_PIPE_SUBSTITUTE) ? dexieReplaceIfStartsWithPipeRevert(key) : key;
    if (original !== key) {
      record[original] = record[key];
      delete record[key];
    }
  }
}

/**
 * The records written after the checkpoint, in [_meta.lwt, id] order: first the rest of the
 * checkpoint's own lwt (ids after its id), then the later lwts. Each part is one index range.
 */
async function changedSince<T>(
  instance: RxStorageInstanceDexie<T>,
  limit: number,
  checkpoint: Checkpoint | undefined,
): Promise<{ documents: RxDocumentData<T>[]; checkpoint: Checkpoint }> {
  const primary = instance.primaryPath as string;
  const schema = instance.schema as RxJsonSchema<RxDocumentData<T>>;
  const lwt = checkpoint?.lwt ?? RX_META_LWT_MINIMUM;
  const byLwt = (selector: Record<string, unknown>, count: number) => {
    // It names RxDB's own fields (_meta.lwt), which the document type does not list.
    const mango = {
      selector,
      sort: [{ '_meta.lwt': 'asc' }, { [primary]: 'asc' }],
      skip: 0,
      limit: count,
      index: ['_meta.lwt', primary],
    } as unknown as MangoQuery<T>;
    const query = normalizeMangoQuery(schema, mango) as FilledMangoQuery<T>;
    return instance.query(prepareQuery(schema, query));
  };
  const rest = await byLwt({ '_meta.lwt': lwt, [primary]: { $gt: checkpoint?.id ?? '' } }, limit);
  const documents = rest.documents;
  if (documents.length < limit) {
    const later = await byLwt({ '_meta.lwt': { $gt: lwt } }, limit - documents.length);
    documents.push(...later.documents);
  }
  const last = documents.at(-1);
  const next = last
    ? { id: String((last as Record<string, unknown>)[primary]), lwt: last._meta.lwt }
    : (checkpoint ?? { id: '', lwt: 0 });
  return { documents, checkpoint: next };
}
