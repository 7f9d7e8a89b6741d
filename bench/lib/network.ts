// A weak signal for the browser benchmarks (*.3g): Chromium's own network emulation through CDP
// (Network.emulateNetworkConditions), applied to a page and to the workers it starts, the service
// worker included; what went over it (bytes and round trips); and its floor, the same bytes gzipped
// in one exchange over the same emulated network.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import type { BrowserContext, CDPSession, Page, Request, Route } from '@playwright/test';
import { evaluateIn } from './browser';
import { log } from './env';

export interface NetworkConditions {
  offline: boolean;
  /** Added to each request's round trip, ms. */
  latency: number;
  /** Bytes per second. */
  downloadThroughput: number;
  uploadThroughput: number;
}

/**
 * A 3G-like signal, what a worker has at the end of a shift in the villages of rural Guangdong:
 * 1.6 Mbit/s down, 750 kbit/s up, 150 ms round trip (the figures Lighthouse's mobile preset
 * simulates). docs/benchmarks.md says why.
 */
export const THREE_G: NetworkConditions = {
  offline: false,
  latency: 150,
  downloadThroughput: 1_600_000 / 8,
  uploadThroughput: 750_000 / 8,
};

export const NO_SIGNAL: NetworkConditions = { ...THREE_G, offline: true };

export interface EmulatedNetwork {
  /** Applies new conditions to the page and every worker attached so far. */
  set(conditions: NetworkConditions): Promise<void>;
  /** Resolves once the service worker's own fetches are under the emulation (with `workers`). */
  workerThrottled: Promise<void>;
  detach(): Promise<void>;
}

/**
 * Emulates `conditions` for `page` and, with `workers`, for each worker it starts (the service worker
 * included), before the worker runs a line: a page's emulation does not cover the service worker's
 * own fetches (its precache). The page's CDP session auto-attaches to its workers as non-flattened
 * child sessions (Playwright refuses flattened browser-level auto-attach), sets their emulation and
 * only then lets them run. The service worker can start fetching before its emulation is in place
 * (Playwright attaches to it too, and may let it run first), so its fetches wait in a route until it
 * is. Each target throttles its own requests: the page and the service worker each get the whole
 * bandwidth, not a share of one link.
 */
export async function emulateNetwork(
  context: BrowserContext,
  page: Page,
  conditions: NetworkConditions,
  { workers = false }: { workers?: boolean } = {},
): Promise<EmulatedNetwork> {
  const session = await context.newCDPSession(page);
  await session.send('Network.enable');
  await session.send('Network.emulateNetworkConditions', conditions);
  let current = conditions;
  let markThrottled: () => void = () => undefined;
  const workerThrottled = new Promise<void>((resolve) => {
    markThrottled = resolve;
  });
  if (!workers) {
    markThrottled();
    return {
      async set(next) {
        current = next;
        await session.send('Network.emulateNetworkConditions', next);
      },
      workerThrottled,
      detach: () => session.detach(),
    };
  }

  const children = new Set<string>();
  const call = childCaller(session);
  // Not the worker's own script and importScripts: those load before it runs, and holding them
  // would hold the worker that releases them.
  const gate = async (route: Route) => {
    const request = route.request();
    if (request.serviceWorker() && request.resourceType() === 'fetch') await workerThrottled;
    await route.continue();
  };
  await context.route('**/*', gate);
  // The gate goes once the worker is throttled (a route slows every request it sees); fetches still
  // passing through it are let go by Playwright, and what they throw then is no error of ours.
  void workerThrottled.then(() => context.unrouteAll({ behavior: 'ignoreErrors' }).catch(() => undefined));
  session.on('Target.attachedToTarget', async ({ sessionId, targetInfo, waitingForDebugger }) => {
    try {
      if (targetInfo.type.endsWith('worker')) {
        await call(sessionId, 'Network.enable');
        await call(sessionId, 'Network.emulateNetworkConditions', current);
        children.add(sessionId);
        if (targetInfo.type === 'service_worker') markThrottled();
      }
    } finally {
      if (waitingForDebugger) await call(sessionId, 'Runtime.runIfWaitingForDebugger').catch(() => undefined);
    }
  });
  session.on('Target.detachedFromTarget', ({ sessionId }) => children.delete(sessionId));
  await session.send('Target.setAutoAttach', {
    autoAttach: true,
    waitForDebuggerOnStart: true,
    flatten: false,
  });
  return {
    async set(next) {
      current = next;
      await session.send('Network.emulateNetworkConditions', next);
      await Promise.all([...children].map((id) => call(id, 'Network.emulateNetworkConditions', next)));
    },
    workerThrottled,
    async detach() {
      await context.unroute('**/*', gate).catch(() => undefined);
      await session.detach().catch(() => undefined);
    },
  };
}

