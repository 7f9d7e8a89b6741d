// The review list: entries made on a device when both sides changed the same field of one record. They
// sync like the elder's other records: scoped by elder for workers and by town for coordinators.
import { describe, expect, it } from 'vitest';
import type { AnyDocument, Review } from '../../src/domain/schemas';
import type { ChangeEvent } from '../../src/server/sync/change-notifier';
import { makeReview, TOWN_A, twoTowns } from '../support/fixtures';
import { create, databases, startTestServer, update } from '../support/test-servers';

const fixture = twoTowns();
const { coordinatorA, coordinatorB, workerA1, workerA2, workerB1 } = fixture.users;
const { elders, visits } = fixture;

const ids = (documents: AnyDocument[]) => documents.map((doc) => doc.id).sort();

describe.each(databases)('the review list ($name)', (database) => {
  it.each(['kept', 'other'] as const)(
    'refuses an entry whose %s value is not JSON, naming it, and writes nothing',
    async (side) => {
      const server = await startTestServer(database, fixture);
      const token = await server.login(workerA1);
      const before = await server.dump();
      const review = makeReview(elders.a1);
      const broken = { ...review, [side]: { ...review[side], value: 'not json {' } };
      const result = await server.push(token, 'reviews', [create(broken)]);
      expect(result.status).toBe(400);
      expect(result.body).toMatchObject({ field: `0.newDocumentState.${side}.value` });
      expect(await server.dump()).toEqual(before);
    },
  );

  it('gives a worker the reviews of their elders and a coordinator those of their towns', async () => {
    const server = await startTestServer(database, fixture);
    const reviews = { a1: makeReview(elders.a1), a2: makeReview(elders.a2), b1: makeReview(elders.b1) };
    expect((await server.push(await server.login(workerA1), 'reviews', [create(reviews.a1)])).body).toEqual(
      [],
    );
    expect((await server.push(await server.login(workerA2), 'reviews', [create(reviews.a2)])).body).toEqual(
      [],
    );
    expect((await server.push(await server.login(workerB1), 'reviews', [create(reviews.b1)])).body).toEqual(
      [],
    );

    const worker = await server.login(workerA1);
    expect((await server.pullAll(worker, 'reviews')).documents).toEqual([reviews.a1]);
    // Page by page too: the other worker's review of the same town never slips in.
    expect((await server.pullAll(worker, 'reviews', null, 1)).documents).toEqual([reviews.a1]);
    expect(ids((await server.pullAll(await server.login(coordinatorA), 'reviews')).documents)).toEqual(
      ids([reviews.a1, reviews.a2]),
    );
    expect((await server.pullAll(await server.login(coordinatorB), 'reviews')).documents).toEqual([
      reviews.b1,
    ]);
  });

  it('stores a review as sent, with its elder and town as scope columns', async () => {
    const server = await startTestServer(database, fixture);
    const review = makeReview(elders.a1, {
      collectionName: 'visits',
      recordId: visits.a1.id,
      field: 'notes',
    });
    expect((await server.push(await server.login(workerA1), 'reviews', [create(review)])).body).toEqual([]);
    expect(await server.storedRow('reviews', review.id)).toMatchObject({
      doc: JSON.stringify(review),
      elder_id: elders.a1.id,
      town: TOWN_A,
      assigned_worker_id: null,
      deleted: 0,
    });
  });

  it('lets the worker and the coordinator settle a review, one after the other', async () => {
    const server = await startTestServer(database, fixture);
    const review = makeReview(elders.a1);
    const worker = await server.login(workerA1);
    expect((await server.push(worker, 'reviews', [create(review)])).body).toEqual([]);
    const reviewed: Review = {
      ...review,
      status: 'reviewed',
      resolution: 'kept',
      reviewedBy: workerA1.id,
      updatedAt: '2026-11-21T01:00:00.000Z',
    };
    expect((await server.push(worker, 'reviews', [update(review, reviewed)])).body).toEqual([]);
    const reopened = { ...reviewed, status: 'open' as const, resolution: null, updatedBy: coordinatorA.id };
    const coordinator = await server.login(coordinatorA);
    expect((await server.push(coordinator, 'reviews', [update(reviewed, reopened)])).body).toEqual([]);
    expect((await server.pullAll(worker, 'reviews')).documents).toEqual([reopened]);
  });

  it("gives the newly assigned worker the elder's reviews, from the checkpoint they already had", async () => {
    const server = await startTestServer(database, fixture);
    const successor = await server.login(workerA2);
    const before = (await server.pullAll(successor, 'reviews')).checkpoint;
    const review = makeReview(elders.a1);
    expect((await server.push(await server.login(workerA1), 'reviews', [create(review)])).body).toEqual([]);
    // The successor's own review moves their feed past the other one's seq.
    const own = makeReview(elders.a2);
    expect((await server.push(successor, 'reviews', [create(own)])).body).toEqual([]);
    const caughtUp = await server.pullAll(successor, 'reviews', before);
    expect(caughtUp.documents).toEqual([own]);

    const moved = { ...elders.a1, assignedWorkerId: workerA2.id, updatedBy: coordinatorA.id };
    expect(
      (await server.push(await server.login(coordinatorA), 'elders', [update(elders.a1, moved)])).body,
    ).toEqual([]);
    expect((await server.pullAll(successor, 'reviews', caughtUp.checkpoint)).documents).toEqual([review]);
  });

  it("announces a pushed review to the people of its town, of the workers to the elder's worker", async () => {
    const server = await startTestServer(database, fixture);
    const events: ChangeEvent[] = [];
    server.notifier.subscribe((event) => events.push(event));
    await server.push(await server.login(workerA1), 'reviews', [create(makeReview(elders.a1))]);
    expect(events).toEqual([{ collections: ['reviews'], towns: [TOWN_A], workers: [workerA1.id] }]);
  });
});
