// The typed HTTP client for the server's REST contract (src/domain/api.ts).
import type {
  ApiError,
  LoginRequest,
  LoginResponse,
  PullBatchResponse,
  PullPart,
  PullResponse,
  PushBatchResponse,
  PushPart,
  PushPartAnswer,
} from '../../domain/api';
import { encodeBody } from './gzipBody';

/** A request the server answered with an error status; `status` 0 means it was never answered. */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiError | null,
  ) {
    super(body?.message ?? (status === 0 ? 'network unreachable' : `HTTP ${status}`));
    this.name = 'ApiRequestError';
  }
  get isUnauthorized(): boolean {
    return this.status === 401;
  }
  /**
   * RxDB reports a failed pull or push with a plain copy of the handler's error (errorToPlainJson:
   * name, message, parameters, code), not the error itself: its `parameters.error` leads back to
   * this error, as sync/replication.ts looks for it (a 401 there signs the person out).
   */
  get parameters(): { error: ApiRequestError } {
    return { error: this };
  }
}

/**
 * How long a request may go unanswered (its whole body included) before it counts as lost. A phone
 * that changes network mid-request can be left with a connection that never answers; the sync tries
 * again after a failure, and pushes wait one behind the other, so one such request must not hold
 * them all. A page of 1,000 records (about 600 KB) takes well under this on a slow 3G link.
 */
const REQUEST_TIMEOUT_MS = 60_000;

export interface ApiClientOptions {
  baseUrl: string;
  getToken: () => string | null;
  fetch?: typeof fetch;
  requestTimeoutMs?: number;
}

export function createApiClient({
  baseUrl,
  getToken,
  fetch: fetchImpl = globalThis.fetch.bind(globalThis),
  requestTimeoutMs = REQUEST_TIMEOUT_MS,
}: ApiClientOptions) {
  async function request<T>(path: string, init: RequestInit = {}): Promise<T> {
    const headers = new Headers(init.headers);
    const token = getToken();
    if (token) headers.set('Authorization', `Bearer ${token}`);
    let body: BodyInit | undefined;
    if (typeof init.body === 'string') {
      headers.set('Content-Type', 'application/json');
      const encoded = await encodeBody(init.body);
      if (encoded.encoding) headers.set('Content-Encoding', encoded.encoding);
      body = encoded.body;
    }
    const signal = AbortSignal.timeout(requestTimeoutMs);
    let response: Response;
    try {
      response = await fetchImpl(baseUrl + path, { ...init, headers, body, signal });
    } catch {
      throw new ApiRequestError(0, null);
    }
    if (!response.ok) {
      const body = (await response.json().catch(() => null)) as ApiError | null;
      throw new ApiRequestError(response.status, body);
    }
    try {
      return (await response.json()) as T;
    } catch (error) {
      if (error instanceof SyntaxError) throw error;
      // The body stopped coming (timed out, or the connection dropped): no answer, as above.
      throw new ApiRequestError(0, null);
    }
  }

  return {
    login(credentials: LoginRequest): Promise<LoginResponse> {
      return request('/api/auth/login', { method: 'POST', body: JSON.stringify(credentials) });
    },
    logout(): Promise<unknown> {
      return request('/api/auth/logout', { method: 'POST' });
    },
    /** Several collections in one request (`POST /api/sync/pull`): one page per part, in order. */
    async pullBatch(pulls: PullPart[]): Promise<PullResponse[]> {
      const answer = await request<PullBatchResponse>('/api/sync/pull', {
        method: 'POST',
        body: JSON.stringify({ pulls }),
      });
      return answer.pulls;
    },
    /** Several collections in one request (`POST /api/sync/push`): one answer per part, in order. */
    async pushBatch(pushes: PushPart[]): Promise<PushPartAnswer[]> {
      const answer = await request<PushBatchResponse>('/api/sync/push', {
        method: 'POST',
        body: JSON.stringify({ pushes }),
      });
      return answer.pushes;
    },
    /**
     * Any other route of the contract, typed by its caller: the accounts and places routes are
     * wrapped in api/accounts.ts, loaded with the screens that use them rather than at start.
     */
    call<T>(path: string, method = 'GET', body?: unknown): Promise<T> {
      return request<T>(path, body === undefined ? { method } : { method, body: JSON.stringify(body) });
    },
    /**
     * Reads the server-sent events of `/api/sync/stream` until `signal` aborts or the stream ends.
     * fetch rather than EventSource, because EventSource cannot send the Authorization header.
     */
    async readChangeStream(
      onEvent: (name: string, data: string) => void,
      signal: AbortSignal,
    ): Promise<void> {
      const token = getToken();
      const response = await fetchImpl(`${baseUrl}/api/sync/stream`, {
        headers: token ? { Authorization: `Bearer ${token}`, Accept: 'text/event-stream' } : {},
        signal,
      });
      if (!response.ok || !response.body) throw new ApiRequestError(response.status, null);
      // Loaded here, not with the client: the sign-in form and the first frame do not need it.
      const { EventSourceParserStream } = await import('eventsource-parser/stream');
      const events = response.body
        .pipeThrough(new TextDecoderStream())
        .pipeThrough(new EventSourceParserStream())
        .getReader();
      for (;;) {
        const { value, done } = await events.read();
        if (done) return;
        onEvent(value.event ?? 'message', value.data);
      }
    },
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;