/** CDP calls into a non-flattened child session, answered through the parent's messages. */
function childCaller(session: CDPSession) {
  let nextId = 1;
  const waiting = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();
  session.on('Target.receivedMessageFromTarget', ({ message }) => {
    const reply = JSON.parse(message) as { id?: number; error?: { message: string } };
    const entry = reply.id === undefined ? undefined : waiting.get(reply.id);
    if (!entry || reply.id === undefined) return;
    waiting.delete(reply.id);
    if (reply.error) entry.reject(new Error(reply.error.message));
    else entry.resolve();
  });
  return (sessionId: string, method: string, params: object = {}) =>
    new Promise<void>((resolve, reject) => {
      const id = nextId++;
      waiting.set(id, { resolve, reject });
      session
        .send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) })
        .catch((error: Error) => {
          waiting.delete(id);
          reject(error);
        });
    });
}

/** One request that went over the network, as Chromium counted it. */
export interface Exchange {
  url: string;
  method: string;
  /** Sent by the service worker (its precache), not by the page. */
  byWorker: boolean;
  /** Request line and headers, and body. */
  upBytes: number;
  /** Response headers and body as sent (compressed, if it was). */
  downBytes: number;
  /** The request's body and the response's body as the app got them (decoded; empty without `bodies`). */
  sent: Buffer;
  received: Buffer;
  /** When it started and when its answer's last byte came, ms since the epoch. */
  startedAt: number;
  endedAt: number;
}

export interface WireLog {
  /** The exchanges finished so far. */
  exchanges(): Promise<Exchange[]>;
  stop(): void;
}

/**
 * Records every request of the context that went to the network and finished: not those the
 * service worker answered, nor those from the HTTP cache. A request still open (the change stream)
 * is not counted. Sizes and, with `bodies`, the bodies are read from the browser once asked for
 * (after the measurement, not during it).
 */
export function recordWire(
  context: BrowserContext,
  { keep = () => true, bodies = true }: { keep?: (url: string) => boolean; bodies?: boolean } = {},
): WireLog {
  const finished: Request[] = [];
  const onFinished = (request: Request) => {
    if (keep(request.url())) finished.push(request);
  };
  context.on('requestfinished', onFinished);
  return {
    async exchanges() {
      const read = await Promise.all(finished.map((request) => readExchange(request, bodies)));
      return read.filter((e): e is Exchange => e !== null);
    },
    stop: () => context.off('requestfinished', onFinished),
  };
}

async function readExchange(request: Request, withBody: boolean): Promise<Exchange | null> {
  const response = await request.response();
  if (response === null || response.fromServiceWorker()) return null;
  const sizes = await request.sizes();
  // A response from the HTTP cache has no body size of its own.
  if (sizes.responseBodySize < 0) return null;
  const received = withBody ? await response.body() : Buffer.alloc(0);
  const timing = request.timing();
  return {
    url: request.url(),
    method: request.method(),
    byWorker: request.serviceWorker() !== null,
    upBytes: sizes.requestHeadersSize + Math.max(0, sizes.requestBodySize),
    downBytes: sizes.responseHeadersSize + sizes.responseBodySize,
    sent: request.postDataBuffer() ?? Buffer.alloc(0),
    received,
    startedAt: timing.startTime,
    endedAt: timing.startTime + timing.responseEnd,
  };
}

/** Totals of a wire log for the JSON line: bytes (both ways, and each way) and round trips. */
export function wireTotals(exchanges: readonly Exchange[]): Record<string, number> {
  const up = exchanges.reduce((sum, e) => sum + e.upBytes, 0);
  const down = exchanges.reduce((sum, e) => sum + e.downBytes, 0);
  return { wire_bytes: up + down, up_bytes: up, down_bytes: down, round_trips: exchanges.length };
}

/**
 * With BENCH_WIRE=1, one line per round trip on stderr: who sent it, what, its bytes each way and
 * when it started and ended, in ms from `t0` (ms since the epoch).
 */
export function logWire(bench: string, exchanges: readonly Exchange[], t0: number): void {
  if (process.env.BENCH_WIRE !== '1') return;
  for (const e of [...exchanges].sort((a, b) => a.startedAt - b.startedAt)) {
    const url = new URL(e.url);
    const what = e.sent.length > 0 ? ` ${e.sent.toString('utf8', 0, Math.min(e.sent.length, 160))}` : '';
    log(
      `${bench} ${e.byWorker ? 'worker' : 'page'} ${e.method} ${url.pathname} up ${e.upBytes} down ${e.downBytes} B, ${Math.round(e.startedAt - t0)}-${Math.round(e.endedAt - t0)} ms${what}`,
    );
  }
}

