import { DEFAULT_MIGRATION_TABLE, type Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Checkpoint } from '../../src/domain/api';
import type { AnyDocument } from '../../src/domain/schemas';
import { hashPassword, verifyPassword } from '../../src/server/auth/password';
import { migrateToLatest } from '../../src/server/store/migrations';
import { writeTransaction } from '../../src/server/store/write-transaction';
import { makeVisit, twoTowns } from '../support/fixtures';
import { create, databases, startTestServer } from '../support/test-servers';

const fixture = twoTowns();
const { workerA1, workerA2, coordinatorA } = fixture.users;

describe.each(databases)('the store ($name)', (database) => {
  it('migrates an up-to-date database without change', async () => {
    const server = await startTestServer(database, fixture);
    const before = await server.dump();
    await migrateToLatest(server.database.db);
    expect(await server.dump()).toEqual(before);
  });

  it('gives the elders of a database made before the assignment history their current assignment', async () => {
    const server = await startTestServer(database, fixture);
    const db = server.database.db;
    // Back to the schema of 0001_initial, data kept.
    await db.schema.dropTable('assignments').execute();
    await db.schema.dropTable('revocations').execute();
    await db.schema.dropTable('places').execute();
    await db.schema.dropIndex('documents_assigned_feed').execute();
    await db.schema.dropIndex('documents_elder_feed').execute();
    await db.schema
      .createIndex('documents_assigned')
      .on('documents')
      .columns(['collection', 'assigned_worker_id'])
      .execute();
    await db.schema
      .createIndex('documents_elder')
      .on('documents')
      .columns(['collection', 'elder_id'])
      .execute();
    const migrations = db as unknown as Kysely<Record<typeof DEFAULT_MIGRATION_TABLE, { name: string }>>;
    await migrations
      .deleteFrom(DEFAULT_MIGRATION_TABLE)
      // Every migration after the first, so a later one (0005 changes places) runs again too.
      .where('name', '!=', '0001_initial')
      .execute();
    await migrateToLatest(db);
    const rows = await db.selectFrom('assignments').selectAll().orderBy('elder_id').execute();
    const elders = Object.values(fixture.elders).sort((a, b) => a.id.localeCompare(b.id));
    expect(rows).toEqual(
      elders.map((elder) => ({
        elder_id: elder.id,
        worker_id: elder.assignedWorkerId,
        town: elder.town,
        from_seq: expect.any(Number),
        from_time: null,
        to_seq: null,
        to_time: null,
      })),
    );
    expect(await db.selectFrom('revocations').selectAll().execute()).toEqual([]);
  });

  it('gives each write transaction its own seq, and a rolled-back one leaves the counter', async () => {
    const server = await startTestServer(database, fixture);
    const db = server.database.db;
    const seqs = await Promise.all(
      Array.from({ length: 10 }, () => writeTransaction(db, async (_trx, seq) => seq)),
    );
    expect(new Set(seqs).size).toBe(10);
    const before = await server.dump();
    await expect(
      writeTransaction(db, async () => {
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(await server.dump()).toEqual(before);
  });

  it('lets a reader paging during concurrent pushes end up with every document', async () => {
    const server = await startTestServer(database, fixture);
    const tokens = [await server.login(workerA1), await server.login(workerA2)];
    const reader = await server.login(coordinatorA);
    const elders = [fixture.elders.a1, fixture.elders.a2];
    const pushed: AnyDocument[] = [];
    const writers = Array.from({ length: 20 }, (_, round) => {
      const worker = round % 2;
      const rows = [
        create(makeVisit(elders[worker] ?? fixture.elders.a1)),
        create(makeVisit(elders[worker] ?? fixture.elders.a1)),
      ];
      pushed.push(...rows.map((row) => row.newDocumentState));
      return server.push(tokens[worker] ?? '', 'visits', rows);
    });
    // The reader pages while the writers run, then once more after them.
    const seen = new Map<string, AnyDocument>();
    let checkpoint: Checkpoint | null = null;
    const read = async () => {
      const page = await server.pullAll(reader, 'visits', checkpoint, 3);
      for (const doc of page.documents) seen.set(doc.id, doc);
      checkpoint = page.checkpoint;
    };
    await Promise.all([...writers, read(), read()]);
    await read();
    for (const doc of pushed) expect(seen.get(doc.id)).toEqual(doc);
  });

  it('refuses a dataset with an invalid document and writes none of it', async () => {
    const server = await startTestServer(database, fixture);
    const before = await server.dump();
    const broken = { ...makeVisit(fixture.elders.a1), mode: 'telepathy' } as unknown as AnyDocument;
    await expect(
      server.repository.loadDataset({
        users: [],
        elders: [],
        schedules: [],
        visits: [makeVisit(fixture.elders.a1), broken as never],
      }),
    ).rejects.toThrow(/visits.*mode/);
    expect(await server.dump()).toEqual(before);
  });
});

describe('password hashes', () => {
  it('verify the right password only, and differ for the same password', async () => {
    const first = await hashPassword('秘密 secret');
    const second = await hashPassword('秘密 secret');
    expect(first).not.toBe(second);
    expect(first).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(await verifyPassword('秘密 secret', first)).toBe(true);
    expect(await verifyPassword('秘密 secreT', first)).toBe(false);
    expect(await verifyPassword('x', 'not-a-hash')).toBe(false);
  });
});
