// Moving an elder to another worker: the former worker's device drops the elder's records on its next
// pull (tombstones), the server keeps them, and the former worker's visits from before the move are
// still accepted.
import { describe, expect, it } from 'vitest';
import type { Checkpoint, PushRow } from '../../src/domain/api';
import { applyEdit } from '../../src/domain/merge';
import type { AnyDocument, CollectionName, Elder, Schedule, User, Visit } from '../../src/domain/schemas';
import type { ChangeEvent } from '../../src/server/sync/change-notifier';
import { FORMER_WORKER_GRACE_MS } from '../../src/server/sync/push-rules';
import {
  makeReview,
  makeSchedule,
  makeUser,
  makeVisit,
  PASSWORD,
  TOWN_A,
  TOWN_B,
  twoTowns,
} from '../support/fixtures';
import type { TestServer } from '../support/server';
import { create, databases, startTestServer, type TestDatabase, update } from '../support/test-servers';

const fixture = twoTowns();
const { coordinatorA, coordinatorB, workerA1, workerA2, workerB1 } = fixture.users;
const { elders, schedules, visits } = fixture;

const SYNCED: CollectionName[] = ['elders', 'schedules', 'visits', 'reviews'];
/** The server's clock at the move. Visits are compared with it as instants. */
const MOVED_AT = '2026-11-25T00:00:00.000Z';

type Checkpoints = Record<CollectionName, Checkpoint | null>;

const tombstone = <T extends AnyDocument>(doc: T): T => ({ ...doc, _deleted: true });
const byId = (documents: AnyDocument[]) => [...documents].sort((a, b) => a.id.localeCompare(b.id));

/** A test server whose clock the test sets; it starts the day before the move. */
async function startClockedServer(database: TestDatabase, withFixture = fixture) {
  // Just before the move: every visit the tests send before it has started by then (a server refuses
  // a visit that starts more than 10 minutes after its clock).
  const clock = { now: '2026-11-24T23:59:00.000Z' };
  const server = await startTestServer(database, withFixture, { clock: () => new Date(clock.now) });
  return { server, clock };
}

/** Pulls every synced collection to its end, as the device does; returns where each stopped. */
async function catchUp(server: TestServer, token: string, from?: Checkpoints): Promise<Checkpoints> {
  const checkpoints = {} as Checkpoints;
  for (const collection of [...SYNCED, 'users' as const]) {
    checkpoints[collection] = (
      await server.pullAll(token, collection, from?.[collection] ?? null)
    ).checkpoint;
  }
  return checkpoints;
}

async function pulled(server: TestServer, token: string, collection: CollectionName, from: Checkpoints) {
  return (await server.pullAll(token, collection, from[collection])).documents;
}

/** The coordinator of the elder's town moves it to `worker` (and `town`, when given). */
async function move(server: TestServer, elder: Elder, worker: User, by = coordinatorA, town = elder.town) {
  const moved: Elder = { ...elder, assignedWorkerId: worker.id, town, updatedBy: by.id };
  const result = await server.push(await server.login(by), 'elders', [update(elder, moved)]);
  expect(result.status).toBe(200);
  expect(result.body).toEqual([]);
  return moved;
}

/**
 * The coordinator moves elder A1 from workerA1 to workerA2 at MOVED_AT; the server's clock then
 * stands at the next morning, when the former worker's phone has signal again.
 */
async function moveA1Overnight(server: TestServer, clock: { now: string }): Promise<Elder> {
  clock.now = MOVED_AT;
  const moved = await move(server, elders.a1, workerA2);
  clock.now = '2026-11-26T09:00:00.000Z';
  return moved;
}

/** The former worker's visit for A1's planned visit, made the day before the move. */
function visitOfPlannedBeforeMove(): Visit {
  return makeVisit(elders.a1, {
    scheduleId: schedules.a1.id,
    startedAt: '2026-11-24T02:00:00.000Z',
    endedAt: '2026-11-24T03:00:00.000Z',
  });
}