/**
 * What the app moved, once: the bodies it sent, and those it received (a file fetched twice, by the
 * page and again by the service worker, once).
 */
export function payloadOf(exchanges: readonly Exchange[]): { sent: Buffer; received: Buffer } {
  const seen = new Set<string>();
  const received: Buffer[] = [];
  for (const exchange of exchanges) {
    const key = new URL(exchange.url).pathname;
    if (exchange.method === 'GET' && seen.has(key)) continue;
    if (exchange.method === 'GET') seen.add(key);
    received.push(exchange.received);
  }
  return { sent: Buffer.concat(exchanges.map((e) => e.sent)), received: Buffer.concat(received) };
}

export interface NetworkFloor {
  ms: number;
  /** floor_wire_bytes, floor_up_bytes, floor_down_bytes: for the JSON line. */
  totals: Record<string, number>;
}

/**
 * The floor of moving `sent` up and `received` down over `conditions`: one request whose body is
 * `sent` gzipped (a GET when there is none) and whose answer is `received` gzipped (level 9), from
 * a minimal server on loopback, timed in a fresh page of the same browser from the fetch until the
 * body is read.
 */
export async function networkFloor(
  context: BrowserContext,
  payload: { sent: Buffer; received: Buffer },
  conditions: NetworkConditions,
): Promise<NetworkFloor> {
  const up = payload.sent.length > 0 ? gzipSync(payload.sent, { level: 9 }) : Buffer.alloc(0);
  const down = gzipSync(payload.received, { level: 9 });
  const server = await floorServer(down);
  const page = await context.newPage();
  try {
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    await page.goto(`${origin}/`);
    const network = await emulateNetwork(context, page, conditions);
    const finished = page.waitForEvent('requestfinished', (r) => r.url() === `${origin}/floor`);
    const ms = await evaluateIn(
      page,
      async ({ url, body }: { url: string; body: number[] | null }) => {
        const started = performance.now();
        const response = await fetch(
          url,
          body === null
            ? { cache: 'no-store' }
            : {
                method: 'POST',
                cache: 'no-store',
                headers: { 'Content-Type': 'application/octet-stream', 'Content-Encoding': 'gzip' },
                body: new Uint8Array(body),
              },
        );
        await response.arrayBuffer();
        return performance.now() - started;
      },
      { url: `${origin}/floor`, body: up.length > 0 ? [...up] : null },
    );
    await network.detach();
    const sizes = await (await finished).sizes();
    const upBytes = sizes.requestHeadersSize + Math.max(0, sizes.requestBodySize);
    const downBytes = sizes.responseHeadersSize + sizes.responseBodySize;
    return {
      ms,
      totals: { floor_wire_bytes: upBytes + downBytes, floor_up_bytes: upBytes, floor_down_bytes: downBytes },
    };
  } finally {
    await page.close();
    // The browser keeps its connection alive: close it, or close() waits for it.
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    await closed;
  }
}

/**
 * Ends a wire log and measures its floor over the same `conditions`: the exchanges, the floor's
 * time, and the figures for the JSON line (ours and the floor's bytes, our round trips). With
 * BENCH_WIRE=1 the round trips are logged, in ms from `t0` (ms since the epoch).
 */
export async function wireAndFloor(
  context: BrowserContext,
  wire: WireLog,
  conditions: NetworkConditions,
  { bench, t0 }: { bench: string; t0: number },
): Promise<{ exchanges: Exchange[]; floorMs: number; figures: Record<string, number> }> {
  wire.stop();
  const exchanges = await wire.exchanges();
  logWire(bench, exchanges, t0);
  const floor = await networkFloor(context, payloadOf(exchanges), conditions);
  return { exchanges, floorMs: floor.ms, figures: { ...wireTotals(exchanges), ...floor.totals } };
}

/** Answers /floor with `body` (gzip) after reading the request's; / with an empty page. */
function floorServer(body: Buffer): Promise<Server> {
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      if (request.url === '/floor') {
        response.writeHead(200, {
          'Content-Type': 'application/octet-stream',
          'Content-Encoding': 'gzip',
          'Content-Length': body.length,
          'Cache-Control': 'no-store',
        });
        response.end(body);
      } else {
        response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
        response.end('<!doctype html><meta charset="utf-8"><title>floor</title>');
      }
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}
