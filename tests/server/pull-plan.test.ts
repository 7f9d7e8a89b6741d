// How SQLite runs the pull query: from a checkpoint, each page must walk the change feed's index
// from that checkpoint on. With only `seq > ? OR (seq = ? AND id > ?)` and bound parameters, SQLite
// scanned the collection's whole feed for every page, so the 17:00 rush cost more the bigger the
// database grew. A query plan does not depend on the machine, so this is checked exactly.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { type CompiledQuery, Kysely, SqliteDialect } from 'kysely';
import { afterAll, expect, it } from 'vitest';
import type { CollectionName, User } from '../../src/domain/schemas';
import { migrateToLatest } from '../../src/server/store/migrations';
import { pullDocuments } from '../../src/server/store/pull';
import type { Tables } from '../../src/server/store/tables';
import { buildFixture } from './fixtures';

const dir = mkdtempSync(join(tmpdir(), 'tanfang-plan-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const { workerA1, coordinatorA } = buildFixture().users;

it.each([
  ['a worker', 'visits', workerA1],
  ['a worker', 'elders', workerA1],
  ['a coordinator', 'schedules', coordinatorA],
  ['a coordinator', 'users', coordinatorA],
] as [string, CollectionName, User][])(
  "walks the feed index from the checkpoint for %s's pull of %s",
  async (_who, collection, actor) => {
    const connection = new SQLite(join(dir, `${actor.username}-${collection}.sqlite`));
    const queries: CompiledQuery[] = [];
    const db = new Kysely<Tables>({
      dialect: new SqliteDialect({ database: connection }),
      log: (event) => {
        if (event.level === 'query') queries.push(event.query);
      },
    });
    try {
      await migrateToLatest(db);
      queries.length = 0;
      await pullDocuments(db, actor, collection, { seq: 5, id: '0190' }, 200);
      expect(queries).toHaveLength(1);
      const [query] = queries as [CompiledQuery];
      const plan = connection
        .prepare(`EXPLAIN QUERY PLAN ${query.sql}`)
        .all(...(query.parameters as unknown[]))
        .map((row) => (row as { detail: string }).detail);
      const feed = plan.filter((step) => / USING (COVERING )?INDEX documents_feed /.test(step));
      expect(feed.length, plan.join('\n')).toBeGreaterThan(0);
      for (const step of feed) expect(step, plan.join('\n')).toContain('seq>?');
      expect(
        plan.filter((step) => /^SCAN documents\b/.test(step)),
        plan.join('\n'),
      ).toEqual([]);
    } finally {
      await db.destroy();
    }
  },
);
