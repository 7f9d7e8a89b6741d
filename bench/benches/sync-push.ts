// sync.push: visits recorded offline, then synced, until the server has them all. The client is the
// app's own code (openDatabase, recordVisit, startSync with httpTransport and createApiClient) run in
// Node on RxDB's memory storage, against the real server over HTTP. Floor: the same visits POSTed to
// /api/sync/visits/push in batches of the API's maximum; and, below that, better-sqlite3's raw insert
// of the same rows in one transaction.
import { join } from 'node:path';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { v7 as uuidv7 } from 'uuid';
import { addDaysToDate, zhongshanInstant } from '../../seeds/dates';
import { createApiClient } from '../../src/app/api/client';
import { openDatabase, type TanfangDatabase } from '../../src/app/db/database';
import { recordVisit, type VisitDraft } from '../../src/app/db/store';
import { SyncJournal, type SyncReceipt } from '../../src/app/sync/journal';
import { type SyncController, type SyncOptions, startSync } from '../../src/app/sync/replication';
import { httpTransport } from '../../src/app/sync/transport';
import { MAX_PUSH_ROWS } from '../../src/domain/api';
import type { User, Visit } from '../../src/domain/schemas';
import type { Template } from '../../tests/support/databases';
import { appBuild } from '../lib/app';
import { type Caseload, caseload } from '../lib/datasets';
import { bySize, log, PROFILE_DIR, RUNS } from '../lib/env';
import { rawInsertMs } from '../lib/floors';
import { type Line, round, type Sample, summarize } from '../lib/report';
import { login, prepareDatabase, startServer, storedDocuments } from '../lib/server';

export async function syncPush(): Promise<Line[]> {
  const visits = bySize({ full: 500, quick: 500, smoke: 20 });
  const data = caseload({ elders: bySize({ full: 50, quick: 50, smoke: 5 }) });
  const template = await prepareDatabase(data.dataset);
  const staticDir = await appBuild();
  const samples: Sample[] = [];
  for (let run = 0; run < RUNS; run++) {
    const sample = await runOnce(data, template, staticDir, visits, run);
    log(
      `sync.push n=${visits} run ${run + 1}: ours ${sample.ours.toFixed(0)} ms, floor ${sample.floor.toFixed(0)} ms`,
    );
    samples.push(sample);
  }
  if (PROFILE_DIR) await runOnce(data, template, staticDir, visits, RUNS, true);
  const line = summarize(samples);
  return [
    {
      bench: 'sync.push',
      n: visits,
      ...line,
      server_ratio: round((line.floor_ms ?? 0) / (line.raw_insert_ms ?? 1), 1),
      client: "the app's replication in Node on RxDB's memory storage (not the browser's IndexedDB)",
      floor: `POST of the same visits to /api/sync/visits/push, ${MAX_PUSH_ROWS} rows a request; raw_insert_ms: better-sqlite3 insert of the same rows in one transaction`,
    },
  ];
}

