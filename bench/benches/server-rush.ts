// server.rush: the end of a shift, when every worker syncs at once. K workers, each pushing a day's work
// (10 visits, and the 10 planned visits they close) and pulling what changed, against one server
// process, from a separate load process (rush-load.ts) over loopback: on its SQLite file, then on a
// PostgreSQL server started for the benchmark (BENCH_RUSH_DATABASES=sqlite or postgres for one).
// Floor: the database's raw insert of the same rows in one transaction.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { addDaysToDate, zhongshanInstant } from '../../seeds/dates';
import type { Checkpoint, PushRow } from '../../src/domain/api';
import { COLLECTIONS, type Schedule, type Visit } from '../../src/domain/schemas';
import type { Template } from '../../tests/support/databases';
import { PostgresDatabases, startPostgresServer } from '../../tests/support/postgres-server';
import { appBuild } from '../lib/app';
import { type RushWorker, rushDataset } from '../lib/datasets';
import { bySize, log, PROFILE_DIR, ROOT, RUNS, sizesFor } from '../lib/env';
import { type RawRow, rawInsertMs, rawInsertPostgresMs } from '../lib/floors';
import { type Line, quantile, round, type Sample, summarize } from '../lib/report';
import { removeDir, tempDir, trackChild } from '../lib/resources';
import { RUSH_STARTS } from '../lib/rush-protocol';
import { login, prepareDatabase, startServer } from '../lib/server';
import type { RushResult, RushSpec } from './rush-load';

const GOAL_P99_MS = 500;
/**
 * Worker syncs in flight at once. All K ask at the same moment; the load process lets this many sync
 * at a time (the rest wait for a slot, which wait_p99_ms includes). BENCH_RUSH_CONCURRENCY changes it.
 */
const DEFAULT_CONCURRENCY = 100;
const ELDERS_PER_WORKER = 3;
/**
 * Workers who sync before each rush (not measured), so the server runs as one that has served syncs
 * all day. With 3, syncs completed in the rush's first 1.5 s at a third of the rate of its end while
 * V8 compiled the server's hot paths, and that start made the slowest 1% of syncs.
 */
const WARMUP_WORKERS = bySize({ full: 300, quick: 300, smoke: 3 });

type RushDatabase = 'sqlite' | 'postgres';

const FLOOR_TEXT: Record<RushDatabase, string> = {
  sqlite: 'better-sqlite3 raw insert of the same rows in one transaction',
  postgres: 'PostgreSQL raw insert of the same rows in one transaction (INSERTs of 500 rows)',
};

function rushDatabases(): RushDatabase[] {
  const asked = (process.env.BENCH_RUSH_DATABASES ?? 'sqlite,postgres').split(',').map((s) => s.trim());
  const known = asked.filter((name): name is RushDatabase => name === 'sqlite' || name === 'postgres');
  if (known.length !== asked.length)
    throw new Error(`BENCH_RUSH_DATABASES: sqlite, postgres or both, not ${asked}`);
  return known;
}

export async function serverRush(): Promise<Line[]> {
  const lines: Line[] = [];
  for (const database of rushDatabases()) {
    if (database === 'sqlite') {
      lines.push(...(await rushOn(database, undefined)));
      continue;
    }
    log('server.rush: starting a PostgreSQL server...');
    const server = await startPostgresServer();
    const databases = new PostgresDatabases(server.url);
    try {
      lines.push(...(await rushOn(database, { databases, pid: server.pid() })));
    } finally {
      await databases.close();
      server.stop();
    }
  }
  return lines;
}

/** The PostgreSQL server of a rush on PostgreSQL: where its databases are made, and its postmaster. */
interface RushPostgres {
  databases: PostgresDatabases;
  pid: number;
}

