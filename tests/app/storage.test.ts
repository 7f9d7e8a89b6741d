// The device storage's bulk reads give what RxDB's own Dexie storage gives, on (fake) IndexedDB.
import { IDBCursor, IDBDatabase, IDBIndex, IDBKeyRange, IDBObjectStore, indexedDB } from 'fake-indexeddb';
import { getChangedDocumentsSince, type MangoQuery } from 'rxdb/plugins/core';
import { fromDexieToStorage, getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openDatabase, type TanfangDatabase } from '../../src/app/db/database';
import { deviceStorage, fromStoredRow } from '../../src/app/db/storage';
import type { Schedule } from '../../src/domain/schemas';
import { makeElder, makeSchedule } from '../support/fixtures';

const settings = { indexedDB, IDBKeyRange };
let counter = 0;

/**
 * Opens a database on the storage, fills it, runs `read`, removes it. One at a time: RxDB's free
 * edition allows 13 open collections per process.
 */
async function readFrom<T>(
  storage: Parameters<typeof openDatabase>[0]['storage'],
  read: (db: TanfangDatabase) => Promise<T>,
): Promise<T> {
  counter += 1;
  const db = await openDatabase({ name: `storage_${process.pid}_${counter}`, storage, multiInstance: false });
  try {
    await fill(db, BULKS);
    return await read(db);
  } finally {
    await db.remove();
  }
}

/** The same reads from RxDB's Dexie storage and from the device storage. */
async function both<T>(read: (db: TanfangDatabase) => Promise<T>): Promise<[T, T]> {
  return [await readFrom(getRxStorageDexie(settings), read), await readFrom(deviceStorage(settings), read)];
}

const elders = ['王', '李', '陈', '张', '刘'].map((name) => makeElder({ name }));
const STATUSES = ['planned', 'done', 'cancelled', 'missed'] as const;

/** 60 schedules over the five elders, dates and statuses mixed, written in three bulks. */
function schedules(): Schedule[][] {
  const all = Array.from({ length: 60 }, (_, i) =>
    makeSchedule(elders[i % 5] as (typeof elders)[number], {
      plannedDate: `2026-12-${String(1 + ((i * 7) % 28)).padStart(2, '0')}`,
      status: STATUSES[i % 4] as Schedule['status'],
    }),
  );
  return [all.slice(0, 35), all.slice(35, 50), all.slice(50)];
}

async function fill(db: TanfangDatabase, bulks: Schedule[][]): Promise<void> {
  await db.elders.bulkInsert(elders);
  for (const rows of bulks) await db.schedules.bulkInsert(rows);
  // A deleted record, which queries must not return and the change feed must.
  await (await db.schedules.findOne(bulks[0]?.[3]?.id).exec())?.remove();
}

const BULKS = schedules();

describe('the device storage', () => {
  it('answers queries exactly as the Dexie storage does, with and without limits', async () => {
    const elderId = elders[2]?.id as string;
    const queries: MangoQuery<Schedule>[] = [
      { sort: [{ plannedDate: 'asc' }] },
      { selector: { elderId }, sort: [{ plannedDate: 'asc' }] },
      { selector: { status: 'planned' }, sort: [{ plannedDate: 'asc' }], skip: 2, limit: 5 },
      { sort: [{ plannedDate: 'desc' }], limit: 4 },
      { sort: [{ plannedDate: 'asc' }], skip: 3, limit: 6 },
      { selector: { elderId, status: 'done' } },
      { selector: { plannedDate: { $gt: '2026-12-20' } }, limit: 0 },
    ];
    const [expected, actual] = await both(async (db) => ({
      schedules: await Promise.all(
        queries.map(async (query) => (await db.schedules.find(query).exec()).map((d) => d.toJSON())),
      ),
      elders: (await db.elders.find({ sort: [{ name: 'asc' }] }).exec()).map((d) => d.name),
    }));
    expect(actual).toEqual(expected);
    expect(expected.elders).toHaveLength(5);
    expect(expected.schedules[0]).toHaveLength(59);
  });

  it('pages through what changed since a checkpoint as the Dexie storage does, inside one write and across writes', async () => {
    const [expected, actual] = await both(async (db) => {
      const seen: string[][] = [];
      let checkpoint: { id: string; lwt: number } | undefined;
      for (;;) {
        const page = await getChangedDocumentsSince(db.schedules.storageInstance, 7, checkpoint);
        if (page.documents.length === 0) break;
        seen.push(page.documents.map((d) => `${d.id}${d._deleted ? ' deleted' : ''}`));
        checkpoint = page.checkpoint as { id: string; lwt: number };
      }
      return seen;
    });
    expect(expected.flat()).toHaveLength(60); // each record once, the deleted one at the time of its deletion
    // lwts differ between the two databases; the ids and their order must not.
    expect(actual).toEqual(expected);
  });

  it('reads the rest of a write from the checkpoint on, not the whole write again', async () => {
    const [fromStart, fromCheckpoint] = await both(async (db) => {
      const first = await getChangedDocumentsSince(db.schedules.storageInstance, 7);
      const reads = countRecordsRead();
      const next = await getChangedDocumentsSince(db.schedules.storageInstance, 7, first.checkpoint);
      expect(next.documents).toHaveLength(7);
      return reads();
    });
    expect(fromCheckpoint).toBe(7);
    // RxDB's range starts at the write's first record: it steps over the 7 already seen.
    expect(fromStart).toBeGreaterThan(12);
  });
});

