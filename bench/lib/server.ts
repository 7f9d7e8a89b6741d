// The benchmarks' server: their dataset in a template made with the tests' harness
// (tests/support/databases.ts) in the benchmark's own temp dirs, and the real server as a separate
// process (`node --import tsx src/server/main.ts`, as deployed) on a copy of it, so that the figures
// include HTTP and the server has a process of its own to profile.
import { type ChildProcess, spawn } from 'node:child_process';
import SQLite from 'better-sqlite3';
import type { Dataset } from '../../src/domain/dataset';
import type { CollectionName, User } from '../../src/domain/schemas';
import { hashPassword } from '../../src/server/auth/password';
import { writeDocuments } from '../../src/server/store/documents';
import type { Repository } from '../../src/server/store/repository';
import { writeTransaction } from '../../src/server/store/write-transaction';
import {
  makeTemplate,
  postgresStore,
  sqliteStore,
  type TempDirs,
  type Template,
} from '../../tests/support/databases';
import { freePort } from '../../tests/support/ports';
import type { PostgresDatabases } from '../../tests/support/postgres-server';
import { log, ROOT, TIME_ZONE } from './env';
import { removeDir, stopChild, tempDir, trackChild } from './resources';

export interface PrepareOptions {
  /**
   * Hash each distinct password once and store that hash for every user who has it. For datasets of
   * many users (server.rush): scrypt costs ~100-200 ms a hash here. Otherwise the repository's own
   * loadDataset, which hashes every password.
   */
  shareHashes?: boolean;
  /** Users to give a session now (`tokens` in this order), as if each had signed in once. */
  sessionsFor?: readonly string[];
  /** Make the template a database on this PostgreSQL server instead of a SQLite file. */
  postgres?: PostgresDatabases;
}

/** The benchmarks' temp dirs: under BENCH_TMPDIR when set, and removed if the run is interrupted. */
const benchDirs: TempDirs = { make: tempDir, remove: removeDir };

/**
 * Loads `dataset` through the server's store into a new SQLite file (closed, WAL checkpointed) or,
 * with `postgres`, a new PostgreSQL database that each run copies.
 */
export function prepareDatabase(dataset: Dataset, options: PrepareOptions = {}): Promise<Template> {
  const store = options.postgres ? postgresStore(options.postgres) : sqliteStore(benchDirs);
  return makeTemplate(store, dataset, {
    ...(options.shareHashes && { load: loadSharingHashes }),
    ...(options.sessionsFor && { sessionsFor: options.sessionsFor }),
  });
}

/** The repository's loadDataset, with one scrypt hash per distinct password. */
async function loadSharingHashes(repository: Repository, dataset: Dataset): Promise<void> {
  await repository.loadDataset({ ...dataset, users: [] });
  const { users } = dataset;
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
  const copy = await options.template.copy();
  const databaseFile = copy.target.kind === 'sqlite' ? copy.target.file : undefined;
  const databaseEnv: Record<string, string> =
    copy.target.kind === 'sqlite' ? { DATABASE_FILE: copy.target.file } : { DATABASE_URL: copy.target.url };
  const profiling = options.cpuProfileDir ? ['--cpu-prof', '--cpu-prof-dir', options.cpuProfileDir] : [];
  // A free port is only free when probed: the benchmarks that run at once (the smoke test runs all
  // of them) and their floors' own servers may take it before this server listens. Such a start is
  // tried again on another port; any other failure is reported as it is.
  let started: { child: ChildProcess; port: number } | undefined;
  for (let attempt = 1; !started; attempt++) {
    const port = await freePort();
    try {
      started = {
        child: await spawnServer(port, { ...databaseEnv, DATA_DIR: dataDir }, options, profiling),
        port,
      };
    } catch (error) {
      if (attempt >= 3 || !String(error).includes('EADDRINUSE')) throw error;
      log(`the server's port ${port} was taken before it listened; trying another`);
    }
  }
  const { child, port } = started;
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
      await stopChild(child, 15_000);
      removeDir(dataDir);
      await copy.remove();
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

/**
 * The documents of `collection` with these ids that the server's SQLite file holds, parsed; read-only,
 * as an operator would look.
 */
export function storedDocuments(file: string, collection: CollectionName, ids: readonly string[]): unknown[] {
  const db = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    const docs: unknown[] = [];
    for (let start = 0; start < ids.length; start += 500) {
      const chunk = ids.slice(start, start + 500);
      const rows = db
        .prepare(
          `SELECT doc FROM documents WHERE collection = ? AND id IN (${chunk.map(() => '?').join(',')})`,
        )
        .all(collection, ...chunk) as { doc: string }[];
      docs.push(...rows.map((row) => JSON.parse(row.doc) as unknown));
    }
    return docs;
  } finally {
    db.close();
  }
}

/** Starts `src/server/main.ts` on `port`; resolves once it says it is running. */
async function spawnServer(
  port: number,
  env: Record<string, string>,
  options: StartOptions,
  profiling: string[],
): Promise<ChildProcess> {
  const child = spawn(process.execPath, [...profiling, '--import', 'tsx', 'src/server/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      ...env,
      STATIC_DIR: options.staticDir,
      TZ: TIME_ZONE,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  trackChild(child);
  let output = '';
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
  return child;
}
