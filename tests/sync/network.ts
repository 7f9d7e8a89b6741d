// The network between the devices and the server, with faults. Each device has a queue of faults;
// each request it sends takes the next one (none left: delivered normally).
import type {
  PullBatchRequest,
  PullBatchResponse,
  PullResponse,
  PushBatchRequest,
  PushBatchResponse,
  PushRow,
} from '../../src/domain/api';
import type { TestServer } from '../support/server';
import type { HttpAnswer, HttpRequestMessage } from './protocol';

export type Fault =
  /** Delivered normally: lets a later fault in the queue hit a later request. */
  | { kind: 'pass' }
  /** The request never reaches the server. */
  | { kind: 'lose-request' }
  /** The server handles it; the answer never reaches the device. */
  | { kind: 'lose-response' }
  /** The server receives it twice, one after the other; the device gets one of the answers. */
  | { kind: 'duplicate'; answer: 'first' | 'second' }
  /** Held for `ms`, then delivered and answered: later requests overtake it. */
  | { kind: 'delay'; ms: number }
  /** The device gives up at once (a timeout); the server still receives it `ms` later. */
  | { kind: 'late'; ms: number }
  /**
   * The server handles it, and the phone loses its signal before the answer comes: this request
   * and all after it fail until the device is back online (`down`), though the device thinks it is online.
   */
  | { kind: 'signal-drops' }
  /** The server restarts just before this request, which fails (as do all in flight). */
  | { kind: 'restart' };

const FAILED: HttpAnswer = { failed: true };

export interface TrafficStats {
  requests: number;
  /** Pushes (of one collection, or parts of a batch) answered with at least one conflicting record. */
  conflicts: number;
  /** Faults applied, by kind. */
  faults: Map<string, number>;
  /** Per path without the query, e.g. "POST /api/sync/visits/push". */
  byPath: Map<string, number>;
  /** Pages of each collection in the answers of pulls that reached the device (batch or single). */
  pulledPages: Map<string, number>;
  /** Documents of each collection in those pages. */
  pulledDocuments: Map<string, number>;
}

function emptyStats(): TrafficStats {
  return {
    requests: 0,
    conflicts: 0,
    faults: new Map(),
    byPath: new Map(),
    pulledPages: new Map(),
    pulledDocuments: new Map(),
  };
}

const SINGLE_PULL = /^\/api\/sync\/([a-z]+)\/pull(\?|$)/;

/** The collections a request pulls: one for `GET /api/sync/{collection}/pull`, each part of a batch. */
export function pulledCollections(request: Pick<HttpRequestMessage, 'method' | 'path' | 'body'>): string[] {
  const single = SINGLE_PULL.exec(request.path);
  if (request.method === 'GET' && single?.[1] !== undefined) return [single[1]];
  if (request.method === 'POST' && request.path === '/api/sync/pull' && request.body !== null) {
    return (JSON.parse(request.body) as PullBatchRequest).pulls.map((part) => part.collection);
  }
  return [];
}

const SINGLE_PUSH = /^\/api\/sync\/([a-z]+)\/push$/;

/** The rows a request pushes, by collection: one for `POST /api/sync/{collection}/push`, each part of a batch. */
export function pushedRows(
  request: Pick<HttpRequestMessage, 'method' | 'path' | 'body'>,
): Map<string, PushRow[]> {
  if (request.method !== 'POST' || request.body === null) return new Map();
  const single = SINGLE_PUSH.exec(request.path);
  if (single?.[1] !== undefined) return new Map([[single[1], JSON.parse(request.body) as PushRow[]]]);
  if (request.path !== '/api/sync/push') return new Map();
  const { pushes } = JSON.parse(request.body) as PushBatchRequest;
  return new Map(pushes.map((part) => [part.collection, part.rows as PushRow[]]));
}

/** The collections whose push the server refused (400 or 403) in this answer: the whole request, or parts of a batch. */
export function refusedPushes(request: HttpRequestMessage, answer: HttpAnswer): string[] {
  if (answer.failed) return [];
  const pushed = [...pushedRows(request).keys()];
  if (request.path !== '/api/sync/push') return answer.status === 400 || answer.status === 403 ? pushed : [];
  if (answer.status !== 200) return pushed;
  const { pushes } = JSON.parse(answer.body) as PushBatchResponse;
  return pushed.filter((_collection, index) => {
    const part = pushes[index];
    return part !== undefined && 'error' in part;
  });
}