/** A visit of the former worker recorded offline, `minutes` before (negative: after) the move. */
function visitAround(elder: Elder, worker: User, minutes: number, town = elder.town): Visit {
  // Written with the region's offset, as a phone in Zhongshan may send it: compared as an instant.
  const start = new Date(Date.parse(MOVED_AT) - minutes * 60_000);
  const local = (date: Date) =>
    `${new Date(date.getTime() + 8 * 3_600_000).toISOString().slice(0, 19)}+08:00`;
  return makeVisit(elder, {
    town,
    workerId: worker.id,
    updatedBy: worker.id,
    startedAt: local(start),
    endedAt: local(new Date(start.getTime() + 20 * 60_000)),
  });
}

/** A visit of the former worker to A1 that started at `startedAt` and lasted half an hour. */
function visitStartingAt(startedAt: string): Visit {
  const endedAt = new Date(Date.parse(startedAt) + 30 * 60_000).toISOString();
  return makeVisit(elders.a1, { workerId: workerA1.id, updatedBy: workerA1.id, startedAt, endedAt });
}

/** The former worker's device marks the planned visit done by `visit`, as the visit form does. */
/** The closing as the app writes it (applyEdit: every other field gets its time from the old updatedAt). */
function closing(schedule: Schedule, visit: Visit, worker: User): PushRow<Schedule> {
  const closed = applyEdit(
    schedule,
    { status: 'done', visitId: visit.id },
    { now: visit.endedAt, actorId: worker.id },
  );
  return update(schedule, closed);
}

/** Something the former worker sends about the elder after the move that stays refused. */
interface FormerWorkerRefusal {
  name: string;
  collection: CollectionName;
  /** `mine`: the former worker's visit sent before the move; `theirs`: the new worker's. */
  row: (mine: Visit, theirs: Visit) => PushRow;
  field: string;
}

