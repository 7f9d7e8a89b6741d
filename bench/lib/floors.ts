// The floors the server figures are compared with: the same rows inserted straight into the
// database, in one transaction, with nothing of the server in between.
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import type { AnyDocument, CollectionName } from '../../src/domain/schemas';
import type { PostgresDatabases } from '../../tests/support/postgres-server';
import { removeDir, tempDir } from './resources';

export interface RawRow {
  collection: CollectionName;
  doc: AnyDocument;
}

/** A table shaped like the server's documents table, for the raw insert floors. */
const SCRATCH_TABLE = `CREATE TABLE scratch (
  collection TEXT NOT NULL, id TEXT NOT NULL, doc TEXT NOT NULL, seq INTEGER NOT NULL,
  town TEXT, elder_id TEXT, updated_by TEXT NOT NULL, server_time TEXT NOT NULL,
  PRIMARY KEY (collection, id))`;

/** A row's values in the scratch table's column order. */
function scratchRow({ collection, doc }: RawRow, serverTime: string) {
  const record = doc as { id: string; town?: string; elderId?: string; updatedBy: string };
  return [
    collection,
    record.id,
    JSON.stringify(doc),
    1,
    record.town ?? null,
    record.elderId ?? null,
    record.updatedBy,
    serverTime,
  ] as const;
}

/**
 * The database floor: the same rows inserted with better-sqlite3 in one transaction into a scratch
 * table shaped like the server's documents table, in a fresh file with the server's pragmas.
 * Returns milliseconds for the transaction (statements prepared and JSON made beforehand).
 */
export function rawInsertMs(rows: readonly RawRow[]): number {
  const dir = tempDir('raw');
  try {
    const db = new SQLite(join(dir, 'scratch.sqlite'));
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.exec(SCRATCH_TABLE);
    const insert = db.prepare(
      'INSERT OR REPLACE INTO scratch (collection, id, doc, seq, town, elder_id, updated_by, server_time) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const serverTime = new Date().toISOString();
    const prepared = rows.map((row) => scratchRow(row, serverTime));
    const insertAll = db.transaction((all: typeof prepared) => {
      for (const row of all) insert.run(...row);
    });
    const started = performance.now();
    insertAll(prepared);
    const ms = performance.now() - started;
    db.close();
    return ms;
  } finally {
    removeDir(dir);
  }
}

/**
 * The PostgreSQL floor: the same rows inserted in one transaction (multi-row INSERTs of 500) into a
 * scratch table shaped like the server's documents table, in a new database on that server.
 * Milliseconds for the transaction (JSON made beforehand).
 */
export async function rawInsertPostgresMs(
  rows: readonly RawRow[],
  databases: PostgresDatabases,
): Promise<number> {
  const { name, url } = await databases.create('raw');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(SCRATCH_TABLE);
    const serverTime = new Date().toISOString();
    const values = rows.map((row) => scratchRow(row, serverTime));
    const statements: { text: string; values: unknown[] }[] = [];
    for (let start = 0; start < values.length; start += 500) {
      const chunk = values.slice(start, start + 500);
      const tuples = chunk.map(
        (_, i) => `(${Array.from({ length: 8 }, (_, j) => `$${i * 8 + j + 1}`).join(', ')})`,
      );
      statements.push({
        text: `INSERT INTO scratch (collection, id, doc, seq, town, elder_id, updated_by, server_time) VALUES ${tuples.join(', ')}
          ON CONFLICT (collection, id) DO UPDATE SET doc = EXCLUDED.doc`,
        values: chunk.flat(),
      });
    }
    const started = performance.now();
    await client.query('BEGIN');
    for (const statement of statements) await client.query(statement);
    await client.query('COMMIT');
    return performance.now() - started;
  } finally {
    await client.end();
    await databases.drop(name);
  }
}
