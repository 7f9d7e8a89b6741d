// The statement a pull from a checkpoint runs, for the query-plan tests of each database.
import { type CompiledQuery, type Dialect, Kysely } from 'kysely';
import { expect } from 'vitest';
import type { CollectionName, User } from '../../src/domain/schemas';
import { migrateToLatest } from '../../src/server/store/migrations';
import { pullPage } from '../../src/server/store/pull';
import type { Tables } from '../../src/server/store/tables';

/**
 * Migrates the empty database behind `dialect` and pulls from a checkpoint as `actor`; returns the
 * one statement that ran, and `db`, whose connection stays open until the caller destroys it.
 */
export async function pullQuery(
  dialect: Dialect,
  actor: User,
  collection: CollectionName,
): Promise<{ db: Kysely<Tables>; query: CompiledQuery }> {
  const queries: CompiledQuery[] = [];
  const db = new Kysely<Tables>({
    dialect,
    log: (event) => {
      if (event.level === 'query') queries.push(event.query);
    },
  });
  try {
    await migrateToLatest(db);
    queries.length = 0;
    await pullPage(db, actor, collection, { seq: 5, id: '0190' }, 200);
    expect(queries).toHaveLength(1);
    return { db, query: queries[0] as CompiledQuery };
  } catch (error) {
    await db.destroy();
    throw error;
  }
}
