// Request bodies over the limit, over real HTTP (@hono/node-server, as the server runs): a body of
// declared length is judged by its Content-Length, a chunked one is counted as it arrives.
import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { makeVisit, twoTowns } from '../support/fixtures';
import { create, databases, listen, startTestServer } from '../support/test-servers';

const fixture = twoTowns();
const { workerA1 } = fixture.users;
const { a1: elderA1 } = fixture.elders;
const LIMIT = 16 * 1024 * 1024;

interface Sent {
  /** Content-Length to declare; without it the body goes chunked. */
  declaredLength?: number;
  /** Chunks written one after another (none: the body is never sent). */
  chunks: Buffer[];
}

/** POSTs to `url`; resolves with the answer as soon as it comes, whether or not the body was all sent. */
function post(url: string, token: string, { declaredLength, chunks }: Sent) {
  return new Promise<{ status: number; body: unknown }>((resolve, reject) => {
    const headers: Record<string, string> = {
      Authorization: `Bearer ${token}`,
      'Content-Type': 'application/json',
      ...(declaredLength !== undefined && { 'Content-Length': String(declaredLength) }),
    };
    const req = request(url, { method: 'POST', headers }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (part: string) => {
        text += part;
      });
      response.on('end', () => {
        resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) });
        req.destroy();
      });
    });
    // The server may answer and close before the body is all written: only the answer counts.
    req.on('error', (error) => {
      if (!req.destroyed) reject(error);
    });
    req.flushHeaders();
    (async () => {
      for (const chunk of chunks) {
        if (req.destroyed) return;
        if (!req.write(chunk)) await new Promise((resolve) => req.once('drain', resolve));
      }
      if (declaredLength === undefined || chunks.length > 0) req.end();
    })().catch(reject);
  });
}

describe.each(databases)('request body limit ($name)', (database) => {
  it('refuses a body whose declared length is over the limit, before it is sent, and writes nothing', async () => {
    const server = await startTestServer(database, fixture);
    const token = await server.login(workerA1);
    const before = await server.dump();
    const answer = await post(`${await listen(server)}/api/sync/visits/push`, token, {
      declaredLength: LIMIT + 1,
      chunks: [],
    });
    expect(answer).toEqual({ status: 413, body: expect.objectContaining({ error: 'too_large' }) });
    expect(await server.dump()).toEqual(before);
  });

  it('refuses a chunked body once it grows past the limit, and writes nothing', async () => {
    const server = await startTestServer(database, fixture);
    const token = await server.login(workerA1);
    const before = await server.dump();
    // A valid push, padded with spaces (still valid JSON) to one byte over the limit.
    const rows = Buffer.from(JSON.stringify([create(makeVisit(elderA1))]));
    const padding = Buffer.alloc(LIMIT + 1 - rows.length, ' ');
    const answer = await post(`${await listen(server)}/api/sync/visits/push`, token, {
      chunks: [padding.subarray(0, LIMIT / 2), padding.subarray(LIMIT / 2), rows],
    });
    expect(answer).toEqual({ status: 413, body: expect.objectContaining({ error: 'too_large' }) });
    expect(await server.dump()).toEqual(before);
  });

  it.each([
    ['with its length declared', true],
    ['in chunks', false],
  ])('takes a push within the limit sent %s', async (_how, declared) => {
    const server = await startTestServer(database, fixture);
    const token = await server.login(workerA1);
    const visit = makeVisit(elderA1);
    const body = Buffer.from(JSON.stringify([create(visit)]));
    const answer = await post(`${await listen(server)}/api/sync/visits/push`, token, {
      ...(declared && { declaredLength: body.length }),
      chunks: [body.subarray(0, 10), body.subarray(10)],
    });
    expect(answer).toEqual({ status: 200, body: [] });
    expect((await server.storedRow('visits', visit.id))?.doc).toBe(JSON.stringify(visit));
  });
});
