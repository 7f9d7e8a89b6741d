import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openDatabase, withStatementCache } from '../../src/server/store/database';
import { migrateToLatest } from '../../src/server/store/migrations';
import { emptyPostgresDatabase } from '../support/test-servers';

it('hands back the prepared statement for SQL it has seen, and prepares again what it dropped', () => {
  const connection = new SQLite(':memory:');
  try {
    const cached = withStatementCache(connection);
    const first = cached.prepare('select 1 as one');
    expect(cached.prepare('select 1 as one')).toBe(first);
    // Past the bound (500) the least recently used are dropped: 500 newer statements push it out.
    const other = cached.prepare('select 2 as two');
    for (let n = 3; n < 503; n++) cached.prepare(`select ${n} as n`);
    expect(cached.prepare('select 2 as two')).not.toBe(other);
    expect(cached.prepare('select 2 as two').all([])).toEqual([{ two: 2 }]);
  } finally {
    connection.close();
  }
});

describe('on PostgreSQL', () => {
  it('prepares a statement with parameters once per connection and runs it by name after', async () => {
    const database = await openDatabase({ kind: 'postgres', url: await emptyPostgresDatabase() });
    try {
      await migrateToLatest(database.db);
      // One transaction is one connection, whose prepared statements pg_prepared_statements lists.
      const prepared = await database.db.transaction().execute(async (trx) => {
        for (const id of [1, 2, 3]) {
          await trx.selectFrom('sync_version').select('v').where('id', '=', id).execute();
        }
        await sql`select count(*) from documents`.execute(trx);
        const { rows } = await sql<{ name: string; statement: string }>`
          select name, statement from pg_prepared_statements`.execute(trx);
        return rows;
      });
      const versionReads = prepared.filter((row) =>
        row.statement.startsWith('select "v" from "sync_version"'),
      );
      expect(versionReads).toHaveLength(1);
      expect(versionReads[0]?.name).toMatch(/^tanfang_[0-9a-f]{24}$/);
      // A statement without parameters (transactions, schema changes) is not kept.
      expect(prepared.filter((row) => row.statement.includes('count(*)'))).toEqual([]);
    } finally {
      await database.close();
    }
  });
});
