// The real server (createApp over SQLite) for the sync tests: a template file per dataset, loaded
// and signed in once (scrypt is slow), copied for each run; restartable on the same file.
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PullResponse, PushRow } from '../../src/domain/api';
import type { Dataset } from '../../src/domain/dataset';
import type { AnyDocument, CollectionName, User } from '../../src/domain/schemas';
import { createApp } from '../../src/server/http/app';
import { type Database, openDatabase } from '../../src/server/store/database';
import { migrateToLatest } from '../../src/server/store/migrations';
import { Repository } from '../../src/server/store/repository';

export interface Template {
  dir: string;
  file: string;
  /** A bearer token per sign-in asked for, in the order asked; the sessions are in the file. */
  tokens: string[];
  dispose(): Promise<void>;
}

/** Loads `dataset` into a new SQLite file and signs in `logins` (username, password) through the API. */
export async function buildTemplate(
  dataset: Dataset,
  logins: readonly [string, string][],
): Promise<Template> {
  const dir = await mkdtemp(join(tmpdir(), 'tanfang-sync-template-'));
  const file = join(dir, 'template.sqlite');
  const database = await openDatabase({ kind: 'sqlite', file });
  await migrateToLatest(database.db);
  const repository = new Repository(database);
  await repository.loadDataset(dataset);
  const app = createApp({ repository });
  const tokens: string[] = [];
  for (const [username, password] of logins) {
    const response = await app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    if (response.status !== 200) throw new Error(`login of ${username} failed: ${response.status}`);
    tokens.push(((await response.json()) as { token: string }).token);
  }
  await database.close(); // checkpoints the WAL into the file
  return { dir, file, tokens, dispose: () => rm(dir, { recursive: true, force: true }) };
}

/** One server on its own copy of a template; `restart` closes it and opens it again on the same file. */
export class SyncServer {
  #database: Database;
  repository: Repository;
  app: ReturnType<typeof createApp>;
  /** Bumped by every restart: an answer computed by an older server is never delivered. */
  generation = 0;
  restarting: Promise<void> | null = null;
  readonly #inFlight = new Set<Promise<unknown>>();

  private constructor(
    readonly dir: string,
    readonly file: string,
    database: Database,
  ) {
    this.#database = database;
    this.repository = new Repository(database);
    this.app = createApp({ repository: this.repository });
  }

  static async start(template: Template): Promise<SyncServer> {
    const dir = await mkdtemp(join(tmpdir(), 'tanfang-sync-run-'));
    const file = join(dir, 'tanfang.sqlite');
    await copyFile(template.file, file);
    const database = await openDatabase({ kind: 'sqlite', file });
    await migrateToLatest(database.db);
    return new SyncServer(dir, file, database);
  }

  get db() {
    return this.#database.db;
  }

  /** Calls the current app; null when the server restarted before it answered (nobody gets the answer). */
  async request(
    method: string,
    path: string,
    authorization: string | null,
    body: string | null,
  ): Promise<{ status: number; body: string } | null> {
    if (this.restarting) return null;
    const generation = this.generation;
    const headers: Record<string, string> = {};
    if (authorization) headers.Authorization = authorization;
    if (body !== null) headers['Content-Type'] = 'application/json';
    const call = (async () => {
      const response = await this.app.request(path, { method, headers, ...(body !== null && { body }) });
      return { status: response.status, body: await response.text() };
    })();
    this.#inFlight.add(call);
    try {
      const answer = await call;
      return generation === this.generation ? answer : null;
    } finally {
      this.#inFlight.delete(call);
    }
  }

  /** Pushes `rows` as an app does (`POST /api/sync/<collection>/push`); null as for `request`. */
  push(authorization: string, collection: CollectionName, rows: readonly PushRow[]) {
    return this.request('POST', `/api/sync/${collection}/push`, authorization, JSON.stringify(rows));
  }

  /** The process stops and starts again: requests in flight finish (their answers are lost). */
  restart(): Promise<void> {
    if (this.restarting) return this.restarting;
    this.generation += 1;
    this.restarting = (async () => {
      await Promise.allSettled([...this.#inFlight]);
      await this.#database.close();
      this.#database = await openDatabase({ kind: 'sqlite', file: this.file });
      await migrateToLatest(this.#database.db);
      this.repository = new Repository(this.#database);
      this.app = createApp({ repository: this.repository });
      this.restarting = null;
    })();
    return this.restarting;
  }

  async close(): Promise<void> {
    if (this.restarting) await this.restarting;
    await Promise.allSettled([...this.#inFlight]);
    await this.#database.close();
    await rm(this.dir, { recursive: true, force: true });
  }

  /** Everything `user` may pull from `collection`, page by page, as the server's own code decides. */
  async pullAll(user: User, collection: CollectionName): Promise<AnyDocument[]> {
    const documents = new Map<string, AnyDocument>();
    let checkpoint: PullResponse['checkpoint'] = null;
    for (;;) {
      const page = await this.repository.pull(user, collection, checkpoint, 1000);
      for (const doc of page.documents) documents.set(doc.id, doc);
      checkpoint = page.checkpoint;
      if (page.documents.length < 1000) return [...documents.values()];
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
}
