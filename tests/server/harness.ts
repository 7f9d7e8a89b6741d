// Test servers: each test gets its own database (a fresh SQLite file in a fresh temp dir, or a fresh
// database on the test run's PostgreSQL server) holding a fixture, an app from createApp, and helpers
// to call the API. The databases list is what describe.each runs over.
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, inject, onTestFinished } from 'vitest';
import type {
  ApiError,
  Checkpoint,
  PullBatchResponse,
  PullResponse,
  PushBatchResponse,
  PushRow,
} from '../../src/domain/api';
import type { AnyDocument, CollectionName, User } from '../../src/domain/schemas';
import { createApp } from '../../src/server/http/app';
import type { AppDeps } from '../../src/server/http/context';
import { type Database, openDatabase } from '../../src/server/store/database';
import { migrateToLatest } from '../../src/server/store/migrations';
import { Repository } from '../../src/server/store/repository';
import { ChangeNotifier } from '../../src/server/sync/change-notifier';
import { PASSWORD, type TwoTowns } from '../support/fixtures';
import { PostgresDatabases } from '../support/postgres-server';

export interface TestDatabase {
  name: string;
  /** A database of its own holding the fixture; `dispose` closes and removes it. */
  create(
    fixture: TwoTowns,
    options?: DatabaseOptions,
  ): Promise<{ database: Database; dispose(): Promise<void> }>;
  /**
   * A database of its own with nothing in it, not even the schema. `connectAgain` opens another
   * connection to it, as a second server process would (the caller closes it).
   */
  empty(): Promise<{ database: Database; dispose(): Promise<void>; connectAgain(): Promise<Database> }>;
}

/** How a test's database is opened, where the kind of database has the option. */
export interface DatabaseOptions {
  /** SQLite: told when syncing the log fails (the server stops then). */
  onLogSyncFailure?: (error: unknown) => void;
}

const sqliteTemplates = new WeakMap<TwoTowns, Promise<string>>();
const templateDirs = new Set<string>();
// Registered when a test file imports this module, so it runs after that file's tests.
afterAll(async () => {
  for (const dir of templateDirs) await rm(dir, { recursive: true, force: true });
});

/** Hashing the fixture's passwords (scrypt) is the slow part: load each fixture once, copy the file. */
function sqliteTemplate(fixture: TwoTowns): Promise<string> {
  let template = sqliteTemplates.get(fixture);
  if (template === undefined) {
    template = (async () => {
      const dir = await mkdtemp(join(tmpdir(), 'tanfang-template-'));
      templateDirs.add(dir);
      const file = join(dir, 'template.sqlite');
      const database = await openDatabase({ kind: 'sqlite', file });
      await migrateToLatest(database.db);
      await new Repository(database).loadDataset(fixture.dataset);
      await database.close(); // closing checkpoints the WAL into the file
      return file;
    })();
    sqliteTemplates.set(fixture, template);
  }
  return template;
}

/** Databases on the test run's PostgreSQL server (tests/support/postgres-server.ts), made on first use. */
let postgres: PostgresDatabases | undefined;
const postgresTemplates = new WeakMap<TwoTowns, Promise<string>>();

function postgresDatabases(): PostgresDatabases {
  postgres ??= new PostgresDatabases(inject('postgresUrl'));
  return postgres;
}

afterAll(async () => {
  await postgres?.close();
  postgres = undefined;
});

/** The URL of a new, empty database on the test run's PostgreSQL server (dropped after the file). */
export async function emptyPostgresDatabase(): Promise<string> {
  return (await postgresDatabases().create('empty')).url;
}

/** The URL of a new database on the test run's PostgreSQL server holding `fixture` (dropped after the file). */
export async function postgresCopy(fixture: TwoTowns): Promise<string> {
  return (await postgresDatabases().create('test', await postgresTemplate(fixture))).url;
}

/** As for SQLite: each fixture is loaded once, into a template database that tests' databases copy. */
function postgresTemplate(fixture: TwoTowns): Promise<string> {
  let template = postgresTemplates.get(fixture);
  if (template === undefined) {
    template = (async () => {
      const { name, url } = await postgresDatabases().create('template');
      const database = await openDatabase({ kind: 'postgres', url });
      await migrateToLatest(database.db);
      await new Repository(database).loadDataset(fixture.dataset);
      await database.close(); // a template must have no connections when it is copied
      return name;
    })();
    postgresTemplates.set(fixture, template);
  }
  return template;
}

export const databases: TestDatabase[] = [
  {
    name: 'SQLite',
    async create(fixture, options = {}) {
      const dir = await mkdtemp(join(tmpdir(), 'tanfang-test-'));
      const file = join(dir, 'tanfang.sqlite');
      await copyFile(await sqliteTemplate(fixture), file);
      const database = await openDatabase({ kind: 'sqlite', file, ...options });
      await migrateToLatest(database.db);
      return {
        database,
        async dispose() {
          await database.close();
          await rm(dir, { recursive: true, force: true });
        },
      };
    },
    async empty() {
      const dir = await mkdtemp(join(tmpdir(), 'tanfang-test-'));
      const file = join(dir, 'tanfang.sqlite');
      const database = await openDatabase({ kind: 'sqlite', file });
      return {
        database,
        async dispose() {
          await database.close();
          await rm(dir, { recursive: true, force: true });
        },
        connectAgain: () => openDatabase({ kind: 'sqlite', file }),
      };
    },
  },
  {
    name: 'PostgreSQL',
    async create(fixture) {
      const database = await openDatabase({ kind: 'postgres', url: await postgresCopy(fixture) });
      await migrateToLatest(database.db);
      return {
        database,
        // Dropped with the others after the file: a backend still ending its session (the pool
        // has closed but the server has not yet noticed) would make a DROP here wait or fail.
        dispose: () => database.close(),
      };
    },
    async empty() {
      const url = await emptyPostgresDatabase();
      const database = await openDatabase({ kind: 'postgres', url });
      return {
        database,
        dispose: () => database.close(),
        connectAgain: () => openDatabase({ kind: 'postgres', url }),
      };
    },
  },
];

