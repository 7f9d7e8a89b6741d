// The server in a test: the app from createApp on a database of the test's own, called in-process
// (app.request, no port), with helpers for the API. A restart closes the database and opens it
// again, as the server process stopping and starting would; answers computed before it are lost.
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
import type { Database, DatabaseTarget } from '../../src/server/store/database';
import { Repository } from '../../src/server/store/repository';
import { ChangeNotifier } from '../../src/server/sync/change-notifier';
import { openMigrated } from './databases';
import { PASSWORD } from './fixtures';

export interface CallResult<T> {
  status: number;
  body: T;
  headers: Headers;
}

/** An answer as it left the server: the body as text. */
export type Answer = CallResult<string>;

export interface PullQuery {
  limit: number;
  checkpoint?: Checkpoint | null;
}

export class TestServer {
  // Set by #serve, from the constructor and on every restart.
  #database!: Database;
  #repository!: Repository;
  #notifier!: ChangeNotifier;
  #app!: ReturnType<typeof createApp>;
  /** Bumped by every restart: an answer computed by an older server is never delivered. */
  #generation = 0;
  #restarting: Promise<void> | null = null;
  readonly #inFlight = new Set<Promise<unknown>>();

  private constructor(
    readonly target: DatabaseTarget,
    private readonly deps: Partial<AppDeps>,
    private readonly afterClose: () => Promise<void>,
    database: Database,
  ) {
    this.#serve(database);
  }

  /** The app on `database`, as a process starting: a notifier of its own unless the test shares one. */
  #serve(database: Database): void {
    this.#database = database;
    this.#repository = new Repository(database);
    this.#notifier = this.deps.notifier ?? new ChangeNotifier();
    this.#app = createApp({ ...this.deps, repository: this.#repository, notifier: this.#notifier });
  }

  /** A server on the database at `target`; `afterClose` runs once `close` has closed the database. */
  static async open(
    target: DatabaseTarget,
    deps: Partial<AppDeps> = {},
    afterClose: () => Promise<void> = async () => {},
  ): Promise<TestServer> {
    return new TestServer(target, deps, afterClose, await openMigrated(target));
  }

  get database(): Database {
    return this.#database;
  }

  get db(): Database['db'] {
    return this.#database.db;
  }

  get repository(): Repository {
    return this.#repository;
  }

  get notifier(): ChangeNotifier {
    return this.#notifier;
  }

  get app(): ReturnType<typeof createApp> {
    return this.#app;
  }

  /** Calls the current app; null when the server restarted before it answered (nobody gets the answer). */
  async request(
    method: string,
    path: string,
    authorization: string | null,
    body: string | null,
  ): Promise<Answer | null> {
    if (this.#restarting) return null;
    const generation = this.#generation;
    const headers: Record<string, string> = {};
    if (authorization) headers.Authorization = authorization;
    if (body !== null) headers['Content-Type'] = 'application/json';
    const call = (async () => {
      const response = await this.#app.request(path, { method, headers, ...(body !== null && { body }) });
      return { status: response.status, body: await response.text(), headers: response.headers };
    })();
    this.#inFlight.add(call);
    try {
      const answer = await call;
      return generation === this.#generation ? answer : null;
    } finally {
      this.#inFlight.delete(call);
    }
  }

  /** Calls the API as `token`'s holder with `body` as JSON (or `rawBody` as given); the answer parsed. */
  async call<T>(
    method: string,
    path: string,
    options: { token?: string; body?: unknown; rawBody?: string } = {},
  ): Promise<CallResult<T>> {
    const body = options.rawBody ?? (options.body === undefined ? null : JSON.stringify(options.body));
    const authorization = options.token === undefined ? null : `Bearer ${options.token}`;
    const answer = await this.request(method, path, authorization, body);
    if (answer === null) throw new Error(`${method} ${path}: the server restarted before it answered`);
    const parsed = answer.body === '' ? null : (JSON.parse(answer.body) as T);
    return { status: answer.status, body: parsed as T, headers: answer.headers };
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

  /** Pulls page by page until a short page not cut by size; returns every document and the last checkpoint. */
  async pullAll(token: string, collection: CollectionName, from: Checkpoint | null = null, limit = 100) {
    const documents: AnyDocument[] = [];
    let checkpoint = from;
    for (;;) {
      const page = await this.pull(token, collection, { limit, checkpoint });
      if (page.status !== 200) throw new Error(`pull failed: ${page.status} ${JSON.stringify(page.body)}`);
      documents.push(...page.body.documents);
      checkpoint = page.body.checkpoint;
      if (page.body.documents.length < limit && !page.body.more) return { documents, checkpoint };
    }
  }

  push(token: string, collection: CollectionName | string, rows: PushRow[]) {
    return this.call<AnyDocument[] & ApiError>('POST', `/api/sync/${collection}/push`, { token, body: rows });
  }

  /** Pushes `rows` as an app does, with `authorization` as given; the answer as text, null as for `request`. */
  rawPush(authorization: string, collection: CollectionName, rows: readonly PushRow[]) {
    return this.request('POST', `/api/sync/${collection}/push`, authorization, JSON.stringify(rows));
  }

  /** `POST /api/sync/push`: several collections in one request. `body` is sent as given. */
  pushBatch(token: string, body: unknown) {
    return this.call<PushBatchResponse & ApiError>('POST', '/api/sync/push', { token, body });
  }

  /** The process stops and starts again: requests in flight finish (their answers are lost). */
  restart(): Promise<void> {
    if (this.#restarting) return this.#restarting;
    this.#generation += 1;
    this.#restarting = (async () => {
      await Promise.allSettled([...this.#inFlight]);
      await this.#database.close();
      this.#serve(await openMigrated(this.target));
      this.#restarting = null;
    })();
    return this.#restarting;
  }

  /** Closes the database once the requests in flight have finished. */
  async close(): Promise<void> {
    if (this.#restarting) await this.#restarting;
    await Promise.allSettled([...this.#inFlight]);
    await this.#database.close();
    await this.afterClose();
  }

  /** Everything `user` may pull from `collection`, page by page, as the server's own code decides. */
  async visibleTo(user: User, collection: CollectionName): Promise<AnyDocument[]> {
    const documents = new Map<string, AnyDocument>();
    let checkpoint: PullResponse['checkpoint'] = null;
    for (;;) {
      const page = await this.#repository.pull(user, collection, checkpoint, 1000);
      for (const doc of page.documents) documents.set(doc.id, doc);
      checkpoint = page.checkpoint;
      if (page.documents.length < 1000 && !page.more) return [...documents.values()];
    }
  }

  /** Every stored document of a collection, whoever may see it. */
  async stored(collection: CollectionName): Promise<AnyDocument[]> {
    const rows = await this.db
      .selectFrom('documents')
      .select('doc')
      .where('collection', '=', collection)
      .orderBy('id')
      .execute();
    return rows.map((row) => JSON.parse(row.doc) as AnyDocument);
  }

  /** Every row of every table, in a stable order: equal dumps mean nothing was written. */
  async dump(): Promise<Record<string, unknown[]>> {
    const db = this.db;
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
    return this.db
      .selectFrom('documents')
      .selectAll()
      .where('collection', '=', collection)
      .where('id', '=', id)
      .executeTakeFirst();
  }
}
