// Databases holding a dataset, for tests and benchmarks. Loading a dataset is slow (scrypt hashes
// every password), so it is loaded once into a template, and each test or run gets a copy of its
// own: the template's file copied on SQLite, CREATE DATABASE ... TEMPLATE on PostgreSQL. Nothing
// here needs vitest, so the benchmarks use it outside a test run.
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Dataset } from '../../src/domain/dataset';
import { hashToken, newSessionToken, SESSION_DAYS } from '../../src/server/auth/tokens';
import { type Database, type DatabaseTarget, openDatabase } from '../../src/server/store/database';
import { migrateToLatest } from '../../src/server/store/migrations';
import { Repository } from '../../src/server/store/repository';
import type { PostgresDatabases } from './postgres-server';

/** A database made here, and how to remove it. */
export interface MadeDatabase {
  target: DatabaseTarget;
  remove(): Promise<void>;
}

/** Where databases are made: empty ones, and copies of a template. */
export interface DatabaseStore {
  readonly kind: DatabaseTarget['kind'];
  /** A new database with nothing in it, not even the schema. */
  empty(): Promise<MadeDatabase>;
  /** A new database holding what `template` holds, which must have no connection open. */
  copy(template: MadeDatabase): Promise<MadeDatabase>;
}

/** Temporary directories: the system's by default; the benchmarks keep track of theirs. */
export interface TempDirs {
  make(prefix: string): string | Promise<string>;
  remove(dir: string): void | Promise<void>;
}

const systemTempDirs: TempDirs = {
  make: (prefix) => mkdtemp(join(tmpdir(), `tanfang-${prefix}-`)),
  remove: (dir) => rm(dir, { recursive: true, force: true }),
};

/** SQLite files, each `tanfang.sqlite` in a directory of its own, removed with it. */
export function sqliteStore(dirs: TempDirs = systemTempDirs): DatabaseStore {
  const inNewDir = async (prefix: string, template?: string): Promise<MadeDatabase> => {
    const dir = await dirs.make(prefix);
    const file = join(dir, 'tanfang.sqlite');
    if (template !== undefined) await copyFile(template, file);
    return { target: { kind: 'sqlite', file }, remove: async () => dirs.remove(dir) };
  };
  return {
    kind: 'sqlite',
    empty: () => inNewDir('db'),
    copy: ({ target }) => inNewDir('copy', sqliteFile(target)),
  };
}

/** Databases on a PostgreSQL server; a removal drops the database, closing its connections. */
export function postgresStore(databases: PostgresDatabases): DatabaseStore {
  const made = ({ name, url }: { name: string; url: string }): MadeDatabase => ({
    target: { kind: 'postgres', url },
    remove: () => databases.drop(name),
  });
  return {
    kind: 'postgres',
    empty: async () => made(await databases.create('db')),
    copy: async ({ target }) => made(await databases.create('copy', postgresName(target))),
  };
}

function sqliteFile(target: DatabaseTarget): string {
  if (target.kind !== 'sqlite') throw new Error('a SQLite store copies SQLite templates only');
  return target.file;
}

function postgresName(target: DatabaseTarget): string {
  if (target.kind !== 'postgres') throw new Error('a PostgreSQL store copies PostgreSQL templates only');
  return new URL(target.url).pathname.slice(1);
}

/** Opens the database at `target` and brings its schema up to date, as the server does on start. */
export async function openMigrated(target: DatabaseTarget): Promise<Database> {
  const database = await openDatabase(target);
  await migrateToLatest(database.db);
  return database;
}

export interface TemplateOptions {
  /** Fills the migrated database; by default the repository's loadDataset (a scrypt hash per user). */
  load?: (repository: Repository, dataset: Dataset) => Promise<void>;
  /**
   * Users given a session each, in this order, as the login route makes them: as if each had signed
   * in once. A user named twice gets two sessions, as with two devices.
   */
  sessionsFor?: readonly string[];
}

export interface Template {
  readonly kind: DatabaseTarget['kind'];
  /** The change counter after loading: a device that synced everything is at this seq. */
  readonly seq: number;
  /** A bearer token for each user of `sessionsFor`, in its order. */
  readonly tokens: readonly string[];
  /** A new database of its own holding what the template holds. */
  copy(): Promise<MadeDatabase>;
  remove(): Promise<void>;
}

/** Loads `dataset` into a new database of `store`, which then serves as the template of copies. */
export async function makeTemplate(
  store: DatabaseStore,
  dataset: Dataset,
  options: TemplateOptions = {},
): Promise<Template> {
  const made = await store.empty();
  let filled: { seq: number; tokens: string[] };
  try {
    filled = await fill(made.target, dataset, options);
  } catch (error) {
    await made.remove();
    throw error;
  }
  return { kind: store.kind, ...filled, copy: () => store.copy(made), remove: () => made.remove() };
}

async function fill(target: DatabaseTarget, dataset: Dataset, options: TemplateOptions) {
  const database = await openMigrated(target);
  try {
    const repository = new Repository(database);
    await (options.load ?? ((into, data) => into.loadDataset(data)))(repository, dataset);
    const now = new Date();
    const tokens: string[] = [];
    for (const userId of options.sessionsFor ?? []) {
      const token = newSessionToken();
      await repository.createSession({
        tokenHash: hashToken(token),
        userId,
        createdAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + SESSION_DAYS * 86_400_000).toISOString(),
      });
      tokens.push(token);
    }
    const { v } = await database.db
      .selectFrom('sync_version')
      .select('v')
      .where('id', '=', 1)
      .executeTakeFirstOrThrow();
    return { seq: v, tokens };
  } finally {
    // SQLite: closing checkpoints the WAL into the file that is copied. PostgreSQL: a template must
    // have no connections when it is copied.
    await database.close();
  }
}
