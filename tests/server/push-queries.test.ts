// How many statements a push runs. Every statement costs a busy server more than the SQLite work in
// it (query building, the connection lock, a round of the event loop), and the 17:00 rush is many
// small pushes. The stored documents and their elders are read for all rows at once, so a push of
// ten visits runs as many statements as a push of one. Counted exactly: it does not depend on the
// machine.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { afterAll, expect, it } from 'vitest';
import type { PushRow } from '../../src/domain/api';
import { loadDataset } from '../../src/server/store/dataset';
import { migrateToLatest } from '../../src/server/store/migrations';
import { applyPush } from '../../src/server/store/push';
import type { Tables } from '../../src/server/store/tables';
import { makeVisit, twoTowns } from '../support/fixtures';

const dir = mkdtempSync(join(tmpdir(), 'tanfang-push-queries-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const fixture = twoTowns();
const { workerA1 } = fixture.users;

it('runs as many statements for a push of ten visits as for a push of one', async () => {
  let statements = 0;
  const db = new Kysely<Tables>({
    dialect: new SqliteDialect({ database: new SQLite(join(dir, 'push.sqlite')) }),
    log: (event) => {
      if (event.level === 'query') statements++;
    },
  });
  try {
    await migrateToLatest(db);
    await loadDataset(db, fixture.dataset, new Date().toISOString());
    const counted = async (rows: PushRow[]) => {
      statements = 0;
      const result = await applyPush(db, workerA1, 'visits', rows, new Date().toISOString());
      expect(result.conflicts).toEqual([]);
      return statements;
    };
    const newVisits = (n: number) =>
      Array.from({ length: n }, () => ({
        newDocumentState: makeVisit(fixture.elders.a1),
        assumedMasterState: null,
      }));
    const one = await counted(newVisits(1));
    expect(await counted(newVisits(10))).toBe(one);
    // Begin, the counter, the stored documents, their elders, the documents, the change log, commit.
    expect(one).toBe(7);
  } finally {
    await db.destroy();
  }
});
