// /api/users: who may see and manage which accounts (src/domain/access.ts), on both databases.
import { describe, expect, it } from 'vitest';
import type { User } from '../../src/domain/schemas';
import { makeUser, PASSWORD, TOWN_A, TOWN_B, twoTowns, withPassword } from '../support/fixtures';
import type { TestServer } from '../support/server';
import { databases, startTestServer } from '../support/test-servers';

const base = twoTowns();
const admin = makeUser({ username: 'city-admin', role: 'admin', towns: [] });
const fixture = { dataset: { ...base.dataset, users: [...base.dataset.users, ...withPassword([admin])] } };
const { coordinatorA, coordinatorB, workerA1, workerA2, workerB1, retired } = base.users;

const NEW_PASSWORD = 'a new password';
const newWorker = (patch: Record<string, unknown> = {}) => ({
  username: 'new.worker',
  displayName: '新社工',
  role: 'worker',
  towns: [TOWN_A],
  password: NEW_PASSWORD,
  ...patch,
});

/** The usernames of the accounts `token`'s holder can list. */
async function listed(server: TestServer, token: string): Promise<string[]> {
  const result = await server.call<{ users: User[] }>('GET', '/api/users', { token });
  expect(result.status).toBe(200);
  return result.body.users.map((user) => user.username).sort();
}

async function signIn(server: TestServer, username: string, password: string): Promise<number> {
  return (await server.call('POST', '/api/auth/login', { body: { username, password } })).status;
}

