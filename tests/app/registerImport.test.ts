// Importing a register on the device: every elder with their planned visits, in the outbox, or none.
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openDatabase, type TanfangDatabase } from '../../src/app/db/database';
import type { ElderDraft } from '../../src/app/db/register';
import { importElders } from '../../src/app/db/registerImport';
import { deviceStorage } from '../../src/app/db/storage';
import { InvalidRecordError } from '../../src/app/db/store';
import { DEFAULT_CADENCE } from '../../src/domain/cadence';
import { COORDINATOR_ID, makeElderDraft, TOWN_B, WORKER_ID } from '../support/fixtures';

const TODAY = '2026-12-07';
const context = { userId: COORDINATOR_ID, today: TODAY, now: new Date('2026-12-07T02:00:00.000Z') };

let db: TanfangDatabase | undefined;
let counter = 0;
async function open(
  storage: Parameters<typeof openDatabase>[0]['storage'] = getRxStorageMemory(),
): Promise<TanfangDatabase> {
  counter += 1;
  db = await openDatabase({ name: `import_${process.pid}_${counter}`, storage, multiInstance: false });
  return db;
}
afterEach(async () => {
  await db?.remove();
  db = undefined;
});

function draft(i: number, patch: Partial<ElderDraft> = {}): ElderDraft {
  const tier = (['high', 'key', 'general'] as const)[i % 3];
  return makeElderDraft({ name: `导入长者${i}`, riskTier: tier, registeredOn: '2025-01-01', ...patch });
}
const drafts = (n: number) => Array.from({ length: n }, (_, i) => draft(i));

/** What the device holds: elders on it (not deleted), planned visits, outbox entries. */
async function holds(database: TanfangDatabase) {
  return {
    elders: await database.elders.count().exec(),
    schedules: await database.schedules.count().exec(),
    outbox: await database.outbox.count().exec(),
  };
}

describe('importing elders on the device', () => {
  it('enters every elder with the routine visits of their tier, each in the outbox', async () => {
    const database = await open();
    const result = await importElders(database, drafts(3), context);

    const elders = await database.elders.find({ sort: [{ name: 'asc' }] }).exec();
    expect(elders.map((e) => [e.name, e.registeredOn, e.archivedOn, e.updatedBy])).toEqual([
      ['导入长者0', '2025-01-01', null, COORDINATOR_ID],
      ['导入长者1', '2025-01-01', null, COORDINATOR_ID],
      ['导入长者2', '2025-01-01', null, COORDINATOR_ID],
    ]);
    // Weekly for the high tier (5 in the four weeks planned ahead), monthly for key, quarterly for general.
    const count = async (name: string) => {
      const elder = elders.find((e) => e.name === name);
      return database.schedules.count({ selector: { elderId: elder?.id, workerId: WORKER_ID } }).exec();
    };
    expect([await count('导入长者0'), await count('导入长者1'), await count('导入长者2')]).toEqual([5, 1, 1]);
    expect(result).toEqual({ elders: 3, planned: 7 });
    expect(await holds(database)).toEqual({ elders: 3, schedules: 7, outbox: 10 });
  });

  it('plans each elder by the cadence of their town', async () => {
    const database = await open();
    const fortnightly = { every: 2, unit: 'week' } as const;
    const rules = (town: string) =>
      town === TOWN_B ? { high: fortnightly, key: fortnightly, general: fortnightly } : DEFAULT_CADENCE;
    const result = await importElders(database, [draft(0), draft(1, { town: TOWN_B, riskTier: 'high' })], {
      ...context,
      rules,
    });
    expect(result.planned).toBe(5 + 3);
  });

  it('writes nothing when one draft is refused by the shared schema, naming the draft and field', async () => {
    const database = await open();
    const bad = [...drafts(4), draft(4, { birthDate: '1940-13-40' })];
    const failure = await importElders(database, bad, context).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(InvalidRecordError);
    expect((failure as InvalidRecordError).field).toBe('4.birthDate');
    expect(await holds(database)).toEqual({ elders: 0, schedules: 0, outbox: 0 });
  });

  it('writes nothing when an elder is already on the register or given twice', async () => {
    const database = await open();
    await importElders(database, [draft(0)], context);
    const again = await importElders(database, [draft(1), draft(0)], context).catch((e: unknown) => e);
    expect((again as InvalidRecordError).field).toBe('1.name');
    const twice = await importElders(
      database,
      [draft(5), draft(6), draft(5, { gender: 'male' })],
      context,
    ).catch((e: unknown) => e);
    expect((twice as InvalidRecordError).field).toBe('2.name');
    expect(await holds(database)).toEqual({ elders: 1, schedules: 5, outbox: 6 });
  });

  it('deletes the elders again when their planned visits cannot be written, so none stays on the register', async () => {
    const database = await open();
    vi.spyOn(database.schedules, 'bulkInsert').mockRejectedValueOnce(new Error('QuotaExceededError'));
    await expect(importElders(database, drafts(3), context)).rejects.toThrow('QuotaExceededError');

    expect(await database.elders.count().exec()).toBe(0);
    // Each deletion waits to reach the server, in case the elder was sent before the failure.
    const outbox = await database.outbox.find().exec();
    expect(outbox.map((entry) => entry.collectionName)).toEqual(['elders', 'elders', 'elders']);
    const stored = await database.elders.storageInstance.findDocumentsById(
      outbox.map((entry) => entry.docId),
      true,
    );
    expect(stored.map((doc) => [doc._deleted, doc.updatedAt > context.now.toISOString()])).toEqual([
      [true, true],
      [true, true],
      [true, true],
    ]);
  });

  it('deletes what was written when one record of a bulk is refused by the storage', async () => {
    const database = await open();
    const real = database.schedules.bulkInsert.bind(database.schedules);
    vi.spyOn(database.schedules, 'bulkInsert').mockImplementationOnce(async (records) => {
      const list = [...records];
      const result = await real(list.slice(1));
      return { ...result, error: [{ status: 409, documentId: String(list[0]?.id) }] } as never;
    });
    await expect(importElders(database, drafts(2), context)).rejects.toThrow(/1 of 6 schedules/);
    expect(await database.elders.count().exec()).toBe(0);
    expect(await database.schedules.count().exec()).toBe(0);
  });

  it('imports 5,000 elders on IndexedDB in seconds', async () => {
    const database = await open(deviceStorage({ indexedDB, IDBKeyRange }));
    await importElders(database, drafts(50), context);
    const many = Array.from({ length: 5_000 }, (_, i) => draft(100 + i));
    const started = performance.now();
    const result = await importElders(database, many, context);
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `imported ${result.elders} elders and ${result.planned} planned visits in ${seconds.toFixed(2)} s`,
    );
    expect(result.elders).toBe(5_000);
    expect(await database.elders.count().exec()).toBe(5_050);
    expect(seconds).toBeLessThan(20);
  }, 60_000);
});
