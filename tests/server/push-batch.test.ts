// POST /api/sync/push: several collections' pushes in one request and one transaction, each part
// answered as its own push would be, a refused part undone alone.
import { describe, expect, it } from 'vitest';
import type { PushRow } from '../../src/domain/api';
import type { CollectionName } from '../../src/domain/schemas';
import type { ChangeEvent } from '../../src/server/sync/change-notifier';
import { makeElder, makeSchedule, makeVisit, twoTowns } from '../support/fixtures';
import type { TestServer } from '../support/server';
import { create, databases, startTestServer, update } from '../support/test-servers';

const fixture = twoTowns();
const { workerA1, workerA2, coordinatorA } = fixture.users;
const { a1: elderA1, a2: elderA2 } = fixture.elders;
const { a1: scheduleA1 } = fixture.schedules;

/** A day's work on elder A1: the visit, and the planned visit it closes. */
function visitClosingSchedule() {
  const visit = makeVisit(elderA1, { scheduleId: scheduleA1.id });
  const closed = update(scheduleA1, { status: 'done', visitId: visit.id, updatedBy: workerA1.id });
  return { visit, closed };
}

async function seqOf(
  server: TestServer,
  collection: CollectionName,
  id: string,
): Promise<number | undefined> {
  const row = await server.database.db
    .selectFrom('documents')
    .select('seq')
    .where('collection', '=', collection)
    .where('id', '=', id)
    .executeTakeFirst();
  return row === undefined ? undefined : Number(row.seq);
}

async function storedIds(server: TestServer, collection: 'visits' | 'schedules'): Promise<string[]> {
  const token = await server.login(coordinatorA);
  return (await server.pullAll(token, collection)).documents.map((doc) => doc.id);
}

