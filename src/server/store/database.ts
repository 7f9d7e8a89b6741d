// Opening the database. Everything dialect-specific lives here; the rest of the server speaks
// Kysely's portable query builder only.
import SQLite from 'better-sqlite3';
import {
  CompiledQuery,
  type DatabaseConnection,
  Kysely,
  PostgresDialect,
  type SqliteDatabase,
  SqliteDialect,
  type SqliteDialectConfig,
  SqliteDriver,
} from 'kysely';
import pg from 'pg';
import type { Tables } from './tables';

export type DatabaseTarget = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };

export interface Database {
  kind: DatabaseTarget['kind'];
  db: Kysely<Tables>;
  close(): Promise<void>;
}

export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  switch (target.kind) {
    case 'sqlite':
      return openSqlite(target.file);
    case 'postgres':
      return openPostgres(target.url);
  }
}

/** Connections per server process; several processes may share one PostgreSQL server. */
const POSTGRES_POOL_SIZE = 10;

function openPostgres(url: string): Database {
  const pool = new pg.Pool({ connectionString: url, max: POSTGRES_POOL_SIZE });
  const db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) });
  return { kind: 'postgres', db, close: () => db.destroy() };
}

function openSqlite(file: string): Database {
  const connection = new SQLite(file);
  // WAL lets readers (another tool, a backup) run while the server writes; the busy timeout makes a
  // second process wait for the write lock instead of failing at once.
  connection.pragma('journal_mode = WAL');
  connection.pragma('synchronous = NORMAL');
  connection.pragma('busy_timeout = 5000');
  const db = new Kysely<Tables>({
    dialect: new ImmediateSqliteDialect({ database: withStatementCache(connection) }),
  });
  return { kind: 'sqlite', db, close: () => db.destroy() };
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
