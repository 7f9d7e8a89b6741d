// Request bodies the app sends gzipped (src/app/api/gzipBody.ts), over real HTTP: inflated and
// applied as if sent plain; a body that inflates past the limit, is not gzip, or comes in another
// encoding is refused with a clear error and changes nothing.
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { makeVisit, twoTowns } from '../support/fixtures';
import { decoded, send } from '../support/raw-http';
import { create, databases, listen, startTestServer } from '../support/test-servers';

const fixture = twoTowns();
const { workerA1 } = fixture.users;

describe.each(databases)('gzipped request bodies ($name)', (database) => {
  async function serverWithToken() {
    const server = await startTestServer(database, fixture);
    return { base: await listen(server), token: await server.login(workerA1) };
  }

  async function storedVisitIds(base: string, token: string): Promise<string[]> {
    const page = decoded(await send(`${base}/api/sync/visits/pull?limit=500`, { token })) as {
      documents: { id: string }[];
    };
    return page.documents.map((doc) => doc.id);
  }

  function pushOf(notes: string) {
    const visit = makeVisit(fixture.elders.a1, { notes });
    return { visit, body: { pushes: [{ collection: 'visits', rows: [create(visit)] }] } };
  }

  it('applies a push sent gzipped exactly as the same push sent plain', async () => {
    const { base, token } = await serverWithToken();
    const { visit, body } = pushOf('老人说膝盖疼，已提醒按时服药。'.repeat(20));
    const answer = await send(`${base}/api/sync/push`, {
      method: 'POST',
      token,
      rawBody: gzipSync(JSON.stringify(body)),
      headers: { 'Content-Encoding': 'gzip' },
    });
    expect(answer.status).toBe(200);
    expect(decoded(answer)).toEqual({ pushes: [{ conflicts: [] }] });
    const page = decoded(await send(`${base}/api/sync/visits/pull?limit=500`, { token })) as {
      documents: { id: string; notes: string }[];
    };
    expect(page.documents.find((doc) => doc.id === visit.id)?.notes).toBe(visit.notes);
  });

  it('refuses a small body that inflates past the size limit, naming the limit, and stores nothing', async () => {
    const { base, token } = await serverWithToken();
    const before = await storedVisitIds(base, token);
    const { body } = pushOf('x');
    // A valid push followed by 17 MB of spaces: about 17 KB gzipped, over the 16 MB limit inflated.
    const bomb = gzipSync(Buffer.concat([Buffer.from(JSON.stringify(body)), Buffer.alloc(17 << 20, ' ')]));
    expect(bomb.byteLength).toBeLessThan(64 * 1024);
    const answer = await send(`${base}/api/sync/push`, {
      method: 'POST',
      token,
      rawBody: bomb,
      headers: { 'Content-Encoding': 'gzip' },
    });
    expect(answer.status).toBe(413);
    expect(decoded(answer)).toMatchObject({
      error: 'too_large',
      message: expect.stringContaining('16777216'),
    });
    expect(await storedVisitIds(base, token)).toEqual(before);
  });

  it.each([
    ['says gzip but is not', 'gzip', 400, { error: 'invalid_body', message: 'the body is not valid gzip' }],
    ['comes in an encoding other than gzip', 'br', 415, { error: 'unsupported_encoding' }],
  ] as const)('refuses a body that %s, and stores nothing', async (_case, encoding, status, error) => {
    const { base, token } = await serverWithToken();
    const before = await storedVisitIds(base, token);
    const answer = await send(`${base}/api/sync/push`, {
      method: 'POST',
      token,
      rawBody: Buffer.from(JSON.stringify(pushOf('plain').body)),
      headers: { 'Content-Encoding': encoding },
    });
    expect(answer.status).toBe(status);
    expect(decoded(answer)).toMatchObject(error);
    expect(await storedVisitIds(base, token)).toEqual(before);
  });

  it('reads a gzipped sign-in before it checks the password', async () => {
    const { base } = await serverWithToken();
    const answer = await send(`${base}/api/auth/login`, {
      method: 'POST',
      rawBody: gzipSync(JSON.stringify({ username: workerA1.username, password: 'wrong password' })),
      headers: { 'Content-Encoding': 'gzip' },
    });
    expect(answer.status).toBe(401);
  });
});
