// API answers over real HTTP (the server as `npm run serve` runs it, @hono/node-server on a port),
// with the Accept-Encoding a browser sends: compressed as asked, decoded to the same JSON.
import { type IncomingHttpHeaders, request } from 'node:http';
import { describe, expect, it, onTestFinished } from 'vitest';
import { makeVisit, twoTowns } from '../support/fixtures';
import { decoded, send } from '../support/raw-http';
import { databases, listen, startTestServer, update } from '../support/test-servers';

const fixture = twoTowns();
const { workerA1 } = fixture.users;
// Enough visits of worker a1's elder for a pull page of 130 KB, compressed on zlib's thread pool; the
// answers of a few dozen records are compressed on the event loop.
fixture.dataset.visits.push(
  ...Array.from({ length: 200 }, (_, i) =>
    makeVisit(fixture.elders.a1, { notes: `第 ${i} 次探访：老人精神好，屋内整洁，药按时吃。` }),
  ),
);

describe.each(databases)('compressed API answers ($name)', (database) => {
  async function serverWithToken() {
    const server = await startTestServer(database, fixture);
    return { base: await listen(server), token: await server.login(workerA1) };
  }

  it.each([
    ['br', 'gzip, deflate, br, zstd'],
    ['gzip', 'gzip, deflate'],
  ])(
    'sends a pull page as %s to a client that asks %j, decoding to the same JSON',
    async (encoding, asked) => {
      const { base, token } = await serverWithToken();
      const url = `${base}/api/sync/visits/pull?limit=500`;
      const plain = await send(url, { token });
      const compressed = await send(url, { token, acceptEncoding: asked });

      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(compressed.status).toBe(200);
      expect(compressed.headers['content-encoding']).toBe(encoding);
      expect(compressed.headers.vary).toContain('Accept-Encoding');
      expect(compressed.headers['content-type']).toContain('application/json');
      expect(Number(compressed.headers['content-length'])).toBe(compressed.wire.byteLength);
      expect(compressed.wire.byteLength).toBeLessThan(plain.wire.byteLength / 4);
      const page = decoded(compressed) as { documents: unknown[] };
      expect(page.documents).toHaveLength(201);
      expect(page).toEqual(decoded(plain));
    },
  );

  it('compresses the batch routes, a sync’s pull and push, as the app calls them', async () => {
    const { base, token } = await serverWithToken();
    const acceptEncoding = 'gzip, deflate, br, zstd';
    const pulls = [
      { collection: 'elders', checkpoint: null, limit: 100 },
      { collection: 'visits', checkpoint: null, limit: 50 },
    ];
    const pull = await send(`${base}/api/sync/pull`, {
      method: 'POST',
      token,
      acceptEncoding,
      body: { pulls },
    });
    expect(pull.status).toBe(200);
    expect(pull.headers['content-encoding']).toBe('br');
    expect((decoded(pull) as { pulls: { documents: unknown[] }[] }).pulls[1]?.documents).toHaveLength(50);

    // Forty edits made on a stale copy: the answer hands back the forty stored visits to merge.
    const stored = fixture.dataset.visits.slice(-40);
    const push = await send(`${base}/api/sync/push`, {
      method: 'POST',
      token,
      acceptEncoding,
      body: {
        pushes: [
          {
            collection: 'visits',
            rows: stored.map((visit) => update({ ...visit, notes: '旧的' }, { notes: '新的' })),
          },
        ],
      },
    });
    expect(push.status).toBe(200);
    expect(push.headers['content-encoding']).toBe('br');
    const [part] = (decoded(push) as { pushes: { conflicts: unknown[] }[] }).pushes;
    expect(part?.conflicts).toEqual(stored);
  });

  it('sends an answer under 1 KB as it is, still saying it varies with Accept-Encoding', async () => {
    const { base, token } = await serverWithToken();
    const answer = await send(`${base}/api/sync/schedules/pull?limit=100`, {
      token,
      acceptEncoding: 'gzip, deflate, br, zstd',
    });
    expect(answer.status).toBe(200);
    expect(answer.wire.byteLength).toBeLessThan(1024);
    expect(answer.headers['content-encoding']).toBeUndefined();
    expect(answer.headers.vary).toContain('Accept-Encoding');
    expect(Number(answer.headers['content-length'])).toBe(answer.wire.byteLength);
    expect(decoded(answer)).toMatchObject({ documents: [{ id: fixture.schedules.a1.id }] });
  });

  it('sends plain JSON to a client that asks for identity or refuses both encodings', async () => {
    const { base, token } = await serverWithToken();
    const url = `${base}/api/sync/visits/pull?limit=500`;
    for (const asked of ['identity', 'br;q=0, gzip;q=0', 'deflate']) {
      const answer = await send(url, { token, acceptEncoding: asked });
      expect(answer.headers['content-encoding'], asked).toBeUndefined();
      expect(answer.headers.vary, asked).toContain('Accept-Encoding');
      expect((decoded(answer) as { documents: unknown[] }).documents, asked).toHaveLength(201);
    }
  });

  it('follows the client’s q-values between brotli and gzip', async () => {
    const { base, token } = await serverWithToken();
    const url = `${base}/api/sync/visits/pull?limit=500`;
    const answer = await send(url, { token, acceptEncoding: 'br;q=0.5, gzip' });
    expect(answer.headers['content-encoding']).toBe('gzip');
    expect((decoded(answer) as { documents: unknown[] }).documents).toHaveLength(201);
  });

  it('keeps a short refusal plain and compresses the OpenAPI document, each with its Content-Length', async () => {
    const { base } = await serverWithToken();
    // No token: a 401 in JSON, small, so plain; an unknown route: a 404, plain too.
    const refused = await send(`${base}/api/sync/visits/pull?limit=500`, { acceptEncoding: 'br' });
    expect(refused.status).toBe(401);
    expect(refused.headers['content-encoding']).toBeUndefined();
    expect(Number(refused.headers['content-length'])).toBe(refused.wire.byteLength);
    // The OpenAPI document: public, large, JSON.
    const openApi = await send(`${base}/api/openapi.json`, { acceptEncoding: 'gzip' });
    expect(openApi.headers['content-encoding']).toBe('gzip');
    expect(Number(openApi.headers['content-length'])).toBe(openApi.wire.byteLength);
    expect(decoded(openApi)).toMatchObject({ openapi: expect.stringMatching(/^3\.1/) });
  });

  it('never compresses the change stream: its first event and keep-alives arrive at once', async () => {
    const server = await startTestServer(database, fixture, { heartbeatMs: 20 });
    const base = await listen(server);
    const token = await server.login(workerA1);
    const { headers, text } = await new Promise<{ headers: IncomingHttpHeaders; text: string }>(
      (resolve, reject) => {
        const req = request(`${base}/api/sync/stream`, {
          headers: { Authorization: `Bearer ${token}`, 'Accept-Encoding': 'gzip, deflate, br, zstd' },
        });
        onTestFinished(() => {
          req.destroy();
        });
        req.on('response', (res) => {
          let received = '';
          res.on('data', (chunk: Buffer) => {
            received += chunk.toString('utf8');
            // The ready event, then a heartbeat: both readable as they come, each block on its own.
            if (received.includes(': heartbeat\n\n')) {
              resolve({ headers: res.headers, text: received });
              req.destroy();
            }
          });
          res.on('error', reject);
        });
        req.on('error', (error) => {
          if (!req.destroyed) reject(error);
        });
        req.end();
      },
    );
    expect(headers['content-type']).toContain('text/event-stream');
    expect(headers['content-encoding']).toBeUndefined();
    expect(text).toMatch(/^event: ready\n/);
  });
});