/** How many parts of a push's answer name conflicting records. */
function conflictingParts(request: HttpRequestMessage, body: string): number {
  if (request.path !== '/api/sync/push') return body === '[]' ? 0 : 1;
  const answer = JSON.parse(body) as PushBatchResponse;
  return answer.pushes.filter((part) => 'conflicts' in part && part.conflicts.length > 0).length;
}

/** The pages of a pull's answer, in the order of pulledCollections. */
function pagesOf(request: HttpRequestMessage, body: string): PullResponse[] {
  const answer = JSON.parse(body) as PullResponse | PullBatchResponse;
  return request.method === 'GET' ? [answer as PullResponse] : (answer as PullBatchResponse).pulls;
}

export class FaultyNetwork {
  readonly faults = new Map<string, Fault[]>();
  /** Devices whose requests all fail, as when the signal drops while the phone thinks it is online. */
  readonly down = new Set<string>();
  /** Requests the server still has to receive ('late' faults). */
  readonly #late = new Set<Promise<unknown>>();
  readonly log: string[] = [];
  stats = emptyStats();
  #counter = 0;
  /** Every request handled (for tests that look at what was sent), when `keepRequests` is set. */
  readonly requests: { device: string; request: HttpRequestMessage; answer: HttpAnswer }[] = [];
  keepRequests = false;
  /** Told when a 'signal-drops' fault takes a device off the air. */
  onSignalLost: ((device: string) => void) | undefined;
  /** Called before each request is handled; a test may change faults or go offline from here. */
  onRequest: ((device: string, request: HttpRequestMessage, index: number) => void) | undefined;
  /** Called before each request reaches the server, which waits until it resolves. */
  beforeDeliver: ((device: string, request: HttpRequestMessage) => Promise<void>) | undefined;
  /**
   * Called with each answer before the device gets it, which waits until it resolves: a test holds
   * an answer here to let other requests go by it.
   */
  beforeAnswer:
    | ((device: string, request: HttpRequestMessage, answer: HttpAnswer) => Promise<void>)
    | undefined;

  constructor(
    readonly server: TestServer,
    readonly logLimit = 400,
  ) {}

  addFaults(device: string, faults: readonly Fault[]): void {
    this.faults.set(device, [...(this.faults.get(device) ?? []), ...faults]);
  }

  clearFaults(): void {
    this.faults.clear();
  }

  resetStats(): void {
    this.stats = emptyStats();
  }

  /** Waits until every late request has reached the server. */
  async drain(): Promise<void> {
    while (this.#late.size > 0) await Promise.allSettled([...this.#late]);
  }

  #note(line: string): void {
    this.log.push(line);
    if (this.log.length > this.logLimit) this.log.splice(0, this.log.length - this.logLimit);
  }

