// Background checkpoints (src/server/store/checkpointer.ts): the server's SQLite connection leaves
// copying the write-ahead log into the database file to a worker thread.
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, expect, it, onTestFinished, vi } from 'vitest';
import { openDatabase } from '../../src/server/store/database';
import { migrateToLatest } from '../../src/server/store/migrations';

const dir = mkdtempSync(join(tmpdir(), 'tanfang-checkpoints-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** About 100 pages of change log: far fewer than the 1,000 at which a connection checkpoints itself. */
const ROWS = 2000;

async function writtenDatabase(name: string, backgroundCheckpoints: boolean) {
  const file = join(dir, `${name}.sqlite`);
  const database = await openDatabase({ kind: 'sqlite', file, backgroundCheckpoints });
  let closed = false;
  const close = async () => {
    if (!closed) await database.close();
    closed = true;
  };
  onTestFinished(close);
  await migrateToLatest(database.db);
  const sizeBefore = statSync(file).size;
  const rows = Array.from({ length: ROWS }, (_, i) => ({
    seq: i,
    collection: 'visits' as const,
    id: `visit-${String(i).padStart(6, '0')}`,
    user_id: 'worker',
    server_time: '2026-12-01T09:00:00.000Z',
  }));
  for (let start = 0; start < ROWS; start += 200) {
    await database.db
      .insertInto('change_log')
      .values(rows.slice(start, start + 200))
      .execute();
  }
  return { file, sizeBefore, close };
}

it('copies what the server commits into the database file in the background', async () => {
  const { file, sizeBefore } = await writtenDatabase('background', true);
  await vi.waitFor(() => expect(statSync(file).size).toBeGreaterThan(sizeBefore + 50 * 4096), {
    timeout: 5000,
    interval: 50,
  });
});

it('stops with the database: closing leaves every row in the file and no log beside it', async () => {
  const { file, close } = await writtenDatabase('closed', true);
  await close();
  expect(existsSync(`${file}-wal`)).toBe(false);
  const reader = new SQLite(file, { readonly: true });
  try {
    expect(reader.prepare('SELECT count(*) AS n FROM change_log').get()).toEqual({ n: ROWS });
  } finally {
    reader.close();
  }
});
