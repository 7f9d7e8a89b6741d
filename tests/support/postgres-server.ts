// A real PostgreSQL server for tests and benchmarks, started from the machine's PostgreSQL binaries
// (.ci/run installs them with apt) in a temporary directory. As vitest's global setup it runs for the
// whole test run: tests get its URL with inject('postgresUrl') and make a database of their own in it.
// PostgreSQL refuses to run as root, so as root the server runs as the package's postgres user.
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { freePort } from './ports';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}

const PG_ROOT = '/usr/lib/postgresql';

function postgresBin(): string {
  const versions = existsSync(PG_ROOT)
    ? readdirSync(PG_ROOT)
        .filter((name) => existsSync(join(PG_ROOT, name, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  const newest = versions[0];
  if (newest === undefined) {
    throw new Error(
      `no PostgreSQL server binaries under ${PG_ROOT}: install them (apt-get install postgresql; .ci/run does)`,
    );
  }
  return join(PG_ROOT, newest, 'bin');
}

export interface PostgresServer {
  /** postgres://tanfang@127.0.0.1:PORT/postgres (trust authentication, so no password). */
  url: string;
  /** The postmaster's process id; the server's other processes are its children. */
  pid(): number;
  stop(): void;
}

export default async function startForTests(project: TestProject): Promise<() => void> {
  const server = await startPostgresServer();
  project.provide('postgresUrl', server.url);
  return () => server.stop();
}

/** Starts a new PostgreSQL server on a free port, for this process to stop. */
export async function startPostgresServer(): Promise<PostgresServer> {
  const bin = postgresBin();
  const dir = mkdtempSync(join(tmpdir(), 'tanfang-pg-'));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(dir, uid, gid);
  }
  const run = (tool: string, args: string[]) => {
    const command = asRoot ? 'runuser' : join(bin, tool);
    const fullArgs = asRoot ? ['-u', 'postgres', '--', join(bin, tool), ...args] : args;
    execFileSync(command, fullArgs, { stdio: ['ignore', 'ignore', 'pipe'] });
  };
  const data = join(dir, 'data');
  const port = await freePort();
  // C collation: the change feed pages by text ids, compared byte by byte as on SQLite.
  run('initdb', ['-D', data, '-U', 'tanfang', '--auth=trust', '-E', 'UTF8', '--locale=C']);
  // fsync off: the tests check behaviour, not durability, and make many databases.
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300`;
  run('pg_ctl', ['-D', data, '-o', options, '-l', join(dir, 'log'), '-w', 'start']);
  return {
    url: `postgres://tanfang@127.0.0.1:${port}/postgres`,
    pid: () => Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]),
    stop() {
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/**
 * Databases made on a PostgreSQL server through its admin URL: new ones or copies of a template,
 * named uniquely across the processes sharing the server, and dropped together at the end.
 */
export class PostgresDatabases {
  readonly #admin: pg.Pool;
  readonly #made = new Set<string>();
  #counter = 0;

  constructor(readonly adminUrl: string) {
    this.#admin = new pg.Pool({ connectionString: adminUrl, max: 2 });
  }

  /** A new database, a copy of `template` when given (which must have no connections); its name and URL. */
  async create(prefix: string, template?: string): Promise<{ name: string; url: string }> {
    this.#counter += 1;
    const name = `${prefix}_${process.pid}_${this.#counter}`;
    await this.#admin.query(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`);
    this.#made.add(name);
    const url = new URL(this.adminUrl);
    url.pathname = `/${name}`;
    return { name, url: url.toString() };
  }

  /** Drops a database made here, closing whatever connections it still has. */
  async drop(name: string): Promise<void> {
    await this.#admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    this.#made.delete(name);
  }

  /** Drops every database made here and closes the admin connections. */
  async close(): Promise<void> {
    for (const name of [...this.#made]) await this.drop(name);
    await this.#admin.end();
  }
}