  async handle(device: string, request: HttpRequestMessage): Promise<HttpAnswer> {
    const index = ++this.#counter;
    this.onRequest?.(device, request, index);
    if (this.down.has(device)) {
      this.#note(
        `#${index} ${device} ${request.method} ${request.path.replace('/api/sync/', '')} [no connection]`,
      );
      return FAILED;
    }
    const fault = this.faults.get(device)?.shift();
    const route = `${request.method} ${request.path.split('?')[0]}`;
    const label = `#${index} ${device} ${request.method} ${request.path.replace('/api/sync/', '')}${describeBody(request)}`;
    if (fault && fault.kind !== 'pass')
      this.stats.faults.set(fault.kind, (this.stats.faults.get(fault.kind) ?? 0) + 1);
    await this.beforeDeliver?.(device, request);
    const answer = await this.#apply(device, fault, request, label);
    await this.beforeAnswer?.(device, request, answer);
    if (this.keepRequests) this.requests.push({ device, request, answer });
    if (!answer.failed) {
      this.stats.requests += 1;
      this.stats.byPath.set(route, (this.stats.byPath.get(route) ?? 0) + 1);
      if (route.endsWith('/push') && answer.status === 200)
        this.stats.conflicts += conflictingParts(request, answer.body);
      const collections = pulledCollections(request);
      if (collections.length > 0 && answer.status === 200) {
        const pages = pagesOf(request, answer.body);
        for (const [index, collection] of collections.entries()) {
          const count = pages[index]?.documents.length ?? 0;
          this.stats.pulledPages.set(collection, (this.stats.pulledPages.get(collection) ?? 0) + 1);
          this.stats.pulledDocuments.set(
            collection,
            (this.stats.pulledDocuments.get(collection) ?? 0) + count,
          );
        }
      }
    }
    return answer;
  }

  async #apply(
    device: string,
    fault: Fault | undefined,
    request: HttpRequestMessage,
    label: string,
  ): Promise<HttpAnswer> {
    const deliver = async (note: string): Promise<HttpAnswer> => {
      const answer = await this.server.request(
        request.method,
        request.path,
        request.authorization,
        request.body,
      );
      this.#note(
        `${label} ${note}→ ${answer ? `${answer.status}${describeAnswer(answer.body)}` : 'no answer (server restarted)'}`,
      );
      return answer ? { failed: false, ...answer } : FAILED;
    };
    switch (fault?.kind) {
      case undefined:
      case 'pass':
        return deliver('');
      case 'lose-request':
        this.#note(`${label} [request lost]`);
        return FAILED;
      case 'lose-response':
        await deliver('[response lost] ');
        return FAILED;
      case 'duplicate': {
        const first = await deliver('[duplicate 1] ');
        const second = await deliver('[duplicate 2] ');
        return fault.answer === 'first' ? first : second;
      }
      case 'delay':
        await new Promise((r) => setTimeout(r, fault.ms));
        return deliver(`[delayed ${fault.ms} ms] `);
      case 'late': {
        this.#note(`${label} [device timed out; the server gets it in ${fault.ms} ms]`);
        const late = new Promise((r) => setTimeout(r, fault.ms)).then(() => deliver('[late arrival] '));
        this.#late.add(late);
        void late.finally(() => this.#late.delete(late));
        return FAILED;
      }
      case 'signal-drops':
        // Off the air from now: marked before the server answers, so an answer that comes after
        // the device is back online (a busy server) cannot take it off the air again.
        this.down.add(device);
        this.onSignalLost?.(device);
        await deliver('[answer lost, the signal drops] ');
        return FAILED;
      case 'restart':
        this.#note(`${label} [server restarts]`);
        await this.server.restart();
        return FAILED;
    }
  }
}

function describeBody(request: HttpRequestMessage): string {
  if (request.body === null) return '';
  const pulled = pulledCollections(request);
  if (pulled.length > 0) return ` [${pulled.join(' ')}]`;
  try {
    const parts = [...pushedRows(request)].map(
      ([collection, rows]) =>
        `${collection}: ${rows.map((r) => `${short(r.newDocumentState?.id)}${r.newDocumentState?._deleted ? '†' : ''}`).join(' ')}`,
    );
    return parts.length === 0 ? '' : ` [${parts.join('; ')}]`;
  } catch {
    return '';
  }
}

function describeAnswer(body: string): string {
  try {
    const parsed = JSON.parse(body) as unknown;
    if (Array.isArray(parsed))
      return parsed.length === 0 ? '' : ` conflicts: ${parsed.map((d) => short(d.id)).join(' ')}`;
    if (parsed && typeof parsed === 'object' && 'documents' in parsed) {
      return ` ${(parsed as { documents: unknown[] }).documents.length} docs`;
    }
    if (parsed && typeof parsed === 'object' && 'pulls' in parsed) {
      return ` ${(parsed as PullBatchResponse).pulls.map((page) => page.documents.length).join('+')} docs`;
    }
    if (parsed && typeof parsed === 'object' && 'pushes' in parsed) {
      const parts = (parsed as PushBatchResponse).pushes.map((part) =>
        'error' in part ? `refused ${part.error.message}` : part.conflicts.map((d) => short(d.id)).join(' '),
      );
      return parts.some((part) => part !== '') ? ` ${parts.join('; ')}` : '';
    }
    if (parsed && typeof parsed === 'object' && 'message' in parsed) {
      const error = parsed as { message: string; field?: string };
      return ` ${error.message}${error.field ? ` (${error.field})` : ''}`;
    }
  } catch {
    // not JSON
  }
  return '';
}

/** The last 8 characters of an id: enough to follow a record through the log. */
export function short(id: unknown): string {
  return typeof id === 'string' ? id.slice(-8) : String(id);
}
