// The change counter (seq) moves only when something is written: a retried push, or one that only
// conflicts, leaves it and every table as they were, so retries cannot run it up to its limit.
import { describe, expect, it } from 'vitest';
import { makeVisit, twoTowns } from '../support/fixtures';
import { create, databases, startTestServer, update } from '../support/test-servers';

const fixture = twoTowns();
const { workerA1 } = fixture.users;

describe.each(databases)('the change counter ($name)', (database) => {
  it('moves once for a push that writes, and not for its retries', async () => {
    const server = await startTestServer(database, fixture);
    const token = await server.login(workerA1);
    const rows = [create(makeVisit(fixture.elders.a1))];
    const start = await server.dump();

    expect((await server.push(token, 'visits', rows)).body).toEqual([]);
    const written = await server.dump();
    expect(written.sync_version).not.toEqual(start.sync_version);

    expect((await server.push(token, 'visits', rows)).body).toEqual([]);
    expect((await server.pushBatch(token, { pushes: [{ collection: 'visits', rows }] })).status).toBe(200);
    expect(await server.dump()).toEqual(written);
  });

  it('does not move for a push that only conflicts', async () => {
    const server = await startTestServer(database, fixture);
    const token = await server.login(workerA1);
    const visit = fixture.visits.a1;
    const stale = update({ ...visit, notes: '旧的' }, { notes: '新的', updatedBy: workerA1.id });
    const before = await server.dump();

    const result = await server.push(token, 'visits', [stale]);

    expect(result.body).toEqual([visit]);
    expect(await server.dump()).toEqual(before);
  });
});