describe.each(databases)('pushing several collections in one request ($name)', (database) => {
  it('stores every part under one seq and answers each part as its own push would', async () => {
    const server = await startTestServer(database, fixture);
    const token = await server.login(workerA1);
    const { visit, closed } = visitClosingSchedule();

    const answer = await server.pushBatch(token, {
      pushes: [
        { collection: 'visits', rows: [create(visit)] },
        { collection: 'schedules', rows: [closed] },
      ],
    });

    expect(answer.status).toBe(200);
    expect(answer.body.pushes).toEqual([{ conflicts: [] }, { conflicts: [] }]);
    const visitSeq = await seqOf(server, 'visits', visit.id);
    expect(visitSeq).toBeDefined();
    expect(await seqOf(server, 'schedules', scheduleA1.id)).toBe(visitSeq);
    const { documents: schedules } = await server.pullAll(token, 'schedules');
    expect(schedules).toContainEqual(closed.newDocumentState);
  });

  it('answers a conflict in its own part, and writes the other parts', async () => {
    const server = await startTestServer(database, fixture);
    const token = await server.login(workerA1);
    const moved = update(scheduleA1, { plannedDate: '2026-12-03', updatedBy: workerA1.id });
    expect((await server.push(token, 'schedules', [moved])).body).toEqual([]);
    const { visit, closed } = visitClosingSchedule();

    const answer = await server.pushBatch(token, {
      pushes: [
        { collection: 'schedules', rows: [closed] },
        { collection: 'visits', rows: [create(visit)] },
      ],
    });

    expect(answer.status).toBe(200);
    expect(answer.body.pushes).toEqual([{ conflicts: [moved.newDocumentState] }, { conflicts: [] }]);
    expect(await storedIds(server, 'visits')).toContain(visit.id);
  });

  it('refuses a part the rules forbid in its place, writes nothing of it, and keeps the others', async () => {
    const server = await startTestServer(database, fixture);
    const token = await server.login(workerA1);
    const { visit, closed } = visitClosingSchedule();
    // Elder A2 is workerA2's: workerA1 may not record a visit there.
    const notMine = makeVisit(elderA2, { workerId: workerA1.id, updatedBy: workerA1.id });
    const events: ChangeEvent[] = [];
    server.notifier.subscribe((event) => events.push(event));

    const answer = await server.pushBatch(token, {
      pushes: [
        { collection: 'visits', rows: [create(visit), create(notMine)] },
        { collection: 'schedules', rows: [closed] },
      ],
    });

    expect(answer.status).toBe(200);
    expect(answer.body.pushes[0]).toEqual({
      status: 403,
      error: {
        error: 'forbidden',
        message: 'this elder is not assigned to you',
        field: '1.newDocumentState.elderId',
      },
    });
    expect(answer.body.pushes[1]).toEqual({ conflicts: [] });
    const visits = await storedIds(server, 'visits');
    expect(visits).not.toContain(visit.id);
    expect(visits).not.toContain(notMine.id);
    const { documents: schedules } = await server.pullAll(token, 'schedules');
    expect(schedules).toContainEqual(closed.newDocumentState);
    expect(events.map((event) => event.collections)).toEqual([['schedules']]);
  });

  it.each([
    [
      'a row that breaks the schema',
      (visit: PushRow): unknown[] => [
        visit,
        { newDocumentState: { ...makeVisit(elderA1), mode: 'teleport' }, assumedMasterState: null },
      ],
      '1.newDocumentState.mode',
    ],
    ['the same document twice', (visit: PushRow): unknown[] => [visit, visit], '1.newDocumentState.id'],
  ])('refuses a part with %s with 400 naming its row, and keeps the others', async (_name, rowsOf, field) => {
    const server = await startTestServer(database, fixture);
    const token = await server.login(workerA1);
    const { visit, closed } = visitClosingSchedule();

    const answer = await server.pushBatch(token, {
      pushes: [
        { collection: 'visits', rows: rowsOf(create(visit)) },
        { collection: 'schedules', rows: [closed] },
      ],
    });

    expect(answer.status).toBe(200);
    expect(answer.body.pushes[0]).toMatchObject({ status: 400, error: { error: 'invalid_body', field } });
    expect(answer.body.pushes[1]).toEqual({ conflicts: [] });
    expect(await storedIds(server, 'visits')).not.toContain(visit.id);
  });

  it('changes nothing at all when every part is refused', async () => {
    const server = await startTestServer(database, fixture);
    const token = await server.login(workerA1);
    const before = await server.dump();
    const notMine = makeVisit(elderA2, { workerId: workerA1.id, updatedBy: workerA1.id });
    const theirs = update(fixture.schedules.a2, { note: 'not mine', updatedBy: workerA1.id });

    const answer = await server.pushBatch(token, {
      pushes: [
        { collection: 'visits', rows: [create(notMine)] },
        { collection: 'schedules', rows: [theirs] },
      ],
    });

    expect(answer.status).toBe(200);
    expect(answer.body.pushes.map((part) => ('status' in part ? part.status : 200))).toEqual([403, 403]);
    const after = await server.dump();
    expect({ ...after, sessions: [] }).toEqual({ ...before, sessions: [] });
  });

  it('applies a new elder before the schedule that names it, whatever the order sent', async () => {
    const server = await startTestServer(database, fixture);
    const token = await server.login(coordinatorA);
    const elder = makeElder({
      town: elderA1.town,
      assignedWorkerId: workerA2.id,
      updatedBy: coordinatorA.id,
    });
    const firstVisit = makeSchedule(elder, { updatedBy: coordinatorA.id });

    const answer = await server.pushBatch(token, {
      pushes: [
        { collection: 'schedules', rows: [create(firstVisit)] },
        { collection: 'elders', rows: [create(elder)] },
      ],
    });

    expect(answer.status).toBe(200);
    expect(answer.body.pushes).toEqual([{ conflicts: [] }, { conflicts: [] }]);
    const workerToken = await server.login(workerA2);
    const { documents } = await server.pullAll(workerToken, 'schedules');
    expect(documents).toContainEqual(firstVisit);
  });

  it.each([
    ['a collection pushed twice', { pushes: [visitsPart(), visitsPart()] }, 'pushes'],
    [
      'an unknown collection',
      { pushes: [{ ...visitsPart(), collection: 'secrets' }] },
      'pushes.0.collection',
    ],
    ['rows that are not a list', { pushes: [{ ...visitsPart(), rows: {} }] }, 'pushes.0.rows'],
    ['no parts at all', { pushes: [] }, 'pushes'],
    ['an unknown key', { pushes: [visitsPart()], force: true }, undefined],
  ])('refuses %s with 400 naming the field, and writes nothing', async (_name, body, field) => {
    const server = await startTestServer(database, fixture);
    const token = await server.login(workerA1);
    const before = await server.dump();

    const answer = await server.pushBatch(token, body);

    expect(answer.status).toBe(400);
    expect(answer.body.error).toBe('invalid_body');
    if (field !== undefined) expect(answer.body.field).toBe(field);
    expect(await server.dump()).toEqual(before);
  });

  it('refuses a body that is not JSON, and anyone not signed in', async () => {
    const server = await startTestServer(database, fixture);
    const token = await server.login(workerA1);
    const before = await server.dump();
    const { visit } = visitClosingSchedule();
    const pushes = [{ collection: 'visits', rows: [create(visit)] }];

    const garbled = await server.call('POST', '/api/sync/push', { token, rawBody: '{"pushes": [' });
    const anonymous = await server.call('POST', '/api/sync/push', { body: { pushes } });

    expect(garbled.status).toBe(400);
    expect(anonymous.status).toBe(401);
    expect(await server.dump()).toEqual(before);
  });
});

function visitsPart() {
  return { collection: 'visits', rows: [create(makeVisit(elderA1))] };
}
