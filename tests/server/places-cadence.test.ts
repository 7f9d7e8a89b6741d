// PUT /api/places/{town}/cadence: a town's visit cadence, set by an admin or the town's coordinator,
// given to everyone in GET /api/places; on both databases.
import { describe, expect, it } from 'vitest';
import { type CadenceRules, DEFAULT_CADENCE } from '../../src/domain/cadence';
import type { Town } from '../../src/domain/places';
import type { ApiError } from '../../src/domain/responses';
import { makeUser, TOWN_A, TOWN_B, twoTowns, withPassword } from '../support/fixtures';
import { databases, startTestServer } from '../support/test-servers';

const base = twoTowns();
const admin = makeUser({ username: 'city-admin', role: 'admin', towns: [] });
const { coordinatorA, coordinatorB, workerA1 } = base.users;
const fixture = { dataset: { ...base.dataset, users: [...base.dataset.users, ...withPassword([admin])] } };

const cadencePath = (town: string) => `/api/places/${encodeURIComponent(town)}/cadence`;
const FORTNIGHTLY: CadenceRules = { ...DEFAULT_CADENCE, high: { every: 2, unit: 'week' } };

describe.each(databases)('a town’s visit cadence ($name)', (database) => {
  it('is the defaults for every town until one is set, in the place list any user reads', async () => {
    const server = await startTestServer(database, fixture);
    const list = await server.call<{ towns: Town[] }>('GET', '/api/places', {
      token: await server.login(workerA1),
    });
    expect(list.status).toBe(200);
    expect(list.body.towns).toHaveLength(23);
    for (const town of list.body.towns) expect(town.cadence, town.name).toEqual(DEFAULT_CADENCE);
  });

  it('is set by the town’s coordinator and given to every user, other towns keeping theirs', async () => {
    const server = await startTestServer(database, fixture);
    const set = await server.call<{ town: Town }>('PUT', cadencePath(TOWN_A), {
      token: await server.login(coordinatorA),
      body: FORTNIGHTLY,
    });
    expect(set.status).toBe(200);
    expect(set.body.town).toMatchObject({ name: TOWN_A, cadence: FORTNIGHTLY });
    expect(set.body.town.communities).toContain('竹苑社区');

    const list = await server.call<{ towns: Town[] }>('GET', '/api/places', {
      token: await server.login(workerA1),
    });
    const cadence = (name: string) => list.body.towns.find((town) => town.name === name)?.cadence;
    expect(cadence(TOWN_A)).toEqual(FORTNIGHTLY);
    expect(cadence(TOWN_B)).toEqual(DEFAULT_CADENCE);
  });

  it('is set by an admin for any town, and set again replaces the last', async () => {
    const server = await startTestServer(database, fixture);
    const token = await server.login(admin);
    expect((await server.call('PUT', cadencePath('神湾镇'), { token, body: FORTNIGHTLY })).status).toBe(200);
    const back = await server.call<{ town: Town }>('PUT', cadencePath('神湾镇'), {
      token,
      body: DEFAULT_CADENCE,
    });
    expect(back.status).toBe(200);
    expect(back.body.town.cadence).toEqual(DEFAULT_CADENCE);
  });

  it('is refused to a worker and to a coordinator of another town, and nothing changes', async () => {
    const server = await startTestServer(database, fixture);
    for (const user of [workerA1, coordinatorB]) {
      const refused = await server.call<ApiError>('PUT', cadencePath(TOWN_A), {
        token: await server.login(user),
        body: FORTNIGHTLY,
      });
      expect(refused.status, user.username).toBe(403);
      expect(refused.body.error).toBe('forbidden');
    }
    expect((await server.call('PUT', cadencePath(TOWN_A), { body: FORTNIGHTLY })).status).toBe(401);
    const list = await server.call<{ towns: Town[] }>('GET', '/api/places', {
      token: await server.login(workerA1),
    });
    expect(list.body.towns.find((town) => town.name === TOWN_A)?.cadence).toEqual(DEFAULT_CADENCE);
  });

  it('refuses a rule out of bounds or tiers out of order with 400 naming the field, changing nothing', async () => {
    const server = await startTestServer(database, fixture);
    const token = await server.login(coordinatorA);
    const cases: [unknown, string][] = [
      [{ ...DEFAULT_CADENCE, high: { every: 0, unit: 'week' } }, 'high.every'],
      [{ ...DEFAULT_CADENCE, high: { every: 1.5, unit: 'week' } }, 'high.every'],
      [{ ...DEFAULT_CADENCE, general: { every: 13, unit: 'month' } }, 'general.every'],
      [{ ...DEFAULT_CADENCE, key: { every: 91, unit: 'day' } }, 'key.every'],
      [{ ...DEFAULT_CADENCE, key: { every: 1, unit: 'year' } }, 'key.unit'],
      [{ high: DEFAULT_CADENCE.high, key: DEFAULT_CADENCE.key }, 'general'],
      // Five weeks is rarer than a month; two months rarer than a general quarter is not, but 4 is.
      [{ ...DEFAULT_CADENCE, high: { every: 5, unit: 'week' } }, 'high'],
      [{ ...DEFAULT_CADENCE, key: { every: 4, unit: 'month' } }, 'key'],
    ];
    for (const [body, field] of cases) {
      const refused = await server.call<ApiError>('PUT', cadencePath(TOWN_A), { token, body });
      expect(refused.status, JSON.stringify(body)).toBe(400);
      expect(refused.body).toMatchObject({ error: 'invalid_body', field });
    }
    const list = await server.call<{ towns: Town[] }>('GET', '/api/places', { token });
    expect(list.body.towns.find((town) => town.name === TOWN_A)?.cadence).toEqual(DEFAULT_CADENCE);
  });

  it('answers 404 for a town not on the list', async () => {
    const server = await startTestServer(database, fixture);
    const unknown = await server.call<ApiError>('PUT', cadencePath('火星镇'), {
      token: await server.login(admin),
      body: FORTNIGHTLY,
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toBe('not_found');
  });
});