async function rushOn(database: RushDatabase, postgres: RushPostgres | undefined): Promise<Line[]> {
  const sizes = sizesFor({
    full: [100, 500, 1_000],
    quick: [100, 500],
    smoke: [5],
  });
  const largest = Math.max(...sizes);
  log(
    `server.rush: a database of ${largest} workers and ${WARMUP_WORKERS} to warm the server up, ${ELDERS_PER_WORKER} elders each...`,
  );
  const rush = rushDataset(largest + WARMUP_WORKERS, ELDERS_PER_WORKER);
  const warmup = rush.workers.slice(largest);
  // One sign-in per worker, outside the measured window: sessions made as the login route makes them
  // (one scrypt hash shared by all, since hashing a thousand passwords takes minutes here).
  const sessionsFor = rush.workers.map((w) => w.user.id);
  const template = await prepareDatabase(rush.dataset, {
    shareHashes: true,
    sessionsFor,
    ...(postgres !== undefined && { postgres: postgres.databases }),
  });
  const tokens = new Map(sessionsFor.map((userId, i) => [userId, template.tokens[i] as string]));
  const staticDir = await appBuild();

  const lines: Line[] = [];
  for (const k of sizes) {
    const workers = [...rush.workers.slice(0, k), ...warmup];
    const work = workers.map((worker, index) => daysWork(worker, rush.sampleVisits, rush.today, index));
    const concurrency = Math.min(k, Number(process.env.BENCH_RUSH_CONCURRENCY) || DEFAULT_CONCURRENCY);
    const samples: Sample[] = [];
    const errorSamples: string[] = [];
    const rushOnce = (profileName?: string) =>
      runOnce(template, tokens, staticDir, workers, work, concurrency, postgres, profileName);
    for (let run = 0; run < RUNS; run++) {
      const { sample, result } = await rushOnce();
      errorSamples.push(...result.errorSamples);
      log(
        `server.rush ${database} K=${k} run ${run + 1}: ${sample.ours.toFixed(0)} ms for all, p99 ${sample.extra?.p99_ms?.toFixed(0)} ms, ${result.errors} errors`,
      );
      samples.push(sample);
    }
    if (PROFILE_DIR) await rushOnce(`server.rush-${database}-${k}`);
    const line = summarize(samples);
    lines.push({
      bench: 'server.rush',
      database,
      n: k,
      concurrency,
      ...line,
      rows: k * 20,
      ...(errorSamples.length > 0 && { error_samples: [...new Set(errorSamples)].slice(0, 5) }),
      goal: {
        p99_ms: GOAL_P99_MS,
        errors: 0,
        met: (line.errors ?? 1) === 0 && (line.p99_ms ?? Infinity) < GOAL_P99_MS,
      },
      ours: 'ms from the rush start until the last worker is in sync (all K ask at once)',
      floor: FLOOR_TEXT[database],
    });
  }
  return lines;
}

interface DaysWork {
  token: string;
  checkpoints: Record<string, Checkpoint | null>;
  visits: PushRow<Visit>[];
  schedules: PushRow<Schedule>[];
}

/** Ten visits, each closing one of the worker's planned visits, as the app's visit form writes them. */
function daysWork(
  worker: RushWorker,
  samples: readonly Visit[],
  today: string,
  index: number,
): Pick<DaysWork, 'visits' | 'schedules'> {
  const stamp = new Date().toISOString();
  const visits: PushRow<Visit>[] = [];
  const schedules: PushRow<Schedule>[] = [];
  worker.planned.slice(0, 10).forEach((planned, j) => {
    const elder = worker.elders.find((e) => e.id === planned.elderId);
    const sample = samples[(index * 10 + j) % samples.length];
    if (!elder || !sample) throw new Error('server.rush: a planned visit without its elder');
    const minute = 8 * 60 + j * 30;
    const visit: Visit = {
      ...sample,
      id: uuidv7(),
      elderId: elder.id,
      town: elder.town,
      workerId: worker.user.id,
      scheduleId: planned.id,
      // Yesterday's morning: a visit may not start in the future (src/domain/plausible.ts), and
      // today's morning is still ahead when the bench runs early in the day.
      startedAt: zhongshanInstant(addDaysToDate(today, -1), minute),
      endedAt: zhongshanInstant(addDaysToDate(today, -1), minute + 25),
      fieldTimes: {},
      updatedAt: stamp,
      updatedBy: worker.user.id,
      _deleted: false,
    };
    visits.push({ newDocumentState: visit, assumedMasterState: null });
    const done: Schedule = {
      ...planned,
      status: 'done',
      visitId: visit.id,
      fieldTimes: { ...planned.fieldTimes, status: stamp, visitId: stamp },
      updatedAt: stamp,
      updatedBy: worker.user.id,
    };
    schedules.push({ newDocumentState: done, assumedMasterState: planned });
  });
  return { visits, schedules };
}