describe.each(databases)('reassigning an elder ($name)', (database) => {
  it("sends the former worker tombstones of the elder's records and the new worker the records", async () => {
    const { server } = await startClockedServer(database);
    const former = await server.login(workerA1);
    const review = makeReview(elders.a1);
    expect((await server.push(former, 'reviews', [create(review)])).body).toEqual([]);
    const formerAt = await catchUp(server, former);
    const successor = await server.login(workerA2);
    const successorAt = await catchUp(server, successor);

    const moved = await move(server, elders.a1, workerA2);

    // Exactly the elder and its records, deleted; nothing of the new worker's other elder (a2).
    expect(await pulled(server, former, 'elders', formerAt)).toEqual([tombstone(elders.a1)]);
    expect(await pulled(server, former, 'schedules', formerAt)).toEqual([tombstone(schedules.a1)]);
    expect(await pulled(server, former, 'visits', formerAt)).toEqual([tombstone(visits.a1)]);
    expect(await pulled(server, former, 'reviews', formerAt)).toEqual([tombstone(review)]);
    expect(await pulled(server, former, 'users', formerAt)).toEqual([]);

    // The server's copies are not deleted.
    for (const [collection, doc] of [
      ['elders', moved],
      ['schedules', schedules.a1],
      ['visits', visits.a1],
      ['reviews', review],
    ] as const) {
      const row = await server.storedRow(collection, doc.id);
      expect(row?.deleted, collection).toBe(0);
      expect(row?.doc, collection).toBe(JSON.stringify(doc));
    }

    expect(await pulled(server, successor, 'elders', successorAt)).toEqual([moved]);
    expect(await pulled(server, successor, 'schedules', successorAt)).toEqual([schedules.a1]);
    expect(await pulled(server, successor, 'visits', successorAt)).toEqual([visits.a1]);
    expect(await pulled(server, successor, 'reviews', successorAt)).toEqual([review]);

    // Caught up, the former worker gets them no more.
    const after = await catchUp(server, former, formerAt);
    for (const collection of SYNCED) expect(await pulled(server, former, collection, after)).toEqual([]);
  });

  it('sends a tombstone with the record as the former worker last had it, not with later edits', async () => {
    const { server } = await startClockedServer(database);
    const former = await server.login(workerA1);
    const formerAt = await catchUp(server, former);
    const moved = await move(server, elders.a1, workerA2);
    // The new worker writes down something the former worker must not learn.
    const edited = { ...moved, health: '新诊断', updatedBy: workerA2.id };
    expect((await server.push(await server.login(workerA2), 'elders', [update(moved, edited)])).body).toEqual(
      [],
    );
    expect(await pulled(server, former, 'elders', formerAt)).toEqual([tombstone(elders.a1)]);
  });

  it("drops a visit that a coordinator moves to another worker's elder from the first worker's device", async () => {
    const { server } = await startClockedServer(database);
    const first = await server.login(workerA1);
    const firstAt = await catchUp(server, first);
    const second = await server.login(workerA2);
    const secondAt = await catchUp(server, second);
    // Recorded against the wrong elder; the coordinator puts it right.
    const corrected = { ...visits.a1, elderId: elders.a2.id, updatedBy: coordinatorA.id };
    const result = await server.push(await server.login(coordinatorA), 'visits', [
      update(visits.a1, corrected),
    ]);
    expect(result.body).toEqual([]);
    expect(await pulled(server, first, 'visits', firstAt)).toEqual([tombstone(visits.a1)]);
    expect(await pulled(server, second, 'visits', secondAt)).toEqual([corrected]);
  });

  it('loses nothing when a page boundary falls among tombstones and live records of the same change', async () => {
    const { server } = await startClockedServer(database);
    const former = await server.login(workerA1);
    const extra = [makeVisit(elders.a1), makeVisit(elders.a1), makeVisit(elders.a1)];
    expect((await server.push(former, 'visits', extra.map(create))).body).toEqual([]);
    const formerAt = await catchUp(server, former);

    // One push swaps the two workers' elders: tombstones and live records share one seq.
    const coordinator = await server.login(coordinatorA);
    const swapped = {
      a1: { ...elders.a1, assignedWorkerId: workerA2.id, updatedBy: coordinatorA.id },
      a2: { ...elders.a2, assignedWorkerId: workerA1.id, updatedBy: coordinatorA.id },
    };
    const swap = await server.push(coordinator, 'elders', [
      update(elders.a1, swapped.a1),
      update(elders.a2, swapped.a2),
    ]);
    expect(swap.body).toEqual([]);

    const expected = {
      elders: [tombstone(elders.a1), swapped.a2],
      schedules: [tombstone(schedules.a1), schedules.a2],
      visits: [tombstone(visits.a1), ...extra.map(tombstone), visits.a2],
    };
    for (const [collection, documents] of Object.entries(expected)) {
      const name = collection as CollectionName;
      const onePerPage = await server.pullAll(former, name, formerAt[name], 1);
      expect(onePerPage.documents.length, collection).toBe(documents.length);
      expect(byId(onePerPage.documents), collection).toEqual(byId(documents));
      // In (seq, id) order, as the checkpoints say.
      const ids = onePerPage.documents.map((doc) => doc.id);
      expect(ids, collection).toEqual([...ids].sort());
      expect(byId((await server.pullAll(former, name, formerAt[name], 2)).documents)).toEqual(
        byId(documents),
      );
      // Nothing more after the last page.
      const last = await server.pull(former, name, { limit: 1, checkpoint: onePerPage.checkpoint });
      expect(last.body.documents).toEqual([]);
    }
  });

  it("accepts the former worker's visit started before the move, keeps its worker, then drops it from their device", async () => {
    const { server, clock } = await startClockedServer(database);
    const former = await server.login(workerA1);
    const successor = await server.login(workerA2);
    const successorAt = await catchUp(server, successor);
    const formerAt = await catchUp(server, former);
    clock.now = MOVED_AT;
    await move(server, elders.a1, workerA2);
    // A day later the former worker's phone has signal again: it pulls, then pushes its visit.
    clock.now = '2026-11-26T09:00:00.000Z';
    const droppedAt = await catchUp(server, former, formerAt);

    // 07:30 +08:00 on the 25th is 23:30 Z on the 24th: half an hour before the move (a text
    // comparison with the move's "2026-11-25T00:00Z" would get this wrong).
    const before = visitAround(elders.a1, workerA1, 30);
    expect(before.startedAt).toBe('2026-11-25T07:30:00+08:00');
    const result = await server.push(former, 'visits', [create(before)]);
    expect(result.status).toBe(200);
    expect(result.body).toEqual([]);
    expect((await server.storedRow('visits', before.id))?.doc).toBe(JSON.stringify(before));

    expect(await pulled(server, successor, 'visits', successorAt)).toContainEqual(before);
    expect(await pulled(server, former, 'visits', droppedAt)).toEqual([tombstone(before)]);

    // A retry (the answer was lost) changes nothing.
    const { sync_version: _v, ...rowsBefore } = await server.dump();
    expect((await server.push(former, 'visits', [create(before)])).body).toEqual([]);
    const { sync_version: _w, ...rowsAfter } = await server.dump();
    expect(rowsAfter).toEqual(rowsBefore);
  });

  it("refuses the former worker's visit started after the move with 403 naming the row", async () => {
    const { server, clock } = await startClockedServer(database);
    const former = await server.login(workerA1);
    await moveA1Overnight(server, clock);
    const before = await server.dump();
    // 08:30 +08:00 is 00:30 Z: half an hour after the move.
    const late = visitAround(elders.a1, workerA1, -30);
    const result = await server.push(former, 'visits', [create(late)]);
    expect(result.status).toBe(403);
    expect(result.body).toMatchObject({ error: 'forbidden', field: '0.newDocumentState.elderId' });
    expect(await server.dump()).toEqual(before);
  });

  it("accepts the former worker's closing of the planned visit by that visit, and drops it from their device", async () => {
    const { server, clock } = await startClockedServer(database);
    const former = await server.login(workerA1);
    const successor = await server.login(workerA2);
    const successorAt = await catchUp(server, successor);
    const formerAt = await catchUp(server, former);
    await moveA1Overnight(server, clock);
    const droppedAt = await catchUp(server, former, formerAt);

    const visit = visitOfPlannedBeforeMove();
    expect((await server.push(former, 'visits', [create(visit)])).body).toEqual([]);
    const done = closing(schedules.a1, visit, workerA1);
    const result = await server.push(former, 'schedules', [done]);
    expect(result.status).toBe(200);
    expect(result.body).toEqual([]);
    expect((await server.storedRow('schedules', schedules.a1.id))?.doc).toBe(
      JSON.stringify(done.newDocumentState),
    );
    expect(await pulled(server, successor, 'schedules', successorAt)).toEqual([done.newDocumentState]);
    expect(await pulled(server, former, 'schedules', droppedAt)).toEqual([tombstone(done.newDocumentState)]);
  });

  it("accepts the former worker's visit and its closing in one request, the closing listed first", async () => {
    const { server, clock } = await startClockedServer(database);
    const former = await server.login(workerA1);
    await moveA1Overnight(server, clock);
    const visit = visitOfPlannedBeforeMove();
    const done = closing(schedules.a1, visit, workerA1);

    const result = await server.pushBatch(former, {
      pushes: [
        { collection: 'schedules', rows: [done] },
        { collection: 'visits', rows: [create(visit)] },
      ],
    });

    expect(result.status).toBe(200);
    expect(result.body.pushes).toEqual([{ conflicts: [] }, { conflicts: [] }]);
    expect((await server.storedRow('schedules', schedules.a1.id))?.doc).toBe(
      JSON.stringify(done.newDocumentState),
    );
  });

  it('writes the closing even when the device saw another master, and hands nothing back', async () => {
    const { server, clock } = await startClockedServer(database);
    const former = await server.login(workerA1);
    const visit = visitAround(elders.a1, workerA1, 120);
    expect((await server.push(former, 'visits', [create(visit)])).body).toEqual([]);
    await moveA1Overnight(server, clock);
    // The new worker cancels the old plan; the former worker's device only has its tombstone as master.
    const cancelled = { ...schedules.a1, status: 'cancelled' as const, updatedBy: workerA2.id };
    const successor = await server.login(workerA2);
    expect((await server.push(successor, 'schedules', [update(schedules.a1, cancelled)])).body).toEqual([]);
    const done = closing(cancelled, visit, workerA1);
    const result = await server.push(former, 'schedules', [
      {
        newDocumentState: { ...done.newDocumentState, updatedBy: workerA1.id },
        assumedMasterState: tombstone(schedules.a1),
      },
    ]);
    expect(result.status).toBe(200);
    expect(result.body).toEqual([]);
    const stored = JSON.parse((await server.storedRow('schedules', schedules.a1.id))?.doc ?? '{}');
    expect(stored).toMatchObject({ status: 'done', visitId: visit.id, updatedBy: workerA1.id });
  });

  it.each<FormerWorkerRefusal>([
    {
      name: 'an edit of a visit it had already sent',
      collection: 'visits',
      row: () => update(visits.a1, { notes: '补记' }),
      field: '0.newDocumentState.elderId',
    },
    {
      name: 'a planned visit of its own for the elder',
      collection: 'schedules',
      row: () => create(makeSchedule(elders.a1)),
      field: '0.newDocumentState.elderId',
    },
    {
      name: 'a closing that also changes the note',
      collection: 'schedules',
      row: (mine) => {
        const done = closing(schedules.a1, mine, workerA1);
        return { ...done, newDocumentState: { ...done.newDocumentState, note: '已上门' } };
      },
      field: '0.newDocumentState.elderId',
    },
    {
      name: "a closing by the new worker's visit",
      collection: 'schedules',
      row: (_mine, theirs) => closing(schedules.a1, theirs, workerA1),
      field: '0.newDocumentState.elderId',
    },
    {
      name: 'a closing by a visit it never sent',
      collection: 'schedules',
      row: () => closing(schedules.a1, visitAround(elders.a1, workerA1, 60), workerA1),
      field: '0.newDocumentState.elderId',
    },
    {
      name: 'a visit in the name of the new worker',
      collection: 'visits',
      row: () => create({ ...visitAround(elders.a1, workerA1, 60), workerId: workerA2.id }),
      field: '0.newDocumentState.elderId',
    },
    {
      name: 'a visit backdated to 2001',
      collection: 'visits',
      row: () => create(visitStartingAt('2001-05-01T02:00:00.000Z')),
      field: '0.newDocumentState.elderId',
    },
    {
      name: 'a visit backdated to 1970',
      collection: 'visits',
      row: () => create(visitStartingAt('1970-01-01T00:00:00.000Z')),
      field: '0.newDocumentState.elderId',
    },
    {
      name: 'a visit of more than the grace before the move',
      collection: 'visits',
      row: () => create(visitAround(elders.a1, workerA1, FORMER_WORKER_GRACE_MS / 60_000 + 1)),
      field: '0.newDocumentState.elderId',
    },
    {
      name: 'a review of the elder',
      collection: 'reviews',
      row: () => create(makeReview(elders.a1)),
      field: '0.newDocumentState.elderId',
    },
    {
      name: 'an edit of the elder',
      collection: 'elders',
      row: () => update(elders.a1, { notes: '耳背', updatedBy: workerA1.id }),
      field: '0.newDocumentState.id',
    },
  ])('refuses $name by the former worker with 403 naming the row', async ({ collection, row, field }) => {
    const { server, clock } = await startClockedServer(database);
    const former = await server.login(workerA1);
    // Sent before the move: a visit the closing rows may point at.
    const visit = visitAround(elders.a1, workerA1, 120);
    expect((await server.push(former, 'visits', [create(visit)])).body).toEqual([]);
    await moveA1Overnight(server, clock);
    // The new worker's first visit.
    const theirs = makeVisit(elders.a1, { workerId: workerA2.id, updatedBy: workerA2.id });
    expect((await server.push(await server.login(workerA2), 'visits', [create(theirs)])).body).toEqual([]);
    const before = await server.dump();
    // Visits come after an acceptable row, so the refusal must name row 1.
    const accepted = create(visitAround(elders.a1, workerA1, 90));
    const rows: PushRow[] = collection === 'visits' ? [accepted, row(visit, theirs)] : [row(visit, theirs)];
    const result = await server.push(former, collection, rows);
    expect(result.status).toBe(403);
    const index = rows.length - 1;
    expect(result.body).toMatchObject({ error: 'forbidden', field: field.replace(/^0/, String(index)) });
    expect(await server.dump()).toEqual(before);
  });

  it('refuses work from before the move sent more than the grace after it, writing nothing', async () => {
    const { server, clock } = await startClockedServer(database);
    const former = await server.login(workerA1);
    await moveA1Overnight(server, clock);
    clock.now = new Date(Date.parse(MOVED_AT) + FORMER_WORKER_GRACE_MS + 60_000).toISOString();
    const before = await server.dump();
    const result = await server.push(former, 'visits', [create(visitAround(elders.a1, workerA1, 60))]);
    expect(result.status).toBe(403);
    expect(await server.dump()).toEqual(before);
  });

  it("refuses the closing of the new worker's planned visit by a visit backdated before the move", async () => {
    const { server, clock } = await startClockedServer(database);
    const former = await server.login(workerA1);
    await moveA1Overnight(server, clock);
    const successor = await server.login(workerA2);
    const theirPlan = makeSchedule(elders.a1, { workerId: workerA2.id, plannedDate: '2026-12-24' });
    expect(
      (await server.push(successor, 'schedules', [create({ ...theirPlan, updatedBy: workerA2.id })])).body,
    ).toEqual([]);
    const backdated = visitAround(elders.a1, workerA1, 60);
    expect((await server.push(former, 'visits', [create(backdated)])).body).toEqual([]);
    const before = await server.dump();

    const result = await server.push(former, 'schedules', [
      closing({ ...theirPlan, updatedBy: workerA2.id }, backdated, workerA1),
    ]);

    expect(result.status).toBe(403);
    expect(await server.dump()).toEqual(before);
    const stored = JSON.parse((await server.storedRow('schedules', theirPlan.id))?.doc ?? '{}');
    expect(stored).toMatchObject({ status: 'planned', visitId: null });
  });

  it('gives the records back to the former worker, live, when the elder comes back to them', async () => {
    const { server, clock } = await startClockedServer(database);
    const former = await server.login(workerA1);
    const review = makeReview(elders.a1);
    expect((await server.push(former, 'reviews', [create(review)])).body).toEqual([]);
    const formerAt = await catchUp(server, former);
    const moved = await moveA1Overnight(server, clock);
    const sentLate = visitAround(elders.a1, workerA1, 45);
    expect((await server.push(former, 'visits', [create(sentLate)])).body).toEqual([]);
    const droppedAt = await catchUp(server, former, formerAt);
    const successor = await server.login(workerA2);
    const successorAt = await catchUp(server, successor);

    const back = await move(server, moved, workerA1);

    expect(await pulled(server, former, 'elders', droppedAt)).toEqual([back]);
    expect(await pulled(server, former, 'schedules', droppedAt)).toEqual([schedules.a1]);
    expect(byId(await pulled(server, former, 'visits', droppedAt))).toEqual(byId([visits.a1, sentLate]));
    expect(await pulled(server, former, 'reviews', droppedAt)).toEqual([review]);
    // Now the other worker's device drops them.
    expect(await pulled(server, successor, 'elders', successorAt)).toEqual([tombstone(moved)]);
    expect(byId(await pulled(server, successor, 'visits', successorAt))).toEqual(
      byId([tombstone(visits.a1), tombstone(sentLate)]),
    );
  });

  it('announces a move to the people of the town, naming every collection whose feed moved', async () => {
    const { server, clock } = await startClockedServer(database);
    const events: ChangeEvent[] = [];
    server.notifier.subscribe((event) => events.push(event));
    clock.now = MOVED_AT;
    await move(server, elders.a1, workerA2);
    expect(events).toHaveLength(1);
    expect([...(events[0]?.collections ?? [])].sort()).toEqual([...SYNCED].sort());
    expect(events[0]?.towns).toEqual([TOWN_A]);
    // The former worker (whose device drops the records) and the new one (whose device gets them).
    expect([...(events[0]?.workers ?? [])].sort()).toEqual([workerA1.id, workerA2.id].sort());

    clock.now = '2026-11-26T09:00:00.000Z';
    await server.push(await server.login(workerA1), 'visits', [create(visitAround(elders.a1, workerA1, 10))]);
    // The former worker's late visit concerns the elder's worker now, and the former worker, whose
    // device drops it at once.
    expect(events[1]).toMatchObject({ collections: ['visits'], towns: [TOWN_A] });
    expect([...(events[1]?.workers ?? [])].sort()).toEqual([workerA1.id, workerA2.id].sort());
  });
});

