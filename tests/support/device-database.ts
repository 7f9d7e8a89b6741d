// A fresh device database in memory for each test of a file: opened before each test, removed after,
// named apart so no two tests (or test files running side by side) share one.
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, beforeEach } from 'vitest';
import { openDatabase, type TanfangDatabase } from '../../src/app/db/database';

let opened = 0;

/** Registers the hooks; call the returned function inside a test for that test's database. */
export function freshDeviceDatabase(prefix: string): () => TanfangDatabase {
  let db: TanfangDatabase | null = null;
  beforeEach(async () => {
    opened += 1;
    db = await openDatabase({
      name: `${prefix}_${process.pid}_${opened}`,
      storage: getRxStorageMemory(),
      multiInstance: false,
    });
  });
  afterEach(async () => {
    await db?.remove();
    db = null;
  });
  return () => {
    if (!db) throw new Error('the device database is open only inside a test');
    return db;
  };
}
