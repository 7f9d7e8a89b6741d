import { describe, expect, it } from 'vitest';
import { writeDocuments } from '../../src/server/store/documents';
import { writeTransaction } from '../../src/server/store/write-transaction';
import { PASSWORD, twoTowns } from '../support/fixtures';
import { databases, startTestServer } from '../support/test-servers';

const fixture = twoTowns();
const { workerA1, retired } = fixture.users;

describe.each(databases)('signing in ($name)', (database) => {
  it('returns a token and the user document for the right password', async () => {
    const server = await startTestServer(database, fixture);
    const result = await server.call<{ token: string; user: unknown }>('POST', '/api/auth/login', {
      body: { username: workerA1.username, password: PASSWORD },
    });
    expect(result.status).toBe(200);
    expect(result.body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(result.body.user).toEqual(workerA1);
  });

  it('answers 401 to a wrong password, an unknown name and a deleted user alike', async () => {
    const server = await startTestServer(database, fixture);
    for (const body of [
      { username: workerA1.username, password: 'wrong' },
      { username: 'nobody', password: PASSWORD },
      { username: retired.username, password: PASSWORD },
    ]) {
      const result = await server.call('POST', '/api/auth/login', { body });
      expect(result.status).toBe(401);
      expect(result.body).toEqual({ error: 'invalid_credentials', message: 'wrong username or password' });
    }
  });

  it('answers 400 naming the field when the sign-in body is incomplete', async () => {
    const server = await startTestServer(database, fixture);
    const result = await server.call('POST', '/api/auth/login', { body: { username: 'x' } });
    expect(result.status).toBe(400);
    expect(result.body).toMatchObject({ error: 'invalid_body', field: 'password' });
  });

  it('refuses every other API route without a token, with 401 and an error body', async () => {
    const server = await startTestServer(database, fixture);
    for (const [method, path] of [
      ['GET', '/api/auth/me'],
      ['POST', '/api/auth/logout'],
      ['GET', '/api/sync/elders/pull?limit=10'],
      ['POST', '/api/sync/visits/push'],
      ['GET', '/api/sync/stream'],
    ] as const) {
      const result = await server.call<{ error: string; message: string }>(method, path);
      expect(result.status, `${method} ${path}`).toBe(401);
      expect(result.body.error).toBe('unauthorized');
      expect(result.body.message).toEqual(expect.any(String));
    }
  });

  it('refuses a token it never issued, and a malformed Authorization header', async () => {
    const server = await startTestServer(database, fixture);
    const forged = await server.call('GET', '/api/auth/me', { token: 'A'.repeat(43) });
    expect(forged.status).toBe(401);
    const basic = await server.app.request('/api/auth/me', {
      headers: { Authorization: 'Basic dXNlcjpwYXNz' },
    });
    expect(basic.status).toBe(401);
    expect(await basic.json()).toMatchObject({ message: expect.stringContaining('Bearer') });
  });

  it('tells the signed-in user who they are', async () => {
    const server = await startTestServer(database, fixture);
    const token = await server.login(workerA1);
    const me = await server.call('GET', '/api/auth/me', { token });
    expect(me.status).toBe(200);
    expect(me.body).toEqual(workerA1);
  });

  it('ends the session on sign-out, so the token no longer works', async () => {
    const server = await startTestServer(database, fixture);
    const token = await server.login(workerA1);
    const logout = await server.call('POST', '/api/auth/logout', { token });
    expect(logout.status).toBe(200);
    expect((await server.call('GET', '/api/auth/me', { token })).status).toBe(401);
  });

  it('stops accepting a session after 30 days', async () => {
    let now = new Date('2026-11-01T00:00:00Z');
    const server = await startTestServer(database, fixture, { clock: () => now });
    const token = await server.login(workerA1);
    now = new Date('2026-11-30T23:59:00Z');
    expect((await server.call('GET', '/api/auth/me', { token })).status).toBe(200);
    now = new Date('2026-12-01T00:00:01Z');
    expect((await server.call('GET', '/api/auth/me', { token })).status).toBe(401);
  });

  it('stops accepting the session of a user deleted after signing in', async () => {
    const server = await startTestServer(database, fixture);
    const token = await server.login(workerA1);
    await writeTransaction(server.database.db, (trx, seq) =>
      writeDocuments(
        trx,
        [{ collection: 'users', doc: { ...workerA1, _deleted: true }, userId: workerA1.id }],
        seq,
        new Date().toISOString(),
      ),
    );
    const me = await server.call<{ error: string }>('GET', '/api/auth/me', { token });
    expect(me.status).toBe(401);
    expect(me.body.error).toBe('unauthorized');
  });

  it('keeps only a hash of the token in the database', async () => {
    const server = await startTestServer(database, fixture);
    const token = await server.login(workerA1);
    const { sessions, credentials } = await server.dump();
    expect(JSON.stringify(sessions)).not.toContain(token);
    expect(JSON.stringify(credentials)).not.toContain(PASSWORD);
  });
});