describe('writes on the device storage', () => {
  it('insert, update and refuse exactly as the Dexie storage does, over bulks that take the key-listing read', async () => {
    const stored = BULKS.flat().filter((_, i) => i !== 3);
    const fresh = Array.from({ length: 20 }, (_, i) =>
      makeSchedule(elders[i % 5] as (typeof elders)[number]),
    );
    const extra = makeSchedule(elders[0] as (typeof elders)[number]);
    const [expected, actual] = await both(async (db) => {
      // 20 records already there (changed) mixed with 20 new ones, in no key order.
      const mixed = [
        ...stored.slice(0, 20).map((row) => ({ ...row, note: `改 ${row.id}` })),
        ...fresh,
      ].reverse();
      await db.schedules.bulkUpsert(mixed);
      // Inserting records that exist is refused record by record; the new one in the bulk lands.
      const again = [...stored.slice(20, 40), extra];
      const refused = (await db.schedules.bulkInsert(again)).error.map((e) => [e.status, e.documentId]);
      const all = await db.schedules.find({ sort: [{ id: 'asc' }] }).exec();
      return { refused, all: all.map((d) => [d.id, d.note]) };
    });
    expect(expected.refused).toHaveLength(20);
    expect(expected.all).toHaveLength(59 + 20 + 1);
    expect(actual.refused.sort()).toEqual(expected.refused.sort());
    expect(actual.all).toEqual(expected.all);
  });

  it('lists the keys once instead of reading each record before writing new ones', async () => {
    const fresh = Array.from({ length: 40 }, () => makeSchedule(elders[1] as (typeof elders)[number]));
    const [dexieReads, deviceReads] = await both(async (db) => {
      const reads = countKeyReads();
      await db.schedules.bulkInsert(fresh);
      return reads();
    });
    expect(dexieReads).toBeGreaterThanOrEqual(40);
    expect(deviceReads).toBeLessThan(5);
  });

  it('asks IndexedDB to put every write on disk before calling it done (strict durability)', async () => {
    const durabilities: string[] = [];
    const transaction = IDBDatabase.prototype.transaction;
    vi.spyOn(IDBDatabase.prototype, 'transaction').mockImplementation(function (
      this: IDBDatabase,
      ...[names, mode, options]: Parameters<IDBDatabase['transaction']>
    ) {
      if (mode === 'readwrite') durabilities.push(options?.durability ?? 'default');
      return transaction.call(this, names, mode, options);
    });
    try {
      await readFrom(deviceStorage(settings), (db) => db.elders.insert(makeElder({ name: '黄' })));
    } finally {
      vi.restoreAllMocks();
    }
    expect(durabilities.length).toBeGreaterThan(3);
    expect(new Set(durabilities)).toEqual(new Set(['strict']));
  });
});

/** Requests that read one record by its key (IDBObjectStore.get), until the returned function is called. */
function countKeyReads(): () => number {
  let count = 0;
  const get = IDBObjectStore.prototype.get;
  vi.spyOn(IDBObjectStore.prototype, 'get').mockImplementation(function (
    this: IDBObjectStore,
    key: IDBValidKey | IDBKeyRange,
  ) {
    count += 1;
    return get.call(this, key);
  });
  return () => {
    vi.restoreAllMocks();
    return count;
  };
}

describe('a stored row read back', () => {
  it("is what RxDB's own conversion gives: '|' keys restored at any depth, boolean indexes from '1'/'0'", () => {
    const row = () => ({
      id: 'x',
      __pipe: { inner: 1, __deeper: [{ __inList: 'a' }, 2] },
      plain: { nested: ['b', null], 'dotted.__key': true },
      _deleted: '1',
      flag: '0',
    });
    const expected = fromDexieToStorage(['_deleted', 'flag'], row());
    expect(fromStoredRow(['_deleted', 'flag'], row())).toEqual(expected);
    expect(expected).toMatchObject({
      '|pipe': { '|deeper': [{ '|inList': 'a' }, 2] },
      _deleted: true,
      flag: false,
    });
  });
});

afterEach(() => {
  vi.restoreAllMocks();
});

/** Counts the records IndexedDB hands out until the returned function is called (cursor steps and getAll results). */
function countRecordsRead(): () => number {
  let count = 0;
  const cursorContinue = IDBCursor.prototype.continue;
  vi.spyOn(IDBCursor.prototype, 'continue').mockImplementation(function (this: IDBCursor, key?: IDBValidKey) {
    count += 1;
    return cursorContinue.call(this, key);
  });
  const getAll = IDBIndex.prototype.getAll;
  vi.spyOn(IDBIndex.prototype, 'getAll').mockImplementation(function (
    this: IDBIndex,
    query?: IDBValidKey | IDBKeyRange | null,
    count_?: number,
  ) {
    const request = getAll.call(this, query, count_);
    request.addEventListener('success', () => {
      count += (request.result as unknown[]).length;
    });
    return request;
  });
  return () => {
    vi.restoreAllMocks();
    return count;
  };
}
