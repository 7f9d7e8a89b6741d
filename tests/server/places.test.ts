// /api/places: the town list every user reads, and an admin's edits of it, on both databases.
import { describe, expect, it } from 'vitest';
import type { Town } from '../../src/domain/places';
import type { Elder } from '../../src/domain/schemas';
import { makeElder, makeUser, TOWN_A, twoTowns, withPassword } from '../support/fixtures';
import { databases, startTestServer } from '../support/test-servers';

const base = twoTowns();
const admin = makeUser({ username: 'city-admin', role: 'admin', towns: [] });
const { coordinatorA, workerA1 } = base.users;
// Two elders of the same town in another community than the fixture's others (竹苑社区).
const inQiwan = [1, 2].map((i) =>
  makeElder({
    name: `起湾长者${i}`,
    community: '起湾社区',
    assignedWorkerId: workerA1.id,
    updatedBy: coordinatorA.id,
  }),
);
const fixture = {
  dataset: {
    ...base.dataset,
    users: [...base.dataset.users, ...withPassword([admin])],
    elders: [...base.dataset.elders, ...inQiwan],
  },
};
const RENAME = `/api/places/${encodeURIComponent(TOWN_A)}/communities/${encodeURIComponent('起湾社区')}`;

describe.each(databases)('the place list ($name)', (database) => {
  it('gives any signed-in user the 23 towns in the city’s order, 8 subdistricts then 15 towns', async () => {
    const server = await startTestServer(database, fixture);
    expect((await server.call('GET', '/api/places')).status).toBe(401);
    const result = await server.call<{ towns: Town[] }>('GET', '/api/places', {
      token: await server.login(workerA1),
    });

    expect(result.status).toBe(200);
    const { towns } = result.body;
    expect(towns).toHaveLength(23);
    expect(towns.slice(0, 8).every((town) => town.kind === 'subdistrict')).toBe(true);
    expect(towns.slice(8).every((town) => town.kind === 'town')).toBe(true);
    expect(towns[0]?.name).toBe('石岐街道');
    expect(towns.map((town) => town.name)).toContain('小榄镇');
    expect(towns.map((town) => town.name)).not.toContain('东升镇'); // merged into 小榄镇
    expect(towns.find((town) => town.name === TOWN_A)?.communities).toEqual(
      expect.arrayContaining(['竹苑社区', '起湾社区', '桃苑社区']),
    );
  });

  it('lets only an admin add a community, once, to a town that exists', async () => {
    const server = await startTestServer(database, fixture);
    const path = `/api/places/${encodeURIComponent(TOWN_A)}/communities`;
    for (const user of [workerA1, coordinatorA]) {
      const refused = await server.call('POST', path, {
        token: await server.login(user),
        body: { name: '新社区' },
      });
      expect(refused.status, user.username).toBe(403);
    }
    const token = await server.login(admin);
    const added = await server.call<{ town: Town }>('POST', path, { token, body: { name: '新社区' } });
    expect(added.status).toBe(201);
    expect(added.body.town.communities.at(-1)).toBe('新社区');
    expect((await server.call('POST', path, { token, body: { name: '新社区' } })).status).toBe(409);
    expect((await server.call('POST', path, { token, body: { name: ' ' } })).status).toBe(400);
    const unknown = await server.call('POST', `/api/places/${encodeURIComponent('火星镇')}/communities`, {
      token,
      body: { name: '新社区' },
    });
    expect(unknown.status).toBe(404);
    const list = await server.call<{ towns: Town[] }>('GET', '/api/places', {
      token: await server.login(workerA1),
    });
    expect(
      list.body.towns.find((town) => town.name === TOWN_A)?.communities.filter((c) => c === '新社区'),
    ).toHaveLength(1);
  });

  it('renames a community and its elders’ records as an edit by the admin, which the town’s devices pull', async () => {
    const server = await startTestServer(database, fixture);
    const workerToken = await server.login(workerA1);
    const { checkpoint } = await server.pullAll(workerToken, 'elders');
    expect(
      (
        await server.call('PATCH', RENAME, {
          token: await server.login(coordinatorA),
          body: { name: '起湾新村社区' },
        })
      ).status,
    ).toBe(403);

    const renamed = await server.call<{ town: Town; elders: number }>('PATCH', RENAME, {
      token: await server.login(admin),
      body: { name: '起湾新村社区' },
    });

    expect(renamed.status).toBe(200);
    expect(renamed.body.elders).toBe(2);
    expect(renamed.body.town.communities).toContain('起湾新村社区');
    expect(renamed.body.town.communities).not.toContain('起湾社区');
    const { documents } = await server.pullAll(workerToken, 'elders', checkpoint);
    expect(documents.map((doc) => doc.id).sort()).toEqual(inQiwan.map((elder) => elder.id).sort());
    for (const doc of documents as Elder[]) {
      const before = inQiwan.find((elder) => elder.id === doc.id) as Elder;
      expect(doc.community).toBe('起湾新村社区');
      expect(doc.updatedBy).toBe(admin.id);
      expect(doc.fieldTimes.community).toBe(doc.updatedAt);
      // The other fields keep the time they were last edited, so a device's edit of them still wins.
      expect(doc.fieldTimes.phone).toBe(before.updatedAt);
      expect({ ...doc, community: before.community }).toMatchObject({
        name: before.name,
        phone: before.phone,
      });
    }
  });

  it('refuses to rename a community the town lacks (404) or to a name it has (409)', async () => {
    const server = await startTestServer(database, fixture);
    const token = await server.login(admin);
    const missing = `/api/places/${encodeURIComponent(TOWN_A)}/communities/${encodeURIComponent('无此社区')}`;
    expect((await server.call('PATCH', missing, { token, body: { name: '甲' } })).status).toBe(404);
    expect((await server.call('PATCH', RENAME, { token, body: { name: '竹苑社区' } })).status).toBe(409);
    const { documents } = await server.pullAll(await server.login(workerA1), 'elders');
    expect((documents as Elder[]).filter((elder) => elder.community === '起湾社区')).toHaveLength(2);
  });
});