describe.each(databases)('accounts ($name)', (database) => {
  it('refuse a worker every route but their own password, with 403', async () => {
    const server = await startTestServer(database, fixture);
    const token = await server.login(workerA1);
    const calls = [
      ['GET', '/api/users', undefined],
      ['POST', '/api/users', newWorker()],
      ['PATCH', `/api/users/${workerA2.id}`, { displayName: 'x' }],
      ['POST', `/api/users/${workerA2.id}/password`, { password: NEW_PASSWORD }],
    ] as const;
    for (const [method, path, body] of calls) {
      const result = await server.call<{ error: string }>(method, path, { token, body });
      expect(result.status, `${method} ${path}`).toBe(403);
      expect(result.body.error).toBe('forbidden');
    }
    expect(await signIn(server, 'new.worker', NEW_PASSWORD)).toBe(401);
  });

  it('list for a coordinator the accounts sharing a town with them, and every account for an admin', async () => {
    const server = await startTestServer(database, fixture);
    expect(await listed(server, await server.login(coordinatorA))).toEqual(
      [coordinatorA, workerA1, workerA2].map((user) => user.username).sort(),
    );
    expect(await listed(server, await server.login(admin))).toEqual(
      [admin, coordinatorA, coordinatorB, workerA1, workerA2, workerB1].map((user) => user.username).sort(),
    );
    expect(await listed(server, await server.login(admin))).not.toContain(retired.username);
  });

  it('let a coordinator add a worker of their town, who signs in at once and reaches the town’s devices', async () => {
    const server = await startTestServer(database, fixture);
    const token = await server.login(coordinatorA);
    const created = await server.call<{ user: User }>('POST', '/api/users', { token, body: newWorker() });

    expect(created.status).toBe(201);
    expect(created.body.user).toMatchObject({
      username: 'new.worker',
      displayName: '新社工',
      role: 'worker',
      towns: [TOWN_A],
      disabled: false,
      updatedBy: coordinatorA.id,
      _deleted: false,
    });
    expect(created.body.user).not.toHaveProperty('password');
    expect(await signIn(server, 'new.worker', NEW_PASSWORD)).toBe(200);
    const { documents: seenInTownA } = await server.pullAll(await server.login(workerA1), 'users');
    expect(seenInTownA.map((user) => user.id)).toContain(created.body.user.id);
    const { documents: seenInTownB } = await server.pullAll(await server.login(workerB1), 'users');
    expect(seenInTownB.map((user) => user.id)).not.toContain(created.body.user.id);
  });

  it('refuse a coordinator a role above a worker and a town not theirs, with 403 naming the field', async () => {
    const server = await startTestServer(database, fixture);
    const token = await server.login(coordinatorA);
    for (const [body, field] of [
      [newWorker({ role: 'coordinator' }), 'role'],
      [newWorker({ role: 'admin', towns: [] }), 'role'],
      [newWorker({ towns: [TOWN_B] }), 'towns'],
      [newWorker({ towns: [TOWN_A, TOWN_B] }), 'towns'],
    ] as const) {
      const result = await server.call<{ error: string; field: string }>('POST', '/api/users', {
        token,
        body,
      });
      expect(result.status, JSON.stringify(body)).toBe(403);
      expect(result.body.field).toBe(field);
    }
    expect(await listed(server, token)).not.toContain('new.worker');
  });

  it('answer bad input with 400 naming the field, and create nothing', async () => {
    const server = await startTestServer(database, fixture);
    const token = await server.login(admin);
    for (const [body, field] of [
      [newWorker({ password: 'short' }), 'password'],
      [newWorker({ username: 'has space' }), 'username'],
      [newWorker({ displayName: '  ' }), 'displayName'],
      [newWorker({ role: 'boss' }), 'role'],
      [newWorker({ towns: ['火星镇'] }), 'towns.0'],
      [newWorker({ towns: [] }), 'towns'],
      [newWorker({ towns: [TOWN_A, TOWN_A] }), 'towns'],
      [{ ...newWorker(), extra: true }, undefined],
    ] as const) {
      const result = await server.call<{ error: string; field?: string }>('POST', '/api/users', {
        token,
        body,
      });
      expect(result.status, JSON.stringify(body)).toBe(400);
      expect(result.body.error).toBe('invalid_body');
      if (field !== undefined) expect(result.body.field).toBe(field);
    }
    expect(await listed(server, token)).not.toContain('new.worker');
  });

  it('answer a taken username with 409 and leave the account as it was', async () => {
    const server = await startTestServer(database, fixture);
    const token = await server.login(coordinatorA);
    const result = await server.call<{ error: string; field: string }>('POST', '/api/users', {
      token,
      body: newWorker({ username: workerA2.username }),
    });
    expect(result.status).toBe(409);
    expect(result.body).toMatchObject({ error: 'conflict', field: 'username' });
    expect(await signIn(server, workerA2.username, PASSWORD)).toBe(200);
    expect(await signIn(server, workerA2.username, NEW_PASSWORD)).toBe(401);
  });

  it('end a disabled worker’s sessions at once, refuse their sign-in, and let them back in when enabled', async () => {
    const server = await startTestServer(database, fixture);
    const manager = await server.login(coordinatorA);
    const session = await server.login(workerA1);

    const disabled = await server.call<{ user: User }>('PATCH', `/api/users/${workerA1.id}`, {
      token: manager,
      body: { disabled: true },
    });
    expect(disabled.status).toBe(200);
    expect(disabled.body.user).toMatchObject({ disabled: true, updatedBy: coordinatorA.id });
    expect((await server.call('GET', '/api/auth/me', { token: session })).status).toBe(401);
    expect((await server.call('GET', '/api/sync/elders/pull?limit=10', { token: session })).status).toBe(401);
    expect(await signIn(server, workerA1.username, PASSWORD)).toBe(401);

    await server.call('PATCH', `/api/users/${workerA1.id}`, { token: manager, body: { disabled: false } });
    expect(await signIn(server, workerA1.username, PASSWORD)).toBe(200);
  });

  it('end every session on a new password, which then works while the old one does not', async () => {
    const server = await startTestServer(database, fixture);
    const session = await server.login(workerA2);
    const result = await server.call('POST', `/api/users/${workerA2.id}/password`, {
      token: await server.login(coordinatorA),
      body: { password: NEW_PASSWORD },
    });
    expect(result.status).toBe(200);
    expect((await server.call('GET', '/api/auth/me', { token: session })).status).toBe(401);
    expect(await signIn(server, workerA2.username, PASSWORD)).toBe(401);
    expect(await signIn(server, workerA2.username, NEW_PASSWORD)).toBe(200);
  });

  it('let anyone set their own password, and refuse a too short one with 400', async () => {
    const server = await startTestServer(database, fixture);
    const token = await server.login(workerB1);
    const short = await server.call('POST', `/api/users/${workerB1.id}/password`, {
      token,
      body: { password: 'short' },
    });
    expect(short.status).toBe(400);
    const result = await server.call('POST', `/api/users/${workerB1.id}/password`, {
      token,
      body: { password: NEW_PASSWORD },
    });
    expect(result.status).toBe(200);
    expect(await signIn(server, workerB1.username, NEW_PASSWORD)).toBe(200);
  });

  it('hide from a coordinator the accounts of other towns (404) and refuse those they see but do not manage (403)', async () => {
    const server = await startTestServer(database, fixture);
    const token = await server.login(coordinatorA);
    const otherTown = await server.call('PATCH', `/api/users/${workerB1.id}`, {
      token,
      body: { displayName: 'x' },
    });
    expect(otherTown.status).toBe(404);
    const notAnId = await server.call('PATCH', '/api/users/not-an-id', { token, body: { displayName: 'x' } });
    expect(notAnId.status).toBe(404);
    const itself = await server.call('PATCH', `/api/users/${coordinatorA.id}`, {
      token,
      body: { displayName: 'x' },
    });
    expect(itself.status).toBe(403);
    const moved = await server.call<{ field: string }>('PATCH', `/api/users/${workerA1.id}`, {
      token,
      body: { towns: [TOWN_B] },
    });
    expect(moved.status).toBe(403);
    expect(moved.body.field).toBe('towns');
    expect(await listed(server, token)).toContain(workerA1.username);
  });

  it('let an admin add coordinators of any towns and other admins, but not disable their own account', async () => {
    const server = await startTestServer(database, fixture);
    const token = await server.login(admin);
    const coordinator = await server.call<{ user: User }>('POST', '/api/users', {
      token,
      body: newWorker({ username: 'coord-ab', role: 'coordinator', towns: [TOWN_A, TOWN_B] }),
    });
    expect(coordinator.status).toBe(201);
    const other = await server.call<{ user: User }>('POST', '/api/users', {
      token,
      body: newWorker({ username: 'admin-2', role: 'admin', towns: [] }),
    });
    expect(other.status).toBe(201);
    const self = await server.call<{ field: string }>('PATCH', `/api/users/${admin.id}`, {
      token,
      body: { disabled: true },
    });
    expect(self.status).toBe(400);
    expect(self.body.field).toBe('disabled');
    expect(await signIn(server, admin.username, PASSWORD)).toBe(200);
  });
});
