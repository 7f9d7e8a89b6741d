// The HTTP client against a real server on loopback that answers, never answers, or stops halfway.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
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
async function clientOf(answer: (respond: import('node:http').ServerResponse) => void) {
  server = createServer((_request, response) => answer(response));
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
