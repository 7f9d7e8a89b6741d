// The HTTP client against a real server on loopback that answers, never answers, or stops halfway.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiRequestError, createApiClient } from '../../src/app/api/client';

const TIMEOUT_MS = 100;
let server: Server | undefined;

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  server = undefined;
});

/** A server whose every answer is made by `answer`; resolves with a client of it. */
async function clientOf(
  answer: (respond: import('node:http').ServerResponse, request: import('node:http').IncomingMessage) => void,
) {
  server = createServer((request, response) => answer(response, request));
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return createApiClient({
    baseUrl: `http://127.0.0.1:${port}`,
    getToken: () => 'token',
    requestTimeoutMs: TIMEOUT_MS,
  });
}

const pullParts = [{ collection: 'elders' as const, checkpoint: null, limit: 10 }];

describe('the API client', () => {
  it('gives the answer of a server that answers in time', async () => {
    const api = await clientOf((response) => {
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify({ pulls: [{ documents: [], checkpoint: null }] }));
    });

    await expect(api.pullBatch(pullParts)).resolves.toEqual([{ documents: [], checkpoint: null }]);
  });

  it('gives up on a request the server never answers, as on no network', async () => {
    const api = await clientOf(() => undefined);

    const failure = await api.pullBatch(pullParts).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(ApiRequestError);
    expect((failure as ApiRequestError).status).toBe(0);
  });

  it('gives up on an answer whose body stops coming halfway', async () => {
    const api = await clientOf((response) => {
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.write('{"pulls": [');
    });

    const failure = await api.pullBatch(pullParts).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(ApiRequestError);
    expect((failure as ApiRequestError).status).toBe(0);
  });
});

describe('the change stream', () => {
  it('hands over each event whole, however the bytes are cut, and skips keep-alive comments', async () => {
    // The events as the server writes them, then cut at awkward places: inside a field name, between
    // the two newlines that end an event, inside a multi-byte character, with CRLF line ends.
    const wire = Buffer.from(
      ': keep-alive\n\nevent: ready\ndata: {}\n\nevent: changed\r\ndata: {"town":"东区街道"}\r\n\r\n' +
        'data: line one\ndata: line two\n\n',
    );
    const at = (text: string, offset: number) => wire.indexOf(Buffer.from(text)) + offset;
    const cuts = [at('keep', 2), at('data: {}', 9), at('event: changed', 3), at('东', 1), at('line one', 4)];
    const api = await clientOf((response) => {
      response.writeHead(200, { 'Content-Type': 'text/event-stream' });
      let from = 0;
      const writeNext = () => {
        const to = cuts.shift() ?? wire.length;
        response.write(wire.subarray(from, to));
        from = to;
        if (from < wire.length) setImmediate(writeNext);
        else response.end();
      };
      writeNext();
    });

    const events: [string, string][] = [];
    await api.readChangeStream((name, data) => events.push([name, data]), new AbortController().signal);

    expect(events).toEqual([
      ['ready', '{}'],
      ['changed', '{"town":"东区街道"}'],
      ['message', 'line one\nline two'],
    ]);
  });
});

describe('request bodies on the wire', () => {
  /** A client of a server that keeps each request's Content-Encoding and body bytes. */
  async function recordingClient() {
    const received: { encoding: string | undefined; bytes: Buffer }[] = [];
    const api = await clientOf((response, request) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        received.push({ encoding: request.headers['content-encoding'], bytes: Buffer.concat(chunks) });
        response.writeHead(200, { 'Content-Type': 'application/json' });
        response.end(JSON.stringify({ pushes: [{ conflicts: [] }], pulls: [] }));
      });
    });
    return { api, received };
  }

  it('sends a shift’s push gzipped, inflating to the same JSON at a fraction of the bytes', async () => {
    const { api, received } = await recordingClient();
    const rows = Array.from({ length: 20 }, (_, i) => ({
      newDocumentState: { id: `visit-${i}`, notes: '老人精神好，屋内整洁，药按时吃。' },
      assumedMasterState: null,
    }));
    const pushes = [{ collection: 'visits' as const, rows }] as unknown as Parameters<
      typeof api.pushBatch
    >[0];

    await api.pushBatch(pushes);

    const [request] = received;
    expect(request?.encoding).toBe('gzip');
    const json = gunzipSync(request?.bytes ?? Buffer.alloc(0)).toString('utf8');
    expect(JSON.parse(json)).toEqual({ pushes });
    expect(request?.bytes.byteLength).toBeLessThan(Buffer.byteLength(json) / 4);
  });

  it('sends a small body, such as a pull’s checkpoints, as it is', async () => {
    const { api, received } = await recordingClient();

    await api.pullBatch(pullParts);

    expect(received[0]?.encoding).toBeUndefined();
    expect(JSON.parse(received[0]?.bytes.toString('utf8') ?? '')).toEqual({ pulls: pullParts });
  });
});
