// What the server has answered must survive a power cut, not only a crash of its process
// (tests/sync/server-crash.test.ts): SQLite must sync its write-ahead log on every commit.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, expect, it, onTestFinished } from 'vitest';
import { openDatabase } from '../../src/server/store/database';

const dir = mkdtempSync(join(tmpdir(), 'tanfang-durability-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('syncs the SQLite write-ahead log to disk on every commit, so an answered push survives a power cut', async () => {
  // As the server opens it (src/server/main.ts: checkpoints in the background).
  const database = await openDatabase({
    kind: 'sqlite',
    file: join(dir, 'server.sqlite'),
    backgroundCheckpoints: true,
  });
  onTestFinished(() => database.close());
  const { rows: journal } = await sql<{ journal_mode: string }>`PRAGMA journal_mode`.execute(database.db);
  const { rows: sync } = await sql<{ synchronous: number }>`PRAGMA synchronous`.execute(database.db);
  // 2 is FULL; NORMAL (1) syncs the log only at checkpoints.
  expect({ journal: journal[0]?.journal_mode, synchronous: sync[0]?.synchronous }).toEqual({
    journal: 'wal',
    synchronous: 2,
  });
});
