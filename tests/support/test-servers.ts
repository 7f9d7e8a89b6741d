// The server tests' set-up. The kinds of database they run over (describe.each(databases)): SQLite
// files, and databases on the test run's PostgreSQL server (tests/support/postgres-server.ts). Each
// test gets a database of its own, a copy of a template holding its dataset, loaded once per test
// file and removed after it; a TestServer on it, closed when the test finishes; a port when the test
// needs real HTTP; and the push rows tests send.
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { afterAll, inject, onTestFinished } from 'vitest';
import type { PushRow } from '../../src/domain/api';
import type { Dataset } from '../../src/domain/dataset';
import type { AnyDocument } from '../../src/domain/schemas';
import type { AppDeps } from '../../src/server/http/context';
import { type Database, openDatabase } from '../../src/server/store/database';
import {
  type DatabaseStore,
  type MadeDatabase,
  makeTemplate,
  postgresStore,
  sqliteStore,
  type Template,
} from './databases';
import { PostgresDatabases } from './postgres-server';
import { TestServer } from './server';

export interface TestDatabase {
  name: 'SQLite' | 'PostgreSQL';
  /** A database of its own holding `dataset`; `remove` removes it, or leaves it for after the file. */
  copyOf(dataset: Dataset): Promise<MadeDatabase>;
  /**
   * A database of its own with nothing in it, not even the schema; `dispose` closes and removes it.
   * `connectAgain` opens another connection to it, as a second server process would (the caller closes it).
   */
  empty(): Promise<{ database: Database; dispose(): Promise<void>; connectAgain(): Promise<Database> }>;
}

/** Made on first use, so a file that never uses PostgreSQL does not connect to it. */
let postgres: PostgresDatabases | undefined;
function postgresDatabases(): PostgresDatabases {
  postgres ??= new PostgresDatabases(inject('postgresUrl'));
  return postgres;
}

const templates: Promise<Template>[] = [];
// Registered when a test file imports this module, so it runs after that file's tests.
afterAll(async () => {
  for (const template of templates.splice(0)) await (await template).remove();
  await postgres?.close(); // drops every database the file made there
  postgres = undefined;
});

function testDatabase(
  name: TestDatabase['name'],
  store: () => DatabaseStore,
  keepUntilFileEnds: boolean,
): TestDatabase {
  const templateOf = new WeakMap<Dataset, Promise<Template>>();
  const kept = (made: MadeDatabase): MadeDatabase =>
    keepUntilFileEnds ? { target: made.target, remove: async () => {} } : made;
  return {
    name,
    async copyOf(dataset) {
      let template = templateOf.get(dataset);
      if (template === undefined) {
        template = makeTemplate(store(), dataset);
        templateOf.set(dataset, template);
        templates.push(template);
      }
      return kept(await (await template).copy());
    },
    async empty() {
      const made = kept(await store().empty());
      const database = await openDatabase(made.target);
      return {
        database,
        async dispose() {
          await database.close();
          await made.remove();
        },
        connectAgain: () => openDatabase(made.target),
      };
    },
  };
}

export const databases: TestDatabase[] = [
  testDatabase('SQLite', () => sqliteStore(), false),
  // A PostgreSQL database is dropped after the file, with the others: a backend still ending its
  // session (the pool has closed but the server has not yet noticed) would make a DROP wait or fail.
  testDatabase('PostgreSQL', () => postgresStore(postgresDatabases()), true),
];

/** The URL of a new, empty database on the test run's PostgreSQL server (dropped after the file). */
export async function emptyPostgresDatabase(): Promise<string> {
  return postgresUrl(await postgresStore(postgresDatabases()).empty());
}

/** The URL of a new database on the test run's PostgreSQL server holding `dataset` (dropped after the file). */
export async function postgresCopy(dataset: Dataset): Promise<string> {
  const postgresDatabase = databases.find((database) => database.name === 'PostgreSQL');
  if (postgresDatabase === undefined) throw new Error('no PostgreSQL in the test databases');
  return postgresUrl(await postgresDatabase.copyOf(dataset));
}

function postgresUrl({ target }: MadeDatabase): string {
  if (target.kind !== 'postgres') throw new Error('not a PostgreSQL database');
  return target.url;
}

/** How a test's database is opened, where the kind of database has the option. */
export interface DatabaseOptions {
  /** SQLite: told when syncing the log fails (the server stops then). */
  onLogSyncFailure?: (error: unknown) => void;
}

/** A server on a new database of `testDatabase` holding the fixture's dataset, closed when the current test finishes. */
export async function startTestServer(
  testDatabase: TestDatabase,
  fixture: { dataset: Dataset },
  deps: Partial<AppDeps> = {},
  options: DatabaseOptions = {},
): Promise<TestServer> {
  const copy = await testDatabase.copyOf(fixture.dataset);
  const target = copy.target.kind === 'sqlite' ? { ...copy.target, ...options } : copy.target;
  const server = await TestServer.open(target, deps, copy.remove);
  onTestFinished(() => server.close());
  return server;
}

/** A server on a new copy of `template`, for the caller to close; closing it removes the copy. */
export async function serverOnCopy(template: Template): Promise<TestServer> {
  const copy = await template.copy();
  return TestServer.open(copy.target, {}, copy.remove);
}

/** Serves the test's app on a free port, as in production, for as long as the test runs; its base URL. */
export async function listen(server: TestServer): Promise<string> {
  let http: ReturnType<typeof serve> | undefined;
  const address = await new Promise<AddressInfo>((resolve) => {
    http = serve({ fetch: server.app.fetch, port: 0, hostname: '127.0.0.1' }, resolve);
  });
  if (http === undefined) throw new Error('not listening');
  const listening = http;
  onTestFinished(() => {
    // Open change streams would keep close() waiting for ever.
    if ('closeAllConnections' in listening) listening.closeAllConnections();
    return new Promise<void>((done) => listening.close(() => done()));
  });
  return `http://127.0.0.1:${address.port}`;
}

/** A push row that updates `stored` with `patch`, as RxDB sends it. */
export function update<T extends AnyDocument>(stored: T, patch: Partial<T>): PushRow<T> {
  return { newDocumentState: { ...stored, ...patch }, assumedMasterState: stored };
}

/** A push row that creates `doc`, as RxDB sends it. */
export function create<T extends AnyDocument>(doc: T): PushRow<T> {
  return { newDocumentState: doc, assumedMasterState: null };
}