async function runOnce(
  data: Caseload,
  template: Template,
  staticDir: string,
  count: number,
  run: number,
  profile = false,
): Promise<Sample> {
  const server = await startServer({
    template,
    staticDir,
    ...(profile && PROFILE_DIR && { cpuProfileDir: join(PROFILE_DIR, `sync.push-${count}-server`) }),
  });
  let db: TanfangDatabase | undefined;
  try {
    const { token, user } = await login(server.url, data.worker.username, data.worker.password);
    const wire = { requests: 0, bytes: 0 };
    const countingFetch: typeof fetch = async (input, init) => {
      wire.requests++;
      // Bodies as sent: JSON text, or gzipped bytes (src/app/api/gzipBody.ts).
      if (typeof init?.body === 'string') wire.bytes += Buffer.byteLength(init.body);
      else if (init?.body instanceof Uint8Array) wire.bytes += init.body.byteLength;
      const response = await fetch(input, init);
      const length = Number(response.headers.get('content-length') ?? 0);
      wire.bytes += length;
      return response;
    };
    const api = createApiClient({ baseUrl: server.url, getToken: () => token, fetch: countingFetch });
    const journal = new SyncJournal();
    db = await openDatabase({
      name: `benchpush${Date.now().toString(36)}r${run}`,
      storage: getRxStorageMemory(),
      multiInstance: false,
      conflicts: { actorId: user.id, journal },
    });
    const options: SyncOptions = {
      db,
      journal,
      transport: httpTransport(api),
      identifier: user.id,
      isOnline: () => true,
      retryTimeMs: 1_000,
    };

    // Signed in and synced once (online), then the signal goes.
    const first = await startAndAwaitFirstRun(options);
    await first.controller.stop();

    // The day's visits, recorded with no sync running.
    const elders = await db.elders.find().exec();
    const recordStarted = performance.now();
    const recorded: Visit[] = [];
    for (let i = 0; i < count; i++) {
      const elder = elders[i % elders.length];
      const sample = data.dataset.visits[i % data.dataset.visits.length];
      if (!elder || !sample) throw new Error('sync.push: the worker has no elders or visits to copy');
      recorded.push(await recordVisit(db, user.id, draftFrom(sample, elder.id, data.today, i)));
    }
    const recordMs = performance.now() - recordStarted;
    wire.requests = 0;
    wire.bytes = 0;

    // The signal is back: sync until the server has them all.
    const started = performance.now();
    const second = await startAndAwaitFirstRun(options);
    const ours = performance.now() - started;
    await second.controller.stop();
    if (second.receipt.error !== null) throw new Error(`sync.push: the sync failed: ${second.receipt.error}`);
    if (server.databaseFile === undefined) throw new Error('sync.push runs on a SQLite file');
    const stored = storedDocuments(
      server.databaseFile,
      'visits',
      recorded.map((v) => v.id),
    ).length;
    if (stored !== count) throw new Error(`sync.push: the server has ${stored} of the ${count} visits`);
    const oursWire = { ...wire };

    // Floor: the same visits (new ids, so they are new to the server too) in as few POSTs as allowed.
    const copies = recorded.map((visit) => ({ ...visit, id: uuidv7() }));
    const bodies: string[] = [];
    for (let start = 0; start < copies.length; start += MAX_PUSH_ROWS) {
      const rows = copies
        .slice(start, start + MAX_PUSH_ROWS)
        .map((v) => ({ newDocumentState: v, assumedMasterState: null }));
      bodies.push(JSON.stringify(rows));
    }
    const postStarted = performance.now();
    for (const body of bodies) {
      const response = await fetch(`${server.url}/api/sync/visits/push`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body,
      });
      const conflicts = (await response.json()) as unknown[];
      if (!response.ok || conflicts.length > 0) throw new Error(`sync.push floor: HTTP ${response.status}`);
    }
    const post = performance.now() - postStarted;
    const raw = rawInsertMs(copies.map((doc) => ({ collection: 'visits', doc })));
    return {
      ours,
      floor: post,
      extra: {
        raw_insert_ms: raw,
        ratio_raw: ours / raw,
        record_ms: recordMs,
        wire_bytes: oursWire.bytes,
        requests: oursWire.requests,
        floor_wire_bytes: bodies.reduce((sum, b) => sum + Buffer.byteLength(b), 0),
      },
    };
  } finally {
    if (db && !db.closed) await db.remove();
    await server.stop();
  }
}

async function startAndAwaitFirstRun(
  options: SyncOptions,
): Promise<{ controller: SyncController; receipt: SyncReceipt }> {
  let resolveRun: (receipt: SyncReceipt) => void = () => undefined;
  const firstRun = new Promise<SyncReceipt>((resolve) => {
    resolveRun = resolve;
  });
  const controller = startSync({ ...options, onSynced: (receipt) => resolveRun(receipt) });
  const timeout = new Promise<never>((_, reject) =>
    setTimeout(() => reject(new Error('sync.push: no sync finished within 120 s')), 120_000).unref(),
  );
  const receipt = await Promise.race([firstRun, timeout]);
  return { controller, receipt };
}

function draftFrom(sample: Visit, elderId: string, today: string, i: number): VisitDraft {
  const {
    id: _id,
    updatedAt: _u,
    updatedBy: _b,
    _deleted: _d,
    workerId: _w,
    town: _t,
    fieldTimes: _f,
    ...draft
  } = sample;
  const minute = 8 * 60 + (i % 540);
  // Yesterday's working hours: a visit may not start in the future (src/domain/plausible.ts), and
  // today's 08:00-17:00 is still ahead when the bench runs in the morning.
  const day = addDaysToDate(today, -1);
  return {
    ...draft,
    elderId,
    scheduleId: null,
    startedAt: zhongshanInstant(day, minute),
    endedAt: zhongshanInstant(day, minute + 30),
  };
}

export type { User };
