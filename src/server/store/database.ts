// Opening the database. Everything dialect-specific lives here; the rest of the server speaks
// Kysely's portable query builder only.
import { createHash } from 'node:crypto';
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
} from 'kysely';
import pg from 'pg';
import { checkpointInBackground } from './checkpointer';
import type { Tables } from './tables';

export type DatabaseTarget =
  | {
      kind: 'sqlite';
      file: string;
      /** Checkpoints on a worker thread (checkpointer.ts), as the server runs; off by default. */
      backgroundCheckpoints?: boolean;
    }
  | { kind: 'postgres'; url: string };

export interface Database {
  kind: DatabaseTarget['kind'];
  db: Kysely<Tables>;
  close(): Promise<void>;
}

export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  switch (target.kind) {
    case 'sqlite':
      return openSqlite(target.file, target.backgroundCheckpoints ?? false);
    case 'postgres':
      return openPostgres(target.url);
  }
}

/** Connections per server process; several processes may share one PostgreSQL server. */
const POSTGRES_POOL_SIZE = 10;

function openPostgres(url: string): Database {
  const pool = new pg.Pool({ connectionString: url, max: POSTGRES_POOL_SIZE });
  const db = new Kysely<Tables>({
    dialect: new PostgresDialect({ pool: preparingPool(pool) }),
  });
  return { kind: 'postgres', db, close: () => db.destroy() };
}

function openSqlite(file: string, backgroundCheckpoints: boolean): Database {
  const connection = new SQLite(file);
  // WAL lets readers (another tool, a backup) run while the server writes; the busy timeout makes a
  // second process wait for the write lock instead of failing at once. FULL syncs the log on every
  // commit, so a push is on disk before it is answered: with NORMAL a power cut could take back the
  // last commits, which devices then never send again (an answered push is done for them), and the
  // change counter would hand their seqs again to changes that devices past them never pull.
  connection.pragma('journal_mode = WAL');
  connection.pragma('synchronous = FULL');
  connection.pragma('busy_timeout = 5000');
  const checkpoints = backgroundCheckpoints ? checkpointInBackground(connection, file) : undefined;
  const db = new Kysely<Tables>({
    dialect: new ImmediateSqliteDialect({ database: withStatementCache(connection) }),
  });
  return {
    kind: 'sqlite',
    db,
    async close() {
      await checkpoints?.stop();
      await db.destroy();
    },
  };
}

/** Distinct statements a connection keeps prepared; more run unnamed (parsed and planned each time). */
const NAMED_STATEMENTS = 1000;

/**
 * Runs each statement that has parameters as a named prepared statement, so PostgreSQL parses and
 * plans the same SQL text once per connection instead of on every run. The server asks a few dozen
 * shapes over and over (the pulls, the push's reads and writes, the session check), and planning the
 * pull query cost more than running it: server.rush at K = 1,000 went from 36 to 91 syncs a second.
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
 * never streams, so no statement is in use twice at once.
 */
export function withStatementCache(connection: SQLite.Database): SqliteDatabase {
  const statements = new Map<string, SQLite.Statement>();
  return {
    close: () => connection.close(),
    prepare(sql: string) {
      let statement = statements.get(sql);
      if (statement) {
        statements.delete(sql); // re-inserted below: the Map's order is the order of last use
      } else {
        statement = connection.prepare(sql);
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
