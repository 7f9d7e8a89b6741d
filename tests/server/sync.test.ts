import { describe, expect, it } from 'vitest';
import type { Visit } from '../../src/domain/schemas';
import { makeVisit, twoTowns } from '../support/fixtures';
import { create, databases, startTestServer, update } from '../support/test-servers';

const fixture = twoTowns();
const { workerA1, coordinatorA } = fixture.users;
const { a1: elderA1 } = fixture.elders;

describe.each(databases)('pull and push ($name)', (database) => {
  it('returns a pushed visit on the next pull, exactly as pushed', async () => {
    const server = await startTestServer(database, fixture);
    const token = await server.login(workerA1);
    const { checkpoint } = await server.pullAll(token, 'visits');

    const visit = makeVisit(elderA1, {
      notes: '送了米和油',
      participants: [{ name: '志愿者小王', minutes: 45 }],
    });
    const pushed = await server.push(token, 'visits', [create(visit)]);
    expect(pushed.status).toBe(200);
    expect(pushed.body).toEqual([]);

    const after = await server.pull(token, 'visits', { limit: 10, checkpoint });
    expect(after.status).toBe(200);
    expect(after.body.documents).toEqual([visit]);
    expect(after.body.checkpoint).toEqual({ seq: expect.any(Number), id: visit.id });
    expect(after.body.checkpoint?.seq).toBeGreaterThan(checkpoint?.seq ?? 0);
    // Stored as the device sent it: same text, key order included.
    expect((await server.storedRow('visits', visit.id))?.doc).toBe(JSON.stringify(visit));
  });

  it('pages by checkpoint in (seq, id) order, and a short page means caught up', async () => {
    const server = await startTestServer(database, fixture);
    const token = await server.login(workerA1);
    const visits = Array.from({ length: 7 }, () => makeVisit(elderA1));
    // Two requests: rows of one push share a seq, so paging must order by id within it.
    expect((await server.push(token, 'visits', visits.slice(0, 4).map(create))).status).toBe(200);
    expect((await server.push(token, 'visits', visits.slice(4).map(create))).status).toBe(200);

    const seen: Visit[] = [];
    const pages: number[] = [];
    let checkpoint = null;
    for (;;) {
      const page = await server.pull(token, 'visits', { limit: 3, checkpoint });
      expect(page.status).toBe(200);
      seen.push(...(page.body.documents as Visit[]));
      pages.push(page.body.documents.length);
      checkpoint = page.body.checkpoint;
      if (page.body.documents.length < 3) break;
    }
    // The fixture's own visit of this elder, then the seven pushed.
    expect(pages).toEqual([3, 3, 2]);
    expect(seen.map((visit) => visit.id)).toEqual([fixture.visits.a1.id, ...visits.map((visit) => visit.id)]);

    const caughtUp = await server.pull(token, 'visits', { limit: 3, checkpoint });
    expect(caughtUp.body).toEqual({ documents: [], checkpoint });
  });

  it('answers a first pull of an empty feed with a null checkpoint', async () => {
    const server = await startTestServer(database, fixture);
    const token = await server.login(fixture.users.workerA2);
    await server.push(await server.login(coordinatorA), 'elders', [
      update(fixture.elders.a2, { assignedWorkerId: workerA1.id, updatedBy: coordinatorA.id }),
    ]);
    const pull = await server.pull(token, 'elders', { limit: 10 });
    expect(pull.body).toEqual({ documents: [], checkpoint: null });
  });

  it('returns the stored master for a conflicting push and leaves it as it was', async () => {
    const server = await startTestServer(database, fixture);
    const worker = await server.login(workerA1);
    const coordinator = await server.login(coordinatorA);
    const base = fixture.elders.a1;
    const byCoordinator = { ...base, riskTier: 'key' as const, updatedBy: coordinatorA.id };
    expect((await server.push(coordinator, 'elders', [update(base, byCoordinator)])).body).toEqual([]);
    const before = await server.storedRow('elders', base.id);

    const stale = await server.push(worker, 'elders', [
      update(base, { notes: '怕冷', updatedBy: workerA1.id }),
    ]);
    expect(stale.status).toBe(200);
    expect(stale.body).toEqual([byCoordinator]);
    expect(await server.storedRow('elders', base.id)).toEqual(before);
  });

  it('treats a retried identical push as done: no conflict, no new seq, no duplicate', async () => {
    const server = await startTestServer(database, fixture);
    const token = await server.login(workerA1);
    const visit = makeVisit(elderA1);
    const edited = { ...visit, notes: '复访' };
    await server.push(token, 'visits', [create(visit)]);
    await server.push(token, 'visits', [{ newDocumentState: edited, assumedMasterState: visit }]);
    const stored = await server.storedRow('visits', visit.id);
    const { checkpoint } = await server.pullAll(token, 'visits');
    const before = await server.dump();

    // The response to both was "lost"; the device sends both again, keys in another order.
    const reordered = Object.fromEntries(Object.entries(edited).reverse()) as Visit;
    const retryCreate = await server.push(token, 'visits', [create(visit)]);
    const retryEdit = await server.push(token, 'visits', [
      { newDocumentState: reordered, assumedMasterState: visit },
    ]);
    // The create's retry conflicts on purpose: the master moved on, and the device must learn it.
    expect(retryCreate.body).toEqual([edited]);
    expect(retryEdit.body).toEqual([]);
    expect(await server.storedRow('visits', visit.id)).toEqual(stored);
    const { sync_version: _v, ...rowsBefore } = before;
    const { sync_version: _w, ...rowsAfter } = await server.dump();
    expect(rowsAfter).toEqual(rowsBefore);
    expect((await server.pull(token, 'visits', { limit: 10, checkpoint })).body.documents).toEqual([]);
  });

  it('writes a create over nothing even when the device assumed a master', async () => {
    const server = await startTestServer(database, fixture);
    const token = await server.login(workerA1);
    const visit = makeVisit(elderA1);
    const result = await server.push(token, 'visits', [
      { newDocumentState: visit, assumedMasterState: visit },
    ]);
    expect(result.body).toEqual([]);
    expect((await server.storedRow('visits', visit.id))?.doc).toBe(JSON.stringify(visit));
  });

  it('returns soft-deleted documents on pull, so devices delete them too', async () => {
    const server = await startTestServer(database, fixture);
    const token = await server.login(workerA1);
    const { checkpoint } = await server.pullAll(token, 'visits');
    const gone = { ...fixture.visits.a1, _deleted: true };
    await server.push(token, 'visits', [{ newDocumentState: gone, assumedMasterState: fixture.visits.a1 }]);
    expect((await server.pull(token, 'visits', { limit: 10, checkpoint })).body.documents).toEqual([gone]);
    expect((await server.storedRow('visits', gone.id))?.deleted).toBe(1);
  });

  it('records who wrote each change in the change log', async () => {
    const server = await startTestServer(database, fixture);
    const token = await server.login(workerA1);
    const visit = makeVisit(elderA1);
    await server.push(token, 'visits', [create(visit)]);
    const { change_log } = await server.dump();
    expect(change_log).toContainEqual(
      expect.objectContaining({ collection: 'visits', id: visit.id, user_id: workerA1.id }),
    );
  });

  it('answers 404 for an unknown collection', async () => {
    const server = await startTestServer(database, fixture);
    const token = await server.login(workerA1);
    const pull = await server.pull(token, 'sessions', { limit: 10 });
    expect(pull.status).toBe(404);
    expect(pull.body).toMatchObject({ error: 'not_found' });
    expect((await server.push(token, 'credentials', [])).status).toBe(404);
  });

  it.each([
    ['limit=0', 'limit'],
    [`limit=1001`, 'limit'],
    ['limit=ten', 'limit'],
    ['', 'limit'],
    ['limit=5&seq=-1&id=x', 'seq'],
    ['limit=5&id=x', 'seq'],
  ])('answers 400 to the pull query "%s", naming %s', async (query, field) => {
    const server = await startTestServer(database, fixture);
    const token = await server.login(workerA1);
    const result = await server.call('GET', `/api/sync/visits/pull?${query}`, { token });
    expect(result.status).toBe(400);
    expect(result.body).toMatchObject({ error: 'invalid_query', field, message: expect.any(String) });
  });
});
