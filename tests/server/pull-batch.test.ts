// POST /api/sync/pull: several collections in one request, each part answered as its own pull.
import { describe, expect, it } from 'vitest';
import { COLLECTIONS } from '../../src/domain/schemas';
import { makeVisit, twoTowns } from '../support/fixtures';
import { create, databases, startTestServer } from '../support/test-servers';

const fixture = twoTowns();
const { workerA1, workerB1 } = fixture.users;
const { a1: elderA1 } = fixture.elders;

describe.each(databases)('pulling several collections in one request ($name)', (database) => {
  it('answers each part exactly as a pull of that collection alone, in the order asked', async () => {
    const server = await startTestServer(database, fixture);
    const token = await server.login(workerA1);
    const { checkpoint: visitsSeen } = await server.pullAll(token, 'visits');
    const pushed = await server.push(token, 'visits', [
      create(makeVisit(elderA1)),
      create(makeVisit(elderA1)),
    ]);
    expect(pushed.body).toEqual([]);
    const parts = [
      { collection: 'visits', checkpoint: visitsSeen, limit: 1 },
      { collection: 'users', checkpoint: null, limit: 2 },
      { collection: 'elders', checkpoint: null, limit: 100 },
    ] as const;

    const batch = await server.pullBatch(token, { pulls: parts });

    expect(batch.status).toBe(200);
    const alone = await Promise.all(
      parts.map(async ({ collection, checkpoint, limit }) => {
        const page = await server.pull(token, collection, { limit, checkpoint });
        return page.body;
      }),
    );
    expect(batch.body.pulls).toEqual(alone);
    expect(batch.body.pulls[0]?.documents).toHaveLength(1);
    expect(batch.body.pulls[1]?.documents).toHaveLength(2);
  });

  it('pages each collection on its own: the next request goes on from that part’s checkpoint', async () => {
    const server = await startTestServer(database, fixture);
    const token = await server.login(workerA1);
    const visits = [makeVisit(elderA1), makeVisit(elderA1), makeVisit(elderA1)];
    await server.push(token, 'visits', visits.map(create));
    const { documents: everything } = await server.pullAll(token, 'visits', null, 100);

    const first = await server.pullBatch(token, {
      pulls: [
        { collection: 'visits', checkpoint: null, limit: 2 },
        { collection: 'elders', checkpoint: null, limit: 100 },
      ],
    });
    const next = await server.pullBatch(token, {
      pulls: [{ collection: 'visits', checkpoint: first.body.pulls[0]?.checkpoint, limit: 2 }],
    });

    expect(next.status).toBe(200);
    const pulled = [...(first.body.pulls[0]?.documents ?? []), ...(next.body.pulls[0]?.documents ?? [])];
    expect(pulled).toEqual(everything);
    expect(first.body.pulls[1]?.documents).toEqual([elderA1]);
  });

  it('gives a worker only what they may see in every part', async () => {
    const server = await startTestServer(database, fixture);
    const token = await server.login(workerB1);

    const batch = await server.pullBatch(token, {
      pulls: COLLECTIONS.map((collection) => ({ collection, checkpoint: null, limit: 1000 })),
    });

    expect(batch.status).toBe(200);
    const byCollection = Object.fromEntries(
      COLLECTIONS.map((collection, i) => [collection, batch.body.pulls[i]?.documents ?? []]),
    );
    expect(byCollection.elders).toEqual([fixture.elders.b1]);
    expect(byCollection.schedules).toEqual([fixture.schedules.b1]);
    expect(byCollection.visits).toEqual([fixture.visits.b1]);
    expect(
      (byCollection.users ?? []).every((u) => 'towns' in u && u.towns.includes(workerB1.towns[0] ?? '')),
    ).toBe(true);
  });

  it.each([
    ['a collection asked twice', { pulls: [visitsPart(), visitsPart()] }, 'pulls'],
    ['an unknown collection', { pulls: [{ ...visitsPart(), collection: 'secrets' }] }, 'pulls.0.collection'],
    ['a limit over the largest page', { pulls: [{ ...visitsPart(), limit: 1001 }] }, 'pulls.0.limit'],
    ['a limit of 0', { pulls: [{ ...visitsPart(), limit: 0 }] }, 'pulls.0.limit'],
    [
      'a checkpoint that is not one',
      { pulls: [{ ...visitsPart(), checkpoint: { seq: -1, id: '' } }] },
      'pulls.0.checkpoint.seq',
    ],
    ['no parts at all', { pulls: [] }, 'pulls'],
    ['an unknown key', { pulls: [visitsPart()], since: 0 }, undefined],
  ])('refuses %s with 400 naming the field', async (_name, body, field) => {
    const server = await startTestServer(database, fixture);
    const token = await server.login(workerA1);

    const answer = await server.pullBatch(token, body);

    expect(answer.status).toBe(400);
    expect(answer.body.error).toBe('invalid_body');
    if (field !== undefined) expect(answer.body.field).toBe(field);
  });

  it('refuses a body that is not JSON, and anyone not signed in', async () => {
    const server = await startTestServer(database, fixture);
    const token = await server.login(workerA1);

    const garbled = await server.call('POST', '/api/sync/pull', { token, rawBody: '{"pulls": [' });
    const anonymous = await server.call('POST', '/api/sync/pull', { body: { pulls: [visitsPart()] } });

    expect(garbled.status).toBe(400);
    expect(anonymous.status).toBe(401);
  });
});

function visitsPart() {
  return { collection: 'visits', checkpoint: null, limit: 10 };
}
