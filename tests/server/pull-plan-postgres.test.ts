// How PostgreSQL runs the pull query, as pull-plan.test.ts checks SQLite: each page walks an index
// from exactly the checkpoint, the row value (seq, id) > (…) being part of the index condition, not a
// filter on every row of the checkpoint's seq (a data load is one seq). Checked on the plan
// PostgreSQL keeps for a prepared statement (the server prepares every statement it runs), with
// sequential scans off, because the test's tables are too small for an index to be worth it. Which
// index it walks depends on the tables' statistics, so only the condition is checked here.
import { type CompiledQuery, PostgresDialect } from 'kysely';
import pg from 'pg';
import { expect, it } from 'vitest';
import type { CollectionName, User } from '../../src/domain/schemas';
import { twoTowns } from '../support/fixtures';
import { emptyPostgresDatabase } from '../support/test-servers';
import { pullQuery } from './pull-query';

const { workerA1, coordinatorA } = twoTowns().users;

it.each([
  ['a worker', 'visits', workerA1],
  ['a worker', 'elders', workerA1],
  ['a worker', 'users', workerA1],
  ['a coordinator', 'schedules', coordinatorA],
] as [string, CollectionName, User][])(
  "starts %s's pull of %s at the checkpoint in an index on PostgreSQL",
  async (_who, collection, actor) => {
    const pool = new pg.Pool({ connectionString: await emptyPostgresDatabase(), max: 1 });
    const { db, query } = await pullQuery(new PostgresDialect({ pool }), actor, collection);
    try {
      const plan = await genericPlan(pool, query);
      // An index scan's condition is on the line after it.
      expect(plan, plan).toMatch(
        /Index (Only )?Scan using \w+ on documents[^\n]*\n\s+Index Cond: [^\n]*ROW\(seq, id\) > ROW\(/,
      );
      expect(plan, plan).toMatch(
        /Index (Only )?Scan using revocations_feed on revocations[^\n]*\n\s+Index Cond: [^\n]*ROW\(seq, doc_id\) > ROW\(/,
      );
    } finally {
      await db.destroy(); // ends the pool
    }
  },
);

/** The plan PostgreSQL keeps for `query` prepared, with its parameters' values. */
async function genericPlan(pool: pg.Pool, query: CompiledQuery) {
  const client = await pool.connect();
  try {
    await client.query('SET enable_seqscan = off');
    await client.query('SET plan_cache_mode = force_generic_plan');
    await client.query(`PREPARE pull_plan AS ${query.sql}`);
    const values = query.parameters.map((value) => client.escapeLiteral(String(value)));
    const { rows } = await client.query(`EXPLAIN EXECUTE pull_plan(${values.join(', ')})`);
    return rows.map((row: { 'QUERY PLAN': string }) => row['QUERY PLAN']).join('\n');
  } finally {
    client.release();
  }
}