async function runOnce(
  template: Template,
  /** Each worker's session token, by user id. */
  tokens: ReadonlyMap<string, string>,
  staticDir: string,
  workers: readonly RushWorker[],
  work: ReadonlyArray<Pick<DaysWork, 'visits' | 'schedules'>>,
  concurrency: number,
  postgres: RushPostgres | undefined,
  profileName?: string,
): Promise<{ sample: Sample; result: RushResult }> {
  const server = await startServer({
    template,
    staticDir,
    ...(profileName && PROFILE_DIR && { cpuProfileDir: join(PROFILE_DIR, `${profileName}-server`) }),
  });
  const dir = tempDir('rush');
  try {
    // Every device synced everything before the shift: it has seen every change up to the template's
    // counter (the id sorts after every UUID, so all of that seq is behind it too).
    const seenAll: Checkpoint = { seq: template.seq, id: 'ffffffff-ffff-ffff-ffff-ffffffffffff' };
    const spec: RushSpec = {
      baseUrl: server.url,
      concurrency,
      // A push and a pull a worker (a page of each collection here); ten times that is a runaway.
      maxRequests: workers.length * 2 * 10,
      deadlineMs: 60_000 + workers.length * 200,
      pullLimit: 200,
      collections: [...COLLECTIONS],
      ...splitWarmup(
        workers.map((worker, i) => ({
          token: tokens.get(worker.user.id) as string,
          checkpoints: Object.fromEntries(COLLECTIONS.map((c) => [c, seenAll])),
          ...(work[i] as Pick<DaysWork, 'visits' | 'schedules'>),
        })),
      ),
    };
    // The sessions were made directly: check that the real sign-in works with these credentials.
    const someone = workers[0];
    if (someone) await login(server.url, someone.user.username, someone.user.password);
    const specFile = join(dir, 'spec.json');
    writeFileSync(specFile, JSON.stringify(spec));
    let serverCpuAtRush = 0;
    let databaseCpuAtRush = 0;
    const databaseCpuMs = () => (postgres === undefined ? 0 : processTreeCpuMs(postgres.pid));
    const result = await runLoad(specFile, () => {
      serverCpuAtRush = processCpuMs(server.pid);
      databaseCpuAtRush = databaseCpuMs();
    });
    const serverCpuMs = processCpuMs(server.pid) - serverCpuAtRush;
    const rushDatabaseCpuMs = databaseCpuMs() - databaseCpuAtRush;
    const rows: RawRow[] = work
      .slice(0, -WARMUP_WORKERS)
      .flatMap((w) => [
        ...w.visits.map((r) => ({ collection: 'visits' as const, doc: r.newDocumentState })),
        ...w.schedules.map((r) => ({ collection: 'schedules' as const, doc: r.newDocumentState })),
      ]);
    const floor = postgres ? await rawInsertPostgresMs(rows, postgres.databases) : rawInsertMs(rows);
    return {
      result,
      sample: {
        ours: result.makespanMs,
        floor,
        extra: {
          syncs_per_s: (result.latencies.length / result.makespanMs) * 1000,
          p50_ms: quantile(result.latencies, 0.5),
          p95_ms: quantile(result.latencies, 0.95),
          p99_ms: quantile(result.latencies, 0.99),
          wait_p99_ms: quantile(result.finishes, 0.99),
          push_p50_ms: quantile(result.pushMs, 0.5),
          push_p99_ms: quantile(result.pushMs, 0.99),
          pull_p50_ms: quantile(result.pullMs, 0.5),
          pull_p99_ms: quantile(result.pullMs, 0.99),
          errors: result.errors,
          requests: result.requests,
          floor_rows_per_s: round((rows.length / floor) * 1000, 0),
          // CPU per worker sync during the rush (the server's is read when the load process says it
          // starts, so it may include a few ms of the warm-up's end).
          server_cpu_ms_per_sync: round(serverCpuMs / result.latencies.length, 2),
          load_cpu_ms_per_sync: round(result.cpuMs / result.latencies.length, 2),
          // The answers' bodies as sent (compressed when the server compressed them).
          answer_bytes_per_sync: round(result.answerBytes / result.latencies.length, 0),
          // PostgreSQL's own processes (the postmaster and its children), which share the cores.
          ...(postgres !== undefined && {
            database_cpu_ms_per_sync: round(rushDatabaseCpuMs / result.latencies.length, 2),
          }),
        },
      },
    };
  } finally {
    removeDir(dir);
    await server.stop();
  }
}

function splitWarmup(all: DaysWork[]): { workers: DaysWork[]; warmup: DaysWork[] } {
  return { workers: all.slice(0, -WARMUP_WORKERS), warmup: all.slice(-WARMUP_WORKERS) };
}

/** CPU time (user and system) a process has used so far, from /proc (Linux; clock ticks of 10 ms). */
function processCpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  // After the command name: utime and stime are fields 14 and 15 of stat(5), here 11 and 12 from 0.
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/**
 * CPU time of a process and its children so far. A child that exited during the measurement takes its
 * time with it, so this can only undercount (PostgreSQL's backends live as long as the server's pool).
 */
function processTreeCpuMs(pid: number): number {
  let total = processCpuMs(pid);
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
      // After the command name, the parent's id is field 4 of stat(5), here 1 from 0.
      if (Number(stat[1]) === pid) total += processCpuMs(Number(entry));
    } catch {
      // The process ended while the list was read.
    }
  }
  return total;
}

/** Runs the load process; calls `onRush` when its warm-up is over and the rush starts. */
function runLoad(specFile: string, onRush: () => void): Promise<RushResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(ROOT, 'bench/benches/rush-load.ts'), specFile],
      {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    trackChild(child);
    let out = '';
    let err = '';
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString();
      if (out.startsWith(`${RUSH_STARTS}\n`)) {
        out = out.slice(RUSH_STARTS.length + 1);
        onRush();
      }
    });
    child.stderr?.on('data', (c: Buffer) => {
      err += c.toString();
    });
    child.once('exit', (code) => {
      if (code !== 0) reject(new Error(`the load process exited with ${code}: ${err.slice(0, 2000)}`));
      else resolve(JSON.parse(out) as RushResult);
    });
  });
}
