// One device cannot make the server slow for everyone: a record's fieldTimes name its own fields
// only, a record weighs at most MAX_RECORD_BYTES, no body may carry a `__proto__` key, and pull pages
// are cut by size as well as count. Refused pushes write nothing.
import { describe, expect, it } from 'vitest';
import { MAX_RECORD_BYTES } from '../../src/domain/api';
import type { Visit } from '../../src/domain/schemas';
import { PULL_PAGE_CHARS } from '../../src/server/store/pull';
import { makeVisit, twoTowns } from '../support/fixtures';
import { create, databases, startTestServer } from '../support/test-servers';

const fixture = twoTowns();
const { workerA1, coordinatorA } = fixture.users;
const SERVER_NOW = new Date('2026-11-20T03:00:00.000Z');

/** A Chinese text of exactly `length` characters. */
const chinese = (length: number) => '老人独居膝盖疼药按时吃'.repeat(Math.ceil(length / 11)).slice(0, length);

/** A visit of a1 with every text at its longest, in Chinese. */
function longestVisit(): Visit {
  return makeVisit(fixture.elders.a1, {
    livingSituation: chinese(2000),
    physicalState: chinese(2000),
    mentalState: chinese(2000),
    needs: chinese(2000),
    notes: chinese(4000),
    followUp: { needed: true, urgency: 'high', note: chinese(1000) },
    participants: Array.from({ length: 30 }, (_, i) => ({
      name: chinese(50),
      minutes: i,
      volunteerId: null,
    })),
    wish: { text: chinese(500), fulfilledAt: null },
  });
}

describe.each(databases)('limits on what one device pushes ($name)', (database) => {
  const start = () => startTestServer(database, fixture, { clock: () => SERVER_NOW });

  it('refuses a visit whose fieldTimes name something that is not one of its fields, and writes nothing', async () => {
    const server = await start();
    const token = await server.login(workerA1);
    const before = await server.dump();
    const visit = makeVisit(fixture.elders.a1, { fieldTimes: { notes: SERVER_NOW.toISOString() } });
    const bloated = { ...visit, fieldTimes: { ...visit.fieldTimes, k00001: SERVER_NOW.toISOString() } };

    const result = await server.push(token, 'visits', [create(bloated)]);

    expect(result.status).toBe(400);
    expect(result.body).toMatchObject({
      error: 'invalid_body',
      field: '0.newDocumentState.fieldTimes.k00001',
    });
    expect(await server.dump()).toEqual(before);
  });

  it('takes fieldTimes that name the record’s own fields', async () => {
    const server = await start();
    const token = await server.login(workerA1);
    const at = SERVER_NOW.toISOString();
    const visit = makeVisit(fixture.elders.a1, { fieldTimes: { notes: at, mode: at, wish: at } });
    expect((await server.push(token, 'visits', [create(visit)])).status).toBe(200);
    expect((await server.stored('visits')).find((doc) => doc.id === visit.id)).toEqual(visit);
  });

  it.each([
    ['as written', '"__proto__"'],
    ['spelled with escapes', '"\\u005f\\u005fproto\\u005f\\u005f"'],
  ])('refuses a body with a __proto__ key %s, and writes nothing', async (_how, key) => {
    const server = await start();
    const token = await server.login(workerA1);
    const before = await server.dump();
    const visit = makeVisit(fixture.elders.a1, { fieldTimes: { notes: SERVER_NOW.toISOString() } });
    const body = JSON.stringify([create(visit)]).replace('"fieldTimes":{', `"fieldTimes":{${key}:"x",`);
    expect(body).toContain(`{${key}:"x","notes":`);

    const result = await server.call<{ error: string; message: string }>('POST', '/api/sync/visits/push', {
      token,
      rawBody: body,
    });

    expect(result.status).toBe(400);
    expect(result.body).toMatchObject({ error: 'invalid_body', message: 'a key may not be named __proto__' });
    expect(await server.dump()).toEqual(before);
  });

  it('takes a visit with every text at its longest, in Chinese: the size cap leaves room for it', async () => {
    const server = await start();
    const token = await server.login(workerA1);
    const visit = longestVisit();
    expect(Buffer.byteLength(JSON.stringify(visit))).toBeGreaterThan(40_000);
    expect((await server.push(token, 'visits', [create(visit)])).status).toBe(200);
  });

  it('refuses a record over the size cap, naming the limit and the record, and writes nothing', async () => {
    const server = await start();
    const token = await server.login(workerA1);
    const before = await server.dump();
    // Control characters each take six bytes in JSON (\u0001): within every length, over the cap.
    const control = (length: number) => '\u0001'.repeat(length);
    const heavy = makeVisit(fixture.elders.a1, {
      livingSituation: control(2000),
      physicalState: control(2000),
      mentalState: control(2000),
      needs: control(2000),
      notes: control(4000),
    });
    expect(Buffer.byteLength(JSON.stringify(heavy))).toBeGreaterThan(MAX_RECORD_BYTES);

    const result = await server.push(token, 'visits', [create(makeVisit(fixture.elders.a1)), create(heavy)]);

    expect(result.status).toBe(400);
    expect(result.body).toMatchObject({ error: 'invalid_body', field: '1.newDocumentState' });
    expect(result.body.message).toContain(String(MAX_RECORD_BYTES));
    expect(await server.dump()).toEqual(before);
  });

  it('cuts a pull page of large records by size, says there is more, and the next page goes on', async () => {
    const server = await start();
    const token = await server.login(workerA1);
    const perVisit = JSON.stringify(longestVisit()).length;
    const count = Math.ceil(PULL_PAGE_CHARS / perVisit) + 5;
    const visits = Array.from({ length: count }, () => longestVisit());
    for (let i = 0; i < count; i += 50) {
      const result = await server.push(token, 'visits', visits.slice(i, i + 50).map(create));
      expect(result.status).toBe(200);
    }
    const coordinator = await server.login(coordinatorA);

    const first = await server.pull(coordinator, 'visits', { limit: 1000, checkpoint: null });
    expect(first.status).toBe(200);
    expect(first.body.more).toBe(true);
    expect(first.body.documents.length).toBeLessThan(count);
    expect(JSON.stringify(first.body.documents).length).toBeLessThanOrEqual(PULL_PAGE_CHARS + perVisit);

    const all = await server.pullAll(coordinator, 'visits', null, 1000);
    const ids = new Set(all.documents.map((doc) => doc.id));
    for (const visit of visits) expect(ids.has(visit.id)).toBe(true);
    expect(ids.size).toBe(all.documents.length);
  });
});
