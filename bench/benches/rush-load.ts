// The load process of server.rush, run as its own Node process: `node --import tsx rush-load.ts SPEC`.
// Every worker of the spec syncs once (pushes the day's visits and schedule changes, then pulls every
// collection from where its device stood), at most `concurrency` workers at a time, over HTTP on
// loopback. It stops by itself: after the last worker, at `maxRequests` requests, or at the deadline.
// Prints one JSON object (RushResult) on stdout.
import { setMaxListeners } from 'node:events';
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
// Types only (erased at run time): the load speaks the API's own contract.
import type {
  Checkpoint,
  PullBatchRequest,
  PullBatchResponse,
  PushBatchResponse,
  PushPart,
} from '../../src/domain/api';
import type { CollectionName } from '../../src/domain/schemas';
import { RUSH_STARTS } from '../lib/rush-protocol';

export interface RushSpec {
  baseUrl: string;
  concurrency: number;
  maxRequests: number;
  deadlineMs: number;
  pullLimit: number;
  collections: CollectionName[];
  /** Synced before the rush, as many at a time as in it, so the server is warm (JIT, caches) as after a day's work. */
  warmup: WorkerSync[];
  workers: WorkerSync[];
}

interface WorkerSync {
  token: string;
  /** Per collection, where this worker's device stood after its last sync (null: never pulled). */
  checkpoints: Record<string, Checkpoint | null>;
  visits: unknown[];
  schedules: unknown[];
}

export interface RushResult {
  /** Per finished worker: ms from the start of its sync to its end. */
  latencies: number[];
  /** Per finished worker: ms from the start of the rush (everyone asks at once) to its end. */
  finishes: number[];
  makespanMs: number;
  /** Per request, ms from sending to the whole answer read. */
  pushMs: number[];
  pullMs: number[];
  requests: number;
  /** Bytes of the answers' bodies as they came over the wire (compressed or not), rush only. */
  answerBytes: number;
  errors: number;
  errorSamples: string[];
  /** CPU time (user and system) this load process spent during the rush. */
  cpuMs: number;
}

