// A device that ran the first release has its records stored under the hand-written RxDB schemas
// (version 0, kept in fixtures/rxSchemasV0.ts). The update opens that database with the schemas made
// from zod (version 1): every record, every change still waiting to sync, the device's own data and
// the sync's place must come through. On fake IndexedDB, through the app's own device storage.
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { createRxDatabase, getChangedDocumentsSince, type RxStorageInstance } from 'rxdb/plugins/core';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type TanfangDatabase } from '../../src/app/db/database';
import { keepLastVisits } from '../../src/app/db/lastVisits';
import { elderRxSchema } from '../../src/app/db/rxSchemas';
import { noteSent } from '../../src/app/db/sent';
import { deviceStorage } from '../../src/app/db/storage';
import { deleteRecord, recordVisit, setAside, updateRecord } from '../../src/app/db/store';
import { SyncJournal } from '../../src/app/sync/journal';
import { startSync } from '../../src/app/sync/replication';
import type { SyncTransport } from '../../src/app/sync/transport';
import type { Checkpoint } from '../../src/domain/api';
import { type AnyDocument, COLLECTIONS, type CollectionName } from '../../src/domain/schemas';
import { makeElder, makeReview, makeSchedule, makeUser, makeVisit, WORKER_ID } from '../support/fixtures';
import { collectionsV0 } from './fixtures/rxSchemasV0';

const storage = () => deviceStorage({ indexedDB, IDBKeyRange });
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** The database as the first release opened it: same storage and name, the version 0 schemas. */
async function openFirstRelease(name: string): Promise<TanfangDatabase> {
  const db = await createRxDatabase({ name, storage: storage(), multiInstance: false, eventReduce: true });
  await db.addCollections(collectionsV0);
  return db as unknown as TanfangDatabase;
}

/** A server in memory: each write gets the next sequence number, pulls page in that order. */
class MemoryServer {
  #seq = 0;
  readonly #rows = new Map<CollectionName, Map<string, { seq: number; doc: AnyDocument }>>();
  readonly pulls: { collection: CollectionName; from: Checkpoint | null }[] = [];
  readonly pushed: { collection: CollectionName; ids: string[] }[] = [];
  /** The checkpoint of the last page of each collection. */
  readonly reached = new Map<CollectionName, Checkpoint | null>();

