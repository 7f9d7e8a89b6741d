// The real server as a separate process (`node --import tsx src/server/main.ts`, as `npm run serve`
// runs it) on a database prepared here (a SQLite file, or a PostgreSQL database copied from a
// template), and the raw insert floors the server figures are compared with.
import { spawn } from 'node:child_process';
import { copyFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import type { Dataset } from '../../src/domain/dataset';
import type { AnyDocument, CollectionName, User } from '../../src/domain/schemas';
import { hashPassword } from '../../src/server/auth/password';
import { hashToken, newSessionToken, SESSION_DAYS } from '../../src/server/auth/tokens';
import { type DatabaseTarget, openDatabase } from '../../src/server/store/database';
import { writeDocuments } from '../../src/server/store/documents';
import { migrateToLatest } from '../../src/server/store/migrations';
import { Repository } from '../../src/server/store/repository';
import { writeTransaction } from '../../src/server/store/write-transaction';
import type { PostgresDatabases } from '../../tests/support/postgres-server';
import { log, ROOT, TIME_ZONE } from './env';
import { removeDir, tempDir, trackChild } from './resources';

export interface PrepareOptions {
  /**
   * Hash each distinct password once and store that hash for every user who has it. For datasets of
   * many users (server.rush): scrypt costs ~100-200 ms a hash here. Otherwise the repository's own
   * loadDataset, which hashes every password.
   */
  shareHashes?: boolean;
  /** Users to give a session now (token per user id), as if each had signed in once. */
  sessionsFor?: readonly string[];
  /** Make the template a database on this PostgreSQL server instead of a SQLite file. */
  postgres?: PostgresDatabases;
}

export type TemplateStore =
  | { kind: 'sqlite'; file: string }
  | { kind: 'postgres'; databases: PostgresDatabases; name: string };

export interface Template {
  store: TemplateStore;
  /** The change counter after loading: a device that synced everything is at this seq. */
  seq: number;
  tokens: Map<string, string>;
}

/**
 * Loads `dataset` through the server's store into a new SQLite file (closed, WAL checkpointed) or,
 * with `postgres`, a new PostgreSQL database that each run copies.
 */
export async function prepareDatabase(dataset: Dataset, options: PrepareOptions = {}): Promise<Template> {
  let store: TemplateStore;
  let target: DatabaseTarget;
  if (options.postgres) {
    const created = await options.postgres.create('template');
    store = { kind: 'postgres', databases: options.postgres, name: created.name };
    target = { kind: 'postgres', url: created.url };
  } else {
    const file = join(tempDir('template'), 'template.sqlite');
    store = { kind: 'sqlite', file };
    target = { kind: 'sqlite', file };
  }
  const database = await openDatabase(target);
  try {
    await migrateToLatest(database.db);
    const repository = new Repository(database);
    if (options.shareHashes) {
      await repository.loadDataset({ ...dataset, users: [] });
      await loadUsersSharingHashes(repository, dataset.users);
    } else {
      await repository.loadDataset(dataset);
    }
    const tokens = new Map<string, string>();
    const now = new Date();
    for (const userId of options.sessionsFor ?? []) {
      const token = newSessionToken();
      await repository.createSession({
        tokenHash: hashToken(token),
        userId,
        createdAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + SESSION_DAYS * 86_400_000).toISOString(),
      });
      tokens.set(userId, token);
    }
    const { v } = await database.db
      .selectFrom('sync_version')
      .select('v')
      .where('id', '=', 1)
      .executeTakeFirstOrThrow();
    return { store, seq: v, tokens };
  } finally {
    await database.close();
  }
}

/** The users part of the store's loadDataset, with one scrypt hash per distinct password. */
async function loadUsersSharingHashes(
  repository: Repository,
  users: ReadonlyArray<User & { password: string }>,
): Promise<void> {
  const hashes = new Map<string, string>();
  for (const { password } of users) {
    if (!hashes.has(password)) hashes.set(password, await hashPassword(password));
  }
  const serverTime = new Date().toISOString();
  await writeTransaction(repository.db, async (trx, seq) => {
    const docs = users.map(({ password: _, ...user }) => user satisfies User);
    await writeDocuments(
      trx,
      docs.map((doc) => ({ collection: 'users' as CollectionName, doc, userId: doc.updatedBy })),
      seq,
      serverTime,
    );
    for (let start = 0; start < users.length; start += 200) {
      const chunk = users.slice(start, start + 200);
      await trx
        .insertInto('credentials')
        .values(
          chunk.map((u) => ({
            user_id: u.id,
            username: u.username,
            password_hash: hashes.get(u.password) as string,
          })),
        )
        .execute();
      await trx
        .insertInto('user_towns')
        .values(chunk.flatMap((u) => u.towns.map((town) => ({ user_id: u.id, town }))))
        .execute();
    }
  });
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

export interface RunningServer {
  /** http://127.0.0.1:PORT */
  url: string;
  port: number;
  /** The run's own copy of the database, when it is a SQLite file. */
  databaseFile: string | undefined;
  pid: number;
  stop(): Promise<void>;
}

export interface StartOptions {
  template: Template;
  staticDir: string;
  /** Profile the server process with `node --cpu-prof` into this directory (written when it stops). */
  cpuProfileDir?: string;
}

/** Copies the template (file or database) and starts the real server on the copy, on a free port. */
export async function startServer(options: StartOptions): Promise<RunningServer> {
  const dataDir = tempDir('server');
  const { store } = options.template;
  let databaseEnv: Record<string, string>;
  let databaseFile: string | undefined;
  let dropDatabase = async () => {};
  if (store.kind === 'sqlite') {
    databaseFile = join(dataDir, 'tanfang.sqlite');
    copyFileSync(store.file, databaseFile);
    databaseEnv = { DATABASE_FILE: databaseFile };
  } else {
    const copy = await store.databases.create('run', store.name);
    databaseEnv = { DATABASE_URL: copy.url };
    dropDatabase = () => store.databases.drop(copy.name);
  }
  const port = await freePort();
  const profiling = options.cpuProfileDir ? ['--cpu-prof', '--cpu-prof-dir', options.cpuProfileDir] : [];
  const child = spawn(process.execPath, [...profiling, '--import', 'tsx', 'src/server/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      ...databaseEnv,
      STATIC_DIR: options.staticDir,
      LOAD_DEMO: 'never',
      TZ: TIME_ZONE,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  trackChild(child);
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error('the server did not start within 60 s')), 60_000);
    const fail = (error: Error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${error.message}\n${output}`));
    };
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Tanfang is running')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('exit', (code) => fail(new Error(`the server exited with ${code} while starting`)));
  });
  // Keep draining its output so a chatty server never blocks on a full pipe.
  child.stdout?.resume();
  child.stderr?.on('data', (chunk: Buffer) => {
    const text = chunk.toString().trim();
    if (text) log(`server: ${text.slice(0, 500)}`);
  });
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    databaseFile,
    pid: child.pid ?? -1,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
        await exited;
        clearTimeout(timer);
      }
      removeDir(dataDir);
      await dropDatabase();
    },
  };
}

/** Signs in through the real login route. */
export async function login(
  url: string,
  username: string,
  password: string,
): Promise<{ token: string; user: User }> {
  const response = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!response.ok) throw new Error(`login of ${username} failed: HTTP ${response.status}`);
  return (await response.json()) as { token: string; user: User };
}

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