async function main(specFile: string): Promise<RushResult> {
  const spec = JSON.parse(readFileSync(specFile, 'utf8')) as RushSpec;
  const result: RushResult = {
    latencies: [],
    finishes: [],
    makespanMs: 0,
    pushMs: [],
    pullMs: [],
    requests: 0,
    answerBytes: 0,
    errors: 0,
    errorSamples: [],
    cpuMs: 0,
  };
  const stop = new AbortController();
  // Every request listens to this one signal.
  setMaxListeners(0, stop.signal);
  let failedWorkers = 0;
  const fail = (message: string) => {
    result.errors++;
    if (result.errorSamples.length < 5) result.errorSamples.push(message);
  };

  async function call(path: string, token: string, body?: string): Promise<unknown> {
    if (++result.requests > spec.maxRequests) {
      stop.abort();
      throw new Error('the bound on requests was reached');
    }
    const sent = performance.now();
    const response = await send(spec.baseUrl + path, token, body, stop.signal);
    result.answerBytes += response.wireBytes;
    const text = response.text;
    (path.endsWith('/push') ? result.pushMs : result.pullMs).push(performance.now() - sent);
    if (response.status !== 200) throw new Error(`${path}: HTTP ${response.status} ${text.slice(0, 200)}`);
    return JSON.parse(text);
  }

  /** As the app pushes what it changed in several collections at once: in one request (POST /api/sync/push). */
  async function push(token: string, pushes: PushPart[]): Promise<void> {
    const answer = (await call('/api/sync/push', token, JSON.stringify({ pushes }))) as PushBatchResponse;
    for (const [index, { collection }] of pushes.entries()) {
      const part = answer.pushes[index];
      if (part === undefined) throw new Error(`no answer for ${collection}`);
      if ('error' in part) throw new Error(`${collection}: HTTP ${part.status} ${part.error.message}`);
      if (part.conflicts.length > 0) throw new Error(`${collection}: ${part.conflicts.length} conflicts`);
    }
  }

  /**
   * As the app pulls: every collection in one request (POST /api/sync/pull), then, while some part
   * came back full, the next page of those collections in one request again.
   */
  async function pullAll(token: string, from: Record<string, Checkpoint | null>): Promise<void> {
    let parts: PullBatchRequest['pulls'] = spec.collections.map((collection) => ({
      collection,
      checkpoint: from[collection] ?? null,
      limit: spec.pullLimit,
    }));
    while (parts.length > 0) {
      const answer = (await call(
        '/api/sync/pull',
        token,
        JSON.stringify({ pulls: parts }),
      )) as PullBatchResponse;
      parts = parts.flatMap((part, index) => {
        const page = answer.pulls[index];
        if (page === undefined) throw new Error(`no page for ${part.collection}`);
        const full = page.documents.length >= spec.pullLimit && page.checkpoint !== null;
        return full ? [{ ...part, checkpoint: page.checkpoint }] : [];
      });
    }
  }

  async function syncWorker(worker: WorkerSync): Promise<void> {
    // As the app does when the signal comes back: its changes up, then what changed down.
    await push(worker.token, [
      { collection: 'visits', rows: worker.visits },
      { collection: 'schedules', rows: worker.schedules },
    ]);
    await pullAll(worker.token, worker.checkpoints);
  }

  /** Syncs `workers`, at most `spec.concurrency` at a time, until all are done or the load stops. */
  async function syncAll(workers: readonly WorkerSync[], each: (worker: WorkerSync) => Promise<void>) {
    let next = 0;
    const runner = async () => {
      for (
        let worker = workers[next++];
        worker !== undefined && !stop.signal.aborted;
        worker = workers[next++]
      ) {
        await each(worker);
      }
    };
    await Promise.all(Array.from({ length: Math.min(spec.concurrency, workers.length) }, runner));
  }

  await syncAll(spec.warmup, (worker) =>
    syncWorker(worker).catch((error: unknown) => fail(`warm-up: ${describeError(error)}`)),
  );
  result.requests = 0;
  result.answerBytes = 0;
  result.pushMs = [];
  result.pullMs = [];
  if (result.errors > 0) return result;
  process.stdout.write(`${RUSH_STARTS}\n`);
  const rushStart = performance.now();
  const rushCpu = process.cpuUsage();
  const deadline = setTimeout(() => {
    fail('deadline reached');
    stop.abort();
  }, spec.deadlineMs);
  await syncAll(spec.workers, async (worker) => {
    const started = performance.now();
    try {
      await syncWorker(worker);
      const ended = performance.now();
      result.latencies.push(ended - started);
      result.finishes.push(ended - rushStart);
    } catch (error) {
      failedWorkers++;
      fail(describeError(error));
    }
  });
  clearTimeout(deadline);
  result.makespanMs = performance.now() - rushStart;
  const cpu = process.cpuUsage(rushCpu);
  result.cpuMs = (cpu.user + cpu.system) / 1000;
  const unfinished = spec.workers.length - result.latencies.length - failedWorkers;
  if (unfinished > 0) fail(`${unfinished} workers never synced`);
  return result;
}

// node:http rather than fetch: with undici's Request and Response the load process spent about 3.7 ms
// of CPU per sync (1.75 ms with node:http), on the two cores it shares with the server. Connections
// are kept open and reused, as fetch's are.
const agent = new Agent({ keepAlive: true });

/**
 * One request over loopback; resolves with the status, the whole body once it is read and decoded,
 * and its size on the wire. It asks for compressed answers as Chromium does.
 */
function send(
  url: string,
  token: string,
  body: string | undefined,
  signal: AbortSignal,
): Promise<{ status: number; text: string; wireBytes: number }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = {
      Authorization: `Bearer ${token}`,
      'Accept-Encoding': 'gzip, deflate, br, zstd',
    };
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      headers['Content-Length'] = String(Buffer.byteLength(body));
    }
    const req = request(
      url,
      { method: body === undefined ? 'GET' : 'POST', headers, agent, signal },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          try {
            const wire = Buffer.concat(chunks);
            resolve({
              status: res.statusCode ?? 0,
              text: decode(wire, res.headers['content-encoding']).toString('utf8'),
              wireBytes: wire.byteLength,
            });
          } catch (error) {
            reject(error);
          }
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

function decode(wire: Buffer, encoding: string | undefined): Buffer {
  if (encoding === undefined) return wire;
  if (encoding === 'br') return brotliDecompressSync(wire);
  if (encoding === 'gzip') return gunzipSync(wire);
  throw new Error(`an answer in an encoding not asked for: ${encoding}`);
}

function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause as { code?: string; message?: string } | undefined;
  return cause ? `${error.message}: ${cause.code ?? cause.message}` : error.message;
}

const specFile = process.argv[2];
if (specFile === undefined) {
  process.stderr.write('usage: rush-load.ts SPEC.json\n');
  process.exit(2);
}
main(specFile).then(
  (result) => {
    process.stdout.write(`${JSON.stringify(result)}\n`);
    process.exit(0);
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