// A coordinator of both towns moves an elder from 东区街道 to 小榄镇.
const bothTowns = makeUser({ username: 'coord-ab', role: 'coordinator', towns: [TOWN_A, TOWN_B] });
const townFixture = {
  ...fixture,
  dataset: { ...fixture.dataset, users: [...fixture.dataset.users, { ...bothTowns, password: PASSWORD }] },
};

describe.each(databases)('moving an elder to another town ($name)', (database) => {
  it("drops the elder from the former town's coordinator, who keeps the records made in their town", async () => {
    const { server, clock } = await startClockedServer(database, townFixture);
    const coordinator = await server.login(coordinatorA);
    const coordinatorAt = await catchUp(server, coordinator);
    const former = await server.login(workerA1);
    const formerAt = await catchUp(server, former);
    const newTown = await server.login(coordinatorB);
    const newTownAt = await catchUp(server, newTown);

    clock.now = MOVED_AT;
    const moved = await move(server, elders.a1, workerB1, bothTowns, TOWN_B);

    expect(await pulled(server, coordinator, 'elders', coordinatorAt)).toEqual([tombstone(elders.a1)]);
    // Visits and plans made in 东区街道 stay there (they count in its figures): re-sent, not deleted.
    expect(await pulled(server, coordinator, 'visits', coordinatorAt)).toEqual([visits.a1]);
    expect(await pulled(server, coordinator, 'schedules', coordinatorAt)).toEqual([schedules.a1]);
    expect(await pulled(server, newTown, 'elders', newTownAt)).toEqual([moved]);

    // The former worker drops everything; the new worker gets it all.
    expect(await pulled(server, former, 'elders', formerAt)).toEqual([tombstone(elders.a1)]);
    expect(await pulled(server, former, 'visits', formerAt)).toEqual([tombstone(visits.a1)]);
    const droppedAt = await catchUp(server, former, formerAt);
    const worker = await server.login(workerB1);
    expect(await server.pullAll(worker, 'visits').then((page) => page.documents)).toContainEqual(visits.a1);

    // The former worker's visit from before the move, made in the old town, is still accepted: it
    // joins the old town's records and leaves the former worker's device.
    clock.now = '2026-11-26T09:00:00.000Z';
    const late = visitAround(elders.a1, workerA1, 30, TOWN_A);
    expect((await server.push(former, 'visits', [create(late)])).body).toEqual([]);
    expect(await pulled(server, coordinator, 'visits', coordinatorAt)).toContainEqual(late);
    expect(await pulled(server, former, 'visits', droppedAt)).toEqual([tombstone(late)]);
  });
});