  put(collection: CollectionName, doc: AnyDocument): void {
    const rows = this.#rows.get(collection) ?? new Map();
    this.#rows.set(collection, rows);
    rows.set(doc.id, { seq: ++this.#seq, doc });
  }

  readonly transport: SyncTransport = {
    pull: async <T extends AnyDocument>(
      collection: CollectionName,
      from: Checkpoint | null,
      limit: number,
    ) => {
      this.pulls.push({ collection, from });
      const after = (row: { seq: number; doc: AnyDocument }) =>
        from === null || row.seq > from.seq || (row.seq === from.seq && row.doc.id > from.id);
      const page = [...(this.#rows.get(collection)?.values() ?? [])]
        .filter(after)
        .sort((a, b) => a.seq - b.seq)
        .slice(0, limit);
      const last = page.at(-1);
      const checkpoint = last ? { seq: last.seq, id: last.doc.id } : from;
      this.reached.set(collection, checkpoint);
      return { documents: page.map((row) => row.doc as T), checkpoint };
    },
    push: async (collection, rows) => {
      this.pushed.push({ collection, ids: rows.map((row) => row.newDocumentState.id).sort() });
      for (const row of rows) this.put(collection, row.newDocumentState);
      return [];
    },
    // No change stream: the tests sync with syncNow.
    watchChanges: (_handlers, signal) =>
      new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve())),
  };
}

const LOCAL = ['outbox', 'setaside', 'sent', 'digest'] as const;
/** The synced collections the first release had: those added since (volunteers) start empty. */
const FIRST_RELEASE = COLLECTIONS.filter((name) => name in collectionsV0);

/**
 * Everything stored in each collection, deleted records too, by key: the data, whether deleted, and
 * the time of RxDB's last write, which the sync's and the last-visit digest's checkpoints point at.
 */
async function contents(db: TanfangDatabase) {
  const all: Record<string, Record<string, unknown>[]> = {};
  for (const name of [...FIRST_RELEASE, ...LOCAL]) {
    // biome-ignore lint/suspicious/noExplicitAny: the collections differ in document type; only their keys and data are read.
    const instance: RxStorageInstance<any, unknown, unknown> = db[name].storageInstance;
    const { documents } = await getChangedDocumentsSince(instance, 100_000);
    const key = db[name].schema.primaryPath as string;
    all[name] = documents
      .map(({ _meta, _rev, _attachments, ...doc }) => ({ ...doc, lwt: _meta.lwt }) as Record<string, unknown>)
      .sort((a, b) => String(a[key]).localeCompare(String(b[key])));
  }
  return all;
}

function syncWith(db: TanfangDatabase, server: MemoryServer) {
  return startSync({
    db,
    journal: new SyncJournal(),
    transport: server.transport,
    identifier: WORKER_ID,
    isOnline: () => true,
  });
}

/** A device on the first release that has synced three elders and their records, then stopped. */
async function firstReleaseInSync(name: string) {
  const server = new MemoryServer();
  const [wang, li, zhang] = ['王', '李', '张'].map((n) => makeElder({ name: n }));
  if (!wang || !li || !zhang) throw new Error('no elders');
  const planned = makeSchedule(wang);
  const earlier = makeVisit(li, {
    wish: { text: '想去公园', fulfilledAt: null },
    participants: [{ name: '志愿者', minutes: 30 }],
  });
  server.put('users', makeUser({ id: WORKER_ID, username: 'worker1', role: 'worker' }));
  for (const elder of [wang, li, zhang]) server.put('elders', elder);
  server.put('schedules', planned);
  server.put('visits', earlier);
  server.put('reviews', makeReview(li));

  const first = await openFirstRelease(name);
  cleanups.push(() => first.remove());
  const sync = syncWith(first, server);
  await sync.syncNow();
  await sync.stop();
  return { server, first, wang, li, zhang, planned, earlier };
}

/** Closes the first release's database and opens it as the update does. */
async function update(first: TanfangDatabase, name: string): Promise<TanfangDatabase> {
  await first.close();
  cleanups.pop();
  const updated = await openDatabase({ name, storage: storage(), multiInstance: false });
  cleanups.push(() => updated.remove());
  return updated;
}

describe('updating a device from the hand-written RxDB schemas to those made from zod', () => {
  it('keeps every record, every change waiting to sync and the device’s own data, as they were', async () => {
    const name = `migration_${process.pid}_1`;
    const { first, wang, li, zhang, planned, earlier } = await firstReleaseInSync(name);
    // Offline: a visit that closes the planned one, an elder edited and another deleted.
    const visit = await recordVisit(first, WORKER_ID, {
      ...makeVisit(wang, { followUp: { needed: true, urgency: 'high', note: '煤气灶要换' } }),
      scheduleId: planned.id,
    });
    await updateRecord(first, 'elders', WORKER_ID, li.id, { notes: '女儿下月回来' });
    await deleteRecord(first, 'elders', WORKER_ID, zhang.id);
    // A push whose answer was lost, a record the server refused, the digest of last visits.
    await noteSent(first, 'visits', [{ ...visit, notes: '较早的版本' }]);
    const refusal = { status: 422, message: 'must not be empty', field: 'name' };
    await setAside(first, 'elders', { ...li, name: '' }, refusal);
    const lastVisits = keepLastVisits(first);
    await new Promise((resolve) => lastVisits.dates$.subscribe(resolve));
    lastVisits.stop();
    const before = await contents(first);
    const waiting = (before.outbox ?? []).filter((entry) => !entry._deleted).map((entry) => entry.docId);
    expect(waiting.sort()).toEqual([visit.id, planned.id, zhang.id].sort());
    expect(before.digest?.length).toBeGreaterThan(1);

    const updated = await update(first, name);

    expect(updated.elders.schema.version).toBe(elderRxSchema.version);
    expect(elderRxSchema.version).toBeGreaterThan(0);
    expect(await contents(updated)).toEqual(before);
    // A collection the first release did not have is there, empty, at its first version.
    expect(updated.volunteers.schema.version).toBe(0);
    expect(await updated.volunteers.count().exec()).toBe(0);
    expect((await updated.visits.findOne(earlier.id).exec())?.toJSON().wish).toEqual(earlier.wish);
    expect((await updated.elders.find().exec()).map((e) => e.name).sort()).toEqual(['李', '王'].sort());
  });

  it('resumes sync where it stopped: pulls from its checkpoints and pushes only the changes waiting', async () => {
    const name = `migration_${process.pid}_2`;
    const { server, first, wang, li, planned } = await firstReleaseInSync(name);
    const reached = new Map(server.reached);
    for (const collection of FIRST_RELEASE) expect(reached.get(collection), collection).not.toBeNull();
    // Offline: a visit that closes the planned one, and an edit.
    const visit = await recordVisit(first, WORKER_ID, { ...makeVisit(wang), scheduleId: planned.id });
    await updateRecord(first, 'elders', WORKER_ID, li.id, { phone: '13700000000' });

    const updated = await update(first, name);
    server.pulls.length = 0;
    server.pushed.length = 0;
    const sync = syncWith(updated, server);
    cleanups.push(() => sync.stop());
    await sync.syncNow();

    for (const collection of FIRST_RELEASE) {
      const firstPull = server.pulls.find((pull) => pull.collection === collection);
      expect(firstPull?.from, collection).toEqual(reached.get(collection));
    }
    // The new collection syncs from the start.
    expect(server.pulls.find((pull) => pull.collection === 'volunteers')?.from).toBeNull();
    const pushed = Object.fromEntries(server.pushed.map(({ collection, ids }) => [collection, ids]));
    expect(pushed).toEqual({ visits: [visit.id], schedules: [planned.id], elders: [li.id] });
    expect(await updated.outbox.count().exec()).toBe(0);
  });
});