export interface CallResult<T> {
  status: number;
  body: T;
  headers: Headers;
}

export interface PullQuery {
  limit: number;
  checkpoint?: Checkpoint | null;
}

export class TestServer {
  readonly app: ReturnType<typeof createApp>;
  readonly repository: Repository;

  constructor(
    readonly database: Database,
    readonly fixture: TwoTowns,
    readonly notifier: ChangeNotifier,
    deps: Partial<AppDeps>,
  ) {
    this.repository = new Repository(database);
    this.app = createApp({ repository: this.repository, notifier, ...deps });
  }

  async call<T>(
    method: string,
    path: string,
    options: { token?: string; body?: unknown; rawBody?: string } = {},
  ) {
    const headers: Record<string, string> = {};
    if (options.token !== undefined) headers.Authorization = `Bearer ${options.token}`;
    const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await this.app.request(path, { method, headers, body });
    const text = await response.text();
    const parsed = text === '' ? null : (JSON.parse(text) as T);
    return { status: response.status, body: parsed as T, headers: response.headers } satisfies CallResult<T>;
  }

  async login(user: User): Promise<string> {
    const result = await this.call<{ token: string }>('POST', '/api/auth/login', {
      body: { username: user.username, password: PASSWORD },
    });
    if (result.status !== 200) throw new Error(`login of ${user.username} failed: ${result.status}`);
    return result.body.token;
  }

  pull(token: string, collection: CollectionName | string, { limit, checkpoint }: PullQuery) {
    const query = new URLSearchParams({ limit: String(limit) });
    if (checkpoint) {
      query.set('seq', String(checkpoint.seq));
      query.set('id', checkpoint.id);
    }
    return this.call<PullResponse & ApiError>('GET', `/api/sync/${collection}/pull?${query}`, { token });
  }

  /** `POST /api/sync/pull`: several collections in one request. `body` is sent as given. */
  pullBatch(token: string, body: unknown) {
    return this.call<PullBatchResponse & ApiError>('POST', '/api/sync/pull', { token, body });
  }

  /** Pulls page by page until a short page; returns every document and the last checkpoint. */
  async pullAll(token: string, collection: CollectionName, from: Checkpoint | null = null, limit = 100) {
    const documents: AnyDocument[] = [];
    let checkpoint = from;
    for (;;) {
      const page = await this.pull(token, collection, { limit, checkpoint });
      if (page.status !== 200) throw new Error(`pull failed: ${page.status} ${JSON.stringify(page.body)}`);
      documents.push(...page.body.documents);
      checkpoint = page.body.checkpoint;
      if (page.body.documents.length < limit) return { documents, checkpoint };
    }
  }

  push(token: string, collection: CollectionName | string, rows: PushRow[]) {
    return this.call<AnyDocument[] & ApiError>('POST', `/api/sync/${collection}/push`, { token, body: rows });
  }

  /** `POST /api/sync/push`: several collections in one request. `body` is sent as given. */
  pushBatch(token: string, body: unknown) {
    return this.call<PushBatchResponse & ApiError>('POST', '/api/sync/push', { token, body });
  }

  /** Every row of every table, in a stable order: equal dumps mean nothing was written. */
  async dump(): Promise<Record<string, unknown[]>> {
    const db = this.database.db;
    return {
      documents: await db.selectFrom('documents').selectAll().orderBy('collection').orderBy('id').execute(),
      sync_version: await db.selectFrom('sync_version').selectAll().execute(),
      change_log: await db
        .selectFrom('change_log')
        .selectAll()
        .orderBy('seq')
        .orderBy('collection')
        .orderBy('id')
        .execute(),
      credentials: await db.selectFrom('credentials').selectAll().orderBy('user_id').execute(),
      user_towns: await db.selectFrom('user_towns').selectAll().orderBy('user_id').orderBy('town').execute(),
      sessions: await db.selectFrom('sessions').selectAll().orderBy('token_hash').execute(),
      revocations: await db
        .selectFrom('revocations')
        .selectAll()
        .orderBy('user_id')
        .orderBy('collection')
        .orderBy('doc_id')
        .execute(),
      assignments: await db
        .selectFrom('assignments')
        .selectAll()
        .orderBy('elder_id')
        .orderBy('from_seq')
        .execute(),
    };
  }

  /** The stored row of a document: its seq and exact body text. */
  storedRow(collection: CollectionName, id: string) {
    return this.database.db
      .selectFrom('documents')
      .selectAll()
      .where('collection', '=', collection)
      .where('id', '=', id)
      .executeTakeFirst();
  }
}

/** A server on a new database holding `fixture`, closed when the current test finishes. */
export async function startTestServer(
  testDatabase: TestDatabase,
  fixture: TwoTowns,
  deps: Partial<AppDeps> = {},
  options: DatabaseOptions = {},
): Promise<TestServer> {
  const { database, dispose } = await testDatabase.create(fixture, options);
  onTestFinished(dispose);
  return new TestServer(database, fixture, deps.notifier ?? new ChangeNotifier(), deps);
}

/** A push row that updates `stored` to `next`, as RxDB sends it. */
export function update<T extends AnyDocument>(stored: T, patch: Partial<T>): PushRow<T> {
  return { newDocumentState: { ...stored, ...patch }, assumedMasterState: stored };
}

export function create<T extends AnyDocument>(doc: T): PushRow<T> {
  return { newDocumentState: doc, assumedMasterState: null };
}
