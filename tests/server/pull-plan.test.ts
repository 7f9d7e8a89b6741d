// How SQLite runs the pull query: from a checkpoint, each page must walk an index from that
// checkpoint on. With only `seq > ? OR (seq = ? AND id > ?)` and bound parameters, SQLite scanned
// the collection's whole feed for every page, so the 17:00 rush cost more the bigger the database
// grew; with `seq >= ?` before it, the walk began at the checkpoint's seq, and went through every
// row of a data load (one seq) on every pull after it. The row value `(seq, id) > (?, ?)` starts the
// walk exactly after the checkpoint. A worker's own scope (their elders, those elders' records) is walked on its own index: the
// collection's feed since the checkpoint holds every other worker's changes too, which during the
// rush is everyone's day. A query plan does not depend on the machine, so this is checked exactly.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { SqliteDialect } from 'kysely';
import { afterAll, expect, it } from 'vitest';
import type { CollectionName, User } from '../../src/domain/schemas';
import { twoTowns } from '../support/fixtures';
import { pullQuery } from './pull-query';

const dir = mkdtempSync(join(tmpdir(), 'tanfang-plan-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const { workerA1, coordinatorA } = twoTowns().users;

it.each([
  ['a worker', 'visits', workerA1, 'documents_elder_feed'],
  ['a worker', 'elders', workerA1, 'documents_assigned_feed'],
  ['a worker', 'users', workerA1, 'documents_feed'],
  ['a coordinator', 'schedules', coordinatorA, 'documents_feed'],
  ['a coordinator', 'users', coordinatorA, 'documents_feed'],
] as [string, CollectionName, User, string][])(
  "walks the index %s's pull of %s needs from the checkpoint: %s",
  async (_who, collection, actor, index) => {
    const connection = new SQLite(join(dir, `${actor.username}-${collection}.sqlite`));
    const { db, query } = await pullQuery(new SqliteDialect({ database: connection }), actor, collection);
    try {
      const plan = connection
        .prepare(`EXPLAIN QUERY PLAN ${query.sql}`)
        .all(...(query.parameters as unknown[]))
        .map((row) => (row as { detail: string }).detail);
      const walks = (name: string) =>
        plan.filter((step) => new RegExp(` USING (COVERING )?INDEX ${name} `).test(step));
      expect(walks(index).length, plan.join('\n')).toBeGreaterThan(0);
      for (const step of walks(index)) expect(step, plan.join('\n')).toContain('(seq,id)>(?,?)');
      // The tombstones half walks the caller's own from the checkpoint too.
      expect(walks('revocations_feed'), plan.join('\n')).toEqual([
        expect.stringContaining('(user_id=? AND collection=? AND (seq,doc_id)>(?,?))'),
      ]);
      if (index !== 'documents_feed') expect(walks('documents_feed'), plan.join('\n')).toEqual([]);
      expect(
        plan.filter((step) => /^SCAN documents\b/.test(step)),
        plan.join('\n'),
      ).toEqual([]);
      // The users half is checked row by row, not by listing every user of the towns first.
      expect(
        plan.filter((step) => step.includes('user_towns_town')),
        plan.join('\n'),
      ).toEqual([]);
    } finally {
      await db.destroy();
    }
  },
);
