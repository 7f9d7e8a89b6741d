// Opening the database. Everything dialect-specific lives here; the rest of the server speaks
// Kysely's portable query builder only.
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import {
  CompiledQuery,
  type DatabaseConnection,
  Kysely,
  PostgresDialect,
  type PostgresPool,
  type PostgresPoolClient,
  type SqliteDatabase,
  SqliteDialect,
  type SqliteDialectConfig,
  SqliteDriver,
  type SqliteStatement,
} from 'kysely';
import pg from 'pg';
import { checkpointInBackground } from './checkpointer';
import { LogSync } from './log-sync';
import type { Tables } from './tables';

export type DatabaseTarget =
  | {
      kind: 'sqlite';
      file: string;
      /** Checkpoints on a worker thread (checkpointer.ts), as the server runs; off by default. */
      backgroundCheckpoints?: boolean;
      /** Told when syncing the log failed (log-sync.ts); the server stops then. Logged by default. */
      onLogSyncFailure?: (error: unknown) => void;
    }
  | { kind: 'postgres'; url: string };

export interface Database {
  kind: DatabaseTarget['kind'];
  db: Kysely<Tables>;
  /**
   * Resolves once every commit made so far is on disk. No answer that reports or shows a write may
   * leave the server before: on SQLite commits are synced after they return (log-sync.ts).
   */
  whenDurable(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The target as a process opens it from the settings: a SQLite file by its absolute path, in a
 * directory made if missing (a new machine has none yet); PostgreSQL as it is.
 */
export function placedTarget<T extends DatabaseTarget>(target: T): T {
  if (target.kind !== 'sqlite') return target;
  const file = resolve(target.file);
  mkdirSync(dirname(file), { recursive: true });
  return { ...target, file };
}

export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  switch (target.kind) {
    case 'sqlite':
      return openSqlite(target.file, {
        backgroundCheckpoints: target.backgroundCheckpoints ?? false,
        onLogSyncFailure:
          target.onLogSyncFailure ?? ((error) => console.error('syncing the SQLite log failed', error)),
      });
    case 'postgres':
      return openPostgres(target.url);
  }
}

/** Connections per server process; several processes may share one PostgreSQL server. */
const POSTGRES_POOL_SIZE = 10;

function openPostgres(url: string): Database {
  const pool = new pg.Pool({ connectionString: url, max: POSTGRES_POOL_SIZE });
  // An idle connection the server ends (a restart, an administrator, a dropped database) is reported
  // here; without a listener it would end the process. The pool opens a new one when next asked.
  pool.on('error', (error) => console.error('an idle PostgreSQL connection ended', error.message));
  const db = new Kysely<Tables>({
    dialect: new PostgresDialect({ pool: preparingPool(pool) }),
  });
  // PostgreSQL's commit returns once its log is flushed (synchronous_commit on, its default).
  return { kind: 'postgres', db, whenDurable: () => Promise.resolve(), close: () => db.destroy() };
}

async function openSqlite(
  file: string,
  options: { backgroundCheckpoints: boolean; onLogSyncFailure: (error: unknown) => void },
): Promise<Database> {
  const connection = new SQLite(file);
  // WAL lets readers (another tool, a backup) run while the server writes; the busy timeout makes a
  // second process wait for the write lock instead of failing at once. NORMAL leaves the log's sync
  // to logSync, off the event loop; no answer leaves before it (log-sync.ts says why that is enough).
  connection.pragma('journal_mode = WAL');
  connection.pragma('synchronous = NORMAL');
  connection.pragma('busy_timeout = 5000');
  const log = await openLog(connection, file).catch((error: unknown) => {
    connection.close();
    throw error;
  });
  const logSync = new LogSync(() => log.datasync(), options.onLogSyncFailure);
  const checkpoints = options.backgroundCheckpoints ? checkpointInBackground(connection, file) : undefined;
  const db = new Kysely<Tables>({
    dialect: new ImmediateSqliteDialect({
      database: withStatementCache(connection, () => logSync.noteCommit()),
    }),
  });
  return {
    kind: 'sqlite',
    db,
    whenDurable: () => logSync.whenDurable(),
    async close() {
      // A sync still running uses the log's file, closed below. Its failure changes nothing here:
      // closing the connection checkpoints and syncs the database itself.
      await logSync.whenDurable().catch(() => undefined);
      await checkpoints?.stop();
      await db.destroy();
      await log.close();
    },
  };
}

/**
 * The write-ahead log's file, opened to sync it. SQLite keeps that file while any connection is open
 * (it deletes it when the last one closes), so this handle stays on the file SQLite writes. Its
 * directory entry is synced once: SQLite does that only on the log's first sync of its own, which
 * with NORMAL waits for a checkpoint.
 */
async function openLog(connection: SQLite.Database, file: string) {
  connection.prepare('SELECT count(*) FROM sqlite_schema').get(); // a first read creates the log
  const log = await open(`${file}-wal`, 'r');
  if (process.platform !== 'win32') {
    // Windows cannot open a directory as a file, and its directory entries are not cached this way.
    const directory = await open(dirname(file), 'r');
    await directory.sync().finally(() => directory.close());
  }
  return log;
}

/** Distinct statements a connection keeps prepared; more run unnamed (parsed and planned each time). */
const NAMED_STATEMENTS = 1000;

/**
 * Runs each statement that has parameters as a named prepared statement, so PostgreSQL parses and
 * plans the same SQL text once per connection instead of on every run. The server asks a few dozen
 * shapes over and over (the pulls, the push's reads and writes, the session check), and planning the
 * pull query cost more than running it: server.rush at K = 1,000 does 91 syncs a second with them,
 * 36 without.
 */
export function preparingPool(pool: pg.Pool): PostgresPool {
  const names = new Map<string, string>();
  const nameOf = (sql: string): string | undefined => {
    let name = names.get(sql);
    if (name === undefined && names.size < NAMED_STATEMENTS) {
      name = `tanfang_${createHash('sha256').update(sql).digest('hex').slice(0, 24)}`;
      names.set(sql, name);
    }
    return name;
  };
  return {
    async connect() {
      const client = await pool.connect();
      return {
        // Kysely passes a cursor only to stream results, which this server never does.
        query: ((sql: string, parameters: ReadonlyArray<unknown>) =>
          parameters.length === 0
            ? client.query(sql)
            : client.query({
                name: nameOf(sql),
                text: sql,
                values: [...parameters],
              })) as unknown as PostgresPoolClient['query'],
        release: (destroy?: boolean) => client.release(destroy),
      };
    },
    end: () => pool.end(),
  };
}

/**
 * SQLite's plain BEGIN takes the write lock only at the first write, so a transaction that reads
 * first can fail with SQLITE_BUSY when it tries to write. BEGIN IMMEDIATE takes the lock up front, as
 * the counter update does on PostgreSQL. Kysely already runs one transaction at a time on its single
 * connection; this guards against other processes on the same file.
 */
const CACHED_STATEMENTS = 500;

/**
 * Kysely's SQLite driver prepares each statement again on every call, and preparing took a tenth of
 * a busy server's time. The same SQL text gets the same prepared statement back (the oldest is
 * dropped past a bound). Safe because Kysely runs one query at a time on this connection and
 * never streams, so no statement is in use twice at once. Every statement the server runs passes
 * through here, so this is also where a commit is seen (`onCommit`, for log-sync.ts).
 */
export function withStatementCache(
  connection: SQLite.Database,
  onCommit: () => void = () => {},
): SqliteDatabase {
  const statements = new Map<string, SqliteStatement>();
  // A write's commit is when no transaction is open after it: at once for a write on its own, at the
  // COMMIT (or ROLLBACK, which costs a sync for nothing) for a write in a transaction.
  let uncommittedWrites = false;
  const afterRun = (writes: boolean) => {
    if (writes) uncommittedWrites = true;
    if (uncommittedWrites && !connection.inTransaction) {
      uncommittedWrites = false;
      onCommit();
    }
  };
  return {
    close: () => connection.close(),
    prepare(sql: string) {
      let statement = statements.get(sql);
      if (statement) {
        statements.delete(sql); // re-inserted below: the Map's order is the order of last use
      } else {
        statement = noticingWrites(connection.prepare(sql), afterRun);
        if (statements.size >= CACHED_STATEMENTS) {
          const oldest = statements.keys().next().value;
          if (oldest !== undefined) statements.delete(oldest);
        }
      }
      statements.set(sql, statement);
      return statement;
    },
  };
}

/** The statement, telling `afterRun` after each run whether it may have written (BEGIN and COMMIT do not). */
function noticingWrites(statement: SQLite.Statement, afterRun: (writes: boolean) => void): SqliteStatement {
  const writes = !statement.readonly;
  return {
    reader: statement.reader,
    all(parameters) {
      const rows = statement.all(parameters);
      afterRun(writes);
      return rows;
    },
    run(parameters) {
      const result = statement.run(parameters);
      afterRun(writes);
      return result;
    },
    iterate: (parameters) => statement.iterate(parameters),
  };
}

class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;

  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }

  override createDriver(): SqliteDriver {
    return new ImmediateSqliteDriver(this.#config);
  }
}

class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}
