import { describe, expect, it } from 'vitest';
import type { AnyDocument } from '../../src/domain/schemas';
import { makeVisit, twoTowns } from '../support/fixtures';
import { create, databases, startTestServer, update } from '../support/test-servers';

const fixture = twoTowns();
const { coordinatorA, coordinatorB, workerA1, workerA2, workerB1, retired } = fixture.users;
const { elders, schedules, visits } = fixture;

const ids = (documents: AnyDocument[]) => documents.map((doc) => doc.id).sort();

describe.each(databases)('what each person may pull ($name)', (database) => {
  it('gives a worker only their own elders, schedules and visits, and the users of their town', async () => {
    const server = await startTestServer(database, fixture);
    const token = await server.login(workerA1);
    expect(ids((await server.pullAll(token, 'elders')).documents)).toEqual([elders.a1.id]);
    expect(ids((await server.pullAll(token, 'schedules')).documents)).toEqual([schedules.a1.id]);
    expect(ids((await server.pullAll(token, 'visits')).documents)).toEqual([visits.a1.id]);
    expect(ids((await server.pullAll(token, 'users')).documents)).toEqual(
      ids([coordinatorA, workerA1, workerA2, retired]),
    );
  });

  it('gives each caller their own scope when people pull one after another', async () => {
    // The server builds each shape of pull query once and binds the caller on every pull: a caller's
    // id or towns left in the query would hand the next caller the first one's records.
    const server = await startTestServer(database, fixture);
    const tokens = {
      a1: await server.login(workerA1),
      b1: await server.login(workerB1),
      coordA: await server.login(coordinatorA),
      coordB: await server.login(coordinatorB),
    };
    const { checkpoint: seenA1 } = await server.pullAll(tokens.a1, 'visits');
    const { checkpoint: seenB1 } = await server.pullAll(tokens.b1, 'visits');
    const newA1 = makeVisit(elders.a1);
    const newB1 = makeVisit(elders.b1);
    await server.push(tokens.a1, 'visits', [create(newA1)]);
    await server.push(tokens.b1, 'visits', [create(newB1)]);

    for (const round of [1, 2]) {
      expect(ids((await server.pullAll(tokens.a1, 'elders')).documents), `round ${round}`).toEqual([
        elders.a1.id,
      ]);
      expect(ids((await server.pullAll(tokens.b1, 'elders')).documents)).toEqual([elders.b1.id]);
      expect(ids((await server.pullAll(tokens.a1, 'visits', seenA1)).documents)).toEqual([newA1.id]);
      expect(ids((await server.pullAll(tokens.b1, 'visits', seenB1)).documents)).toEqual([newB1.id]);
      expect(ids((await server.pullAll(tokens.coordA, 'schedules')).documents)).toEqual(
        ids([schedules.a1, schedules.a2]),
      );
      expect(ids((await server.pullAll(tokens.coordB, 'schedules')).documents)).toEqual([schedules.b1.id]);
      expect(ids((await server.pullAll(tokens.coordA, 'elders')).documents)).toEqual(
        ids([elders.a1, elders.a2]),
      );
    }
  });

  it("never gives a worker another worker's records of the same town, even page by page", async () => {
    const server = await startTestServer(database, fixture);
    const other = await server.login(workerA2);
    // Many records of the other worker's elder, interleaved in seq with this worker's.
    for (let round = 0; round < 5; round++) {
      await server.push(other, 'visits', [create(makeVisit(elders.a2)), create(makeVisit(elders.a2))]);
    }
    const token = await server.login(workerA1);
    const { documents } = await server.pullAll(token, 'visits', null, 1);
    expect(ids(documents)).toEqual([visits.a1.id]);
  });

  it("gives a coordinator their town's elders, schedules and visits, and the users of their town", async () => {
    const server = await startTestServer(database, fixture);
    const token = await server.login(coordinatorA);
    expect(ids((await server.pullAll(token, 'elders')).documents)).toEqual(ids([elders.a1, elders.a2]));
    expect(ids((await server.pullAll(token, 'schedules')).documents)).toEqual(
      ids([schedules.a1, schedules.a2]),
    );
    expect(ids((await server.pullAll(token, 'visits')).documents)).toEqual(ids([visits.a1, visits.a2]));
    expect(ids((await server.pullAll(token, 'users')).documents)).toEqual(
      ids([coordinatorA, workerA1, workerA2, retired]),
    );

    const other = await server.login(coordinatorB);
    expect(ids((await server.pullAll(other, 'elders')).documents)).toEqual([elders.b1.id]);
    expect(ids((await server.pullAll(other, 'users')).documents)).toEqual(ids([coordinatorB, workerB1]));
  });

  it("gives the newly assigned worker the elder's older records, from the checkpoint they already had", async () => {
    const server = await startTestServer(database, fixture);
    const workerB = await server.login(workerA2);
    const before = {
      elders: (await server.pullAll(workerB, 'elders')).checkpoint,
      schedules: (await server.pullAll(workerB, 'schedules')).checkpoint,
      visits: (await server.pullAll(workerB, 'visits')).checkpoint,
    };
    // Written before the move, by the worker the elder had then.
    const olderVisit = makeVisit(elders.a1, { notes: '上次探访' });
    await server.push(await server.login(workerA1), 'visits', [create(olderVisit)]);
    // Unrelated writes push the feed past those records' seq.
    await server.push(workerB, 'visits', [create(makeVisit(elders.a2))]);
    const caughtUp = (await server.pullAll(workerB, 'visits', before.visits)).checkpoint;

    const moved = { ...elders.a1, assignedWorkerId: workerA2.id, updatedBy: coordinatorA.id };
    const reassign = await server.push(await server.login(coordinatorA), 'elders', [
      update(elders.a1, moved),
    ]);
    expect(reassign.body).toEqual([]);

    expect((await server.pullAll(workerB, 'elders', before.elders)).documents).toEqual([moved]);
    expect(ids((await server.pullAll(workerB, 'schedules', before.schedules)).documents)).toEqual([
      schedules.a1.id,
    ]);
    expect(ids((await server.pullAll(workerB, 'visits', caughtUp)).documents)).toEqual(
      ids([visits.a1, olderVisit]),
    );
    // The former worker no longer receives them.
    const former = await server.login(workerA1);
    expect((await server.pullAll(former, 'elders')).documents).toEqual([]);
    expect((await server.pullAll(former, 'visits')).documents).toEqual([]);
  });
});
