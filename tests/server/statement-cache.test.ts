import SQLite from 'better-sqlite3';
import { expect, it } from 'vitest';
import { withStatementCache } from '../../src/server/store/database';

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
    expect((cached.prepare('select 2 as two') as SQLite.Statement).get()).toEqual({ two: 2 });
  } finally {
    connection.close();
  }
});
