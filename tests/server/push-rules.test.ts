import { v7 as uuidv7 } from 'uuid';
import { describe, expect, it } from 'vitest';
import { type ApiError, type PushRow, refusedPushRow } from '../../src/domain/api';
import type { CollectionName, User } from '../../src/domain/schemas';
import { type AssignmentPeriod, wasAssignedAt } from '../../src/server/sync/push-rules';
import {
  makeElder,
  makeReview,
  makeSchedule,
  makeVisit,
  TOWN_A,
  TOWN_B,
  type TwoTowns,
  twoTowns,
} from '../support/fixtures';
import { create, databases, startTestServer, update } from '../support/test-servers';

const fixture = twoTowns();
const { coordinatorA, workerA1, workerA2, workerB1 } = fixture.users;
const { elders, schedules, visits } = fixture;

interface Refusal {
  name: string;
  caller: User;
  collection: CollectionName;
  rows: (f: TwoTowns) => PushRow[];
  status: 400 | 403;
  /** Every refusal of a row names it: the field starts with the row's index. */
  field: string;
}

const refusals: Refusal[] = [
  {
    name: 'a row whose updatedBy is someone else',
    caller: workerA1,
    collection: 'visits',
    rows: () => [create(makeVisit(elders.a1, { updatedBy: workerA2.id }))],
    status: 403,
    field: '0.newDocumentState.updatedBy',
  },
  {
    name: 'any write to users',
    caller: coordinatorA,
    collection: 'users',
    rows: () => [update(coordinatorA, { displayName: 'Boss', updatedBy: coordinatorA.id })],
    status: 403,
    field: '0',
  },
  {
    name: 'a worker registering an elder',
    caller: workerA1,
    collection: 'elders',
    rows: () => [create(makeElder({ town: TOWN_A, assignedWorkerId: workerA1.id, updatedBy: workerA1.id }))],
    status: 403,
    field: '0.newDocumentState.id',
  },
  {
    name: 'a worker editing an elder assigned to someone else',
    caller: workerA1,
    collection: 'elders',
    rows: () => [update(elders.a2, { notes: 'x', updatedBy: workerA1.id })],
    status: 403,
    field: '0.newDocumentState.id',
  },
  {
    name: 'a worker reassigning their elder',
    caller: workerA1,
    collection: 'elders',
    rows: () => [update(elders.a1, { assignedWorkerId: workerA2.id, updatedBy: workerA1.id })],
    status: 403,
    field: '0.newDocumentState.assignedWorkerId',
  },
  {
    name: "a worker changing their elder's town",
    caller: workerA1,
    collection: 'elders',
    rows: () => [update(elders.a1, { town: TOWN_B, updatedBy: workerA1.id })],
    status: 403,
    field: '0.newDocumentState.town',
  },
  {
    name: "a worker recording a visit to another worker's elder",
    caller: workerA1,
    collection: 'visits',
    rows: () => [create(makeVisit(elders.a2, { workerId: workerA1.id, updatedBy: workerA1.id }))],
    status: 403,
    field: '0.newDocumentState.elderId',
  },
  {
    name: 'a worker planning a visit to an elder of another town',
    caller: workerA1,
    collection: 'schedules',
    rows: () => [create(makeSchedule(elders.b1, { workerId: workerA1.id, updatedBy: workerA1.id }))],
    status: 403,
    field: '0.newDocumentState.elderId',
  },
  {
    name: 'a worker recording a visit in the name of another worker',
    caller: workerA1,
    collection: 'visits',
    rows: () => [create(makeVisit(elders.a1, { workerId: workerA2.id }))],
    status: 403,
    field: '0.newDocumentState.workerId',
  },
  {
    name: "a worker's visit whose town is not the elder's",
    caller: workerA1,
    collection: 'visits',
    rows: () => [create(makeVisit(elders.a1, { town: TOWN_B }))],
    status: 400,
    field: '0.newDocumentState.town',
  },
  {
    name: 'a worker moving a visit onto an elder not theirs',
    caller: workerA1,
    collection: 'visits',
    rows: () => [update(visits.a1, { elderId: elders.a2.id })],
    status: 403,
    field: '0.newDocumentState.elderId',
  },
  {
    name: 'a coordinator writing an elder of another town',
    caller: coordinatorA,
    collection: 'elders',
    rows: () => [update(elders.b1, { notes: 'x', updatedBy: coordinatorA.id })],
    status: 403,
    field: '0.newDocumentState.town',
  },
  {
    name: 'a coordinator moving an elder of their town into another town',
    caller: coordinatorA,
    collection: 'elders',
    rows: () => [
      update(elders.a1, { town: TOWN_B, assignedWorkerId: workerB1.id, updatedBy: coordinatorA.id }),
    ],
    status: 403,
    field: '0.newDocumentState.town',
  },
  {
    name: 'a coordinator assigning an elder to a worker of another town',
    caller: coordinatorA,
    collection: 'elders',
    rows: () => [update(elders.a1, { assignedWorkerId: workerB1.id, updatedBy: coordinatorA.id })],
    status: 400,
    field: '0.newDocumentState.assignedWorkerId',
  },
  {
    name: 'a coordinator assigning an elder to someone who is not a worker',
    caller: coordinatorA,
    collection: 'elders',
    rows: () => [
      create(makeElder({ town: TOWN_A, assignedWorkerId: coordinatorA.id, updatedBy: coordinatorA.id })),
    ],
    status: 400,
    field: '0.newDocumentState.assignedWorkerId',
  },
  {
    name: 'a coordinator assigning an elder to a deleted worker',
    caller: coordinatorA,
    collection: 'elders',
    rows: (f) => [update(elders.a1, { assignedWorkerId: f.users.retired.id, updatedBy: coordinatorA.id })],
    status: 400,
    field: '0.newDocumentState.assignedWorkerId',
  },
  {
    name: 'a coordinator recording a visit for an unknown elder',
    caller: coordinatorA,
    collection: 'visits',
    rows: () => [create(makeVisit({ ...elders.a1, id: uuidv7() }, { updatedBy: coordinatorA.id }))],
    status: 400,
    field: '0.newDocumentState.elderId',
  },
  {
    name: "a worker's schedule of their elder whose town is not the elder's",
    caller: workerA1,
    collection: 'schedules',
    rows: () => [create(makeSchedule(elders.a1, { town: TOWN_B }))],
    status: 400,
    field: '0.newDocumentState.town',
  },
  {
    name: 'a worker moving a schedule of their elder onto an elder not theirs',
    caller: workerA1,
    collection: 'schedules',
    rows: () => [update(schedules.a1, { elderId: elders.a2.id })],
    status: 403,
    field: '0.newDocumentState.elderId',
  },
  {
    name: "a worker taking over another worker's schedule for their own elder",
    caller: workerA1,
    collection: 'schedules',
    rows: () => [update(schedules.a2, { elderId: elders.a1.id, updatedBy: workerA1.id })],
    status: 403,
    field: '0.newDocumentState.elderId',
  },
  {
    name: 'a coordinator planning a visit in another town',
    caller: coordinatorA,
    collection: 'schedules',
    rows: () => [create(makeSchedule(elders.b1, { updatedBy: coordinatorA.id }))],
    status: 403,
    field: '0.newDocumentState.town',
  },
  {
    name: 'a coordinator moving a record of another town into theirs',
    caller: coordinatorA,
    collection: 'visits',
    rows: () => [update(visits.b1, { elderId: elders.a1.id, town: TOWN_A, updatedBy: coordinatorA.id })],
    status: 403,
    field: '0.newDocumentState.town',
  },
  {
    name: "a coordinator's record whose town is not the elder's",
    caller: coordinatorA,
    collection: 'schedules',
    rows: () => [create(makeSchedule(elders.a1, { updatedBy: coordinatorA.id, elderId: elders.b1.id }))],
    status: 400,
    field: '0.newDocumentState.town',
  },
  {
    name: "a worker's review of another worker's elder",
    caller: workerA1,
    collection: 'reviews',
    rows: () => [create(makeReview(elders.a2, { updatedBy: workerA1.id }))],
    status: 403,
    field: '0.newDocumentState.elderId',
  },
  {
    name: "a worker's review whose town is not the elder's",
    caller: workerA1,
    collection: 'reviews',
    rows: () => [create(makeReview(elders.a1, { town: TOWN_B }))],
    status: 400,
    field: '0.newDocumentState.town',
  },
  {
    name: 'a review by someone else than the caller',
    caller: workerA1,
    collection: 'reviews',
    rows: () => [create(makeReview(elders.a1, { updatedBy: coordinatorA.id }))],
    status: 403,
    field: '0.newDocumentState.updatedBy',
  },
  {
    name: 'a review about a record of another elder',
    caller: workerA1,
    collection: 'reviews',
    rows: () => [create(makeReview(elders.a1, { collectionName: 'visits', recordId: visits.a2.id }))],
    status: 400,
    field: '0.newDocumentState.recordId',
  },
  {
    name: "a coordinator's review of an elder in another town",
    caller: coordinatorA,
    collection: 'reviews',
    rows: () => [create(makeReview(elders.b1, { updatedBy: coordinatorA.id }))],
    status: 403,
    field: '0.newDocumentState.town',
  },
  {
    name: "a coordinator's review of an unknown elder",
    caller: coordinatorA,
    collection: 'reviews',
    rows: () => [create(makeReview({ ...elders.a1, id: uuidv7() }, { updatedBy: coordinatorA.id }))],
    status: 400,
    field: '0.newDocumentState.elderId',
  },
  {
    name: 'a row whose assumed master is another document',
    caller: workerA1,
    collection: 'visits',
    rows: () => [{ newDocumentState: makeVisit(elders.a1), assumedMasterState: visits.a1 }],
    status: 400,
    field: '0.assumedMasterState.id',
  },
  {
    name: 'a batch where only the last row is out of scope',
    caller: workerA1,
    collection: 'visits',
    rows: () => [
      create(makeVisit(elders.a1)),
      update(visits.a1, { notes: 'edited' }),
      create(makeVisit(elders.a2, { workerId: workerA1.id, updatedBy: workerA1.id })),
    ],
    status: 403,
    field: '2.newDocumentState.elderId',
  },
  {
    name: 'the same document twice in one push',
    caller: workerA1,
    collection: 'visits',
    rows: () => {
      const visit = makeVisit(elders.a1);
      return [create(visit), { newDocumentState: { ...visit, notes: 'x' }, assumedMasterState: visit }];
    },
    status: 400,
    field: '1.newDocumentState.id',
  },
];

/** Two new rows the caller may push to the collection, or undefined when there are none to make. */
function validRows(caller: User, collection: CollectionName): PushRow[] | undefined {
  const elder = caller.id === workerA2.id ? elders.a2 : caller.id === workerB1.id ? elders.b1 : elders.a1;
  const by = { updatedBy: caller.id };
  switch (collection) {
    case 'visits':
      return [create(makeVisit(elder, by)), create(makeVisit(elder, by))];
    case 'schedules':
      return [create(makeSchedule(elder, by)), create(makeSchedule(elder, by))];
    case 'reviews':
      return [create(makeReview(elder, by)), create(makeReview(elder, by))];
    case 'elders':
      // Only a coordinator registers elders.
      return caller.role === 'coordinator'
        ? [create(makeElder({ town: TOWN_A, assignedWorkerId: workerA1.id, ...by }))]
        : undefined;
    case 'users':
      return undefined;
  }
}

describe.each(databases)('who may push what ($name)', (database) => {
  it.each(refusals)('refuses $name with $status and writes nothing', async (refusal) => {
    const server = await startTestServer(database, fixture);
    const token = await server.login(refusal.caller);
    const before = await server.dump();
    const result = await server.push(token, refusal.collection, refusal.rows(fixture));
    expect(result.status).toBe(refusal.status);
    expect(result.body).toMatchObject({
      error: refusal.status === 403 ? 'forbidden' : 'invalid_body',
      message: expect.any(String),
    });
    expect(result.body.field).toBe(refusal.field);
    expect(refusedPushRow(result.body)).toBe(Number(refusal.field.split('.')[0]));
    expect(await server.dump()).toEqual(before);
  });

  it.each(refusals.filter((refusal) => validRows(refusal.caller, refusal.collection) !== undefined))(
    'names the row of $name when acceptable rows come first',
    async (refusal) => {
      const server = await startTestServer(database, fixture);
      const token = await server.login(refusal.caller);
      const first = validRows(refusal.caller, refusal.collection) ?? [];
      // The acceptable rows alone would be written.
      const before = await server.dump();
      const result = await server.push(token, refusal.collection, [...first, ...refusal.rows(fixture)]);
      expect(result.status).toBe(refusal.status);
      const [index, ...rest] = refusal.field.split('.');
      expect(result.body.field).toBe([Number(index) + first.length, ...rest].join('.'));
      expect(await server.dump()).toEqual(before);
    },
  );

  it('lets a worker update their elder and record and edit their own visits', async () => {
    const server = await startTestServer(database, fixture);
    const token = await server.login(workerA1);
    const elder = await server.push(token, 'elders', [
      update(elders.a1, { notes: '耳背', updatedBy: workerA1.id }),
    ]);
    const visit = makeVisit(elders.a1);
    const written = await server.push(token, 'visits', [create(visit), update(visits.a1, { notes: '补记' })]);
    const schedule = await server.push(token, 'schedules', [
      update(schedules.a1, { status: 'done', visitId: visit.id }),
    ]);
    expect([elder.status, written.status, schedule.status]).toEqual([200, 200, 200]);
    expect([elder.body, written.body, schedule.body]).toEqual([[], [], []]);
  });

  it("refuses a worker editing the previous worker's visit of an elder now assigned to them", async () => {
    const server = await startTestServer(database, fixture);
    const coordinator = await server.login(coordinatorA);
    await server.push(coordinator, 'elders', [
      update(elders.a2, { assignedWorkerId: workerA1.id, updatedBy: coordinatorA.id }),
    ]);
    const token = await server.login(workerA1);
    const before = await server.dump();
    const result = await server.push(token, 'visits', [
      update(visits.a2, { workerId: workerA1.id, notes: 'mine now', updatedBy: workerA1.id }),
    ]);
    expect(result.status).toBe(403);
    expect(result.body.field).toBe('0.newDocumentState.workerId');
    expect(await server.dump()).toEqual(before);
  });

  it('lets a coordinator register an elder for a worker of their town and plan a visit', async () => {
    const server = await startTestServer(database, fixture);
    const token = await server.login(coordinatorA);
    const elder = makeElder({ town: TOWN_A, assignedWorkerId: workerA2.id, updatedBy: coordinatorA.id });
    expect((await server.push(token, 'elders', [create(elder)])).body).toEqual([]);
    const schedule = makeSchedule(elder, { updatedBy: coordinatorA.id });
    expect((await server.push(token, 'schedules', [create(schedule)])).body).toEqual([]);
    const worker = await server.login(workerA2);
    expect((await server.pullAll(worker, 'schedules')).documents).toContainEqual(schedule);
  });

  it('answers 400 naming the first bad field of an invalid body, and writes nothing', async () => {
    const server = await startTestServer(database, fixture);
    const token = await server.login(workerA1);
    const before = await server.dump();
    const bad = { ...makeVisit(elders.a1), mode: 'pigeon' };
    const result = await server.call('POST', '/api/sync/visits/push', {
      token,
      body: [create(makeVisit(elders.a1)), { newDocumentState: bad, assumedMasterState: null }],
    });
    expect(result.status).toBe(400);
    expect(result.body).toMatchObject({ error: 'invalid_body', field: '1.newDocumentState.mode' });
    expect(refusedPushRow(result.body as ApiError)).toBe(1);
    expect(await server.dump()).toEqual(before);
  });

  it.each([
    ['malformed JSON', '[{"newDocumentState":', undefined],
    ['an object instead of an array', '{}', undefined],
    ['an unknown field in the document', 'UNKNOWN_FIELD', '0.newDocumentState'],
    ['a visit that ends before it starts', 'ENDS_EARLY', '0.newDocumentState.endedAt'],
  ])('answers 400 to %s', async (_name, body, field) => {
    const server = await startTestServer(database, fixture);
    const token = await server.login(workerA1);
    const visit = makeVisit(elders.a1);
    const rawBody =
      body === 'UNKNOWN_FIELD'
        ? JSON.stringify([create({ ...visit, _rev: '1-abc' })])
        : body === 'ENDS_EARLY'
          ? JSON.stringify([create({ ...visit, endedAt: '2026-11-20T01:00:00.000Z' })])
          : body;
    const before = await server.dump();
    const result = await server.call<ApiError>('POST', '/api/sync/visits/push', {
      token,
      rawBody,
    });
    expect(result.status).toBe(400);
    expect(result.body.error).toBe('invalid_body');
    if (field !== undefined) expect(result.body.field).toBe(field);
    // A body that is not a list of rows is refused as a whole: no row to set aside.
    expect(refusedPushRow(result.body)).toBe(field === undefined ? undefined : 0);
    expect(await server.dump()).toEqual(before);
  });
});

describe("the assignment periods a former worker's visit is judged by", () => {
  const periods: AssignmentPeriod[] = [
    { workerId: 'a', town: TOWN_A, from: null, to: '2026-11-10T00:00:00.000Z' },
    { workerId: 'b', town: TOWN_A, from: '2026-11-10T00:00:00.000Z', to: '2026-11-20T00:00:00.000Z' },
    { workerId: 'a', town: TOWN_B, from: '2026-11-20T00:00:00.000Z', to: '2026-11-25T00:00:00.000Z' },
    { workerId: 'c', town: TOWN_B, from: '2026-11-25T00:00:00.000Z', to: null },
  ];
  // The server's clock: the day after the move that ended the period looked at, within its grace.
  const dayAfter = (worker: string, town: string) => {
    const end = periods.find((p) => p.workerId === worker && p.town === town && p.to !== null)?.to;
    return new Date(Date.parse(end ?? '2026-11-25T00:00:00.000Z') + 86_400_000).toISOString();
  };

  it.each([
    ['within the grace before its end, when its start is unknown', 'a', TOWN_A, '2026-11-03T00:00:00Z', true],
    [
      'not more than the grace before its end, when its start is unknown',
      'a',
      TOWN_A,
      '2026-11-02T23:59:59Z',
      false,
    ],
    ['not backdated to 1970', 'a', TOWN_A, '1970-01-01T00:00:00Z', false],
    ['up to the instant the period ends', 'a', TOWN_A, '2026-11-09T23:59:59.999Z', true],
    ['not at the instant the period ends', 'a', TOWN_A, '2026-11-10T00:00:00.000Z', false],
    ["not during another worker's period between two of its own", 'a', TOWN_A, '2026-11-15T00:00:00Z', false],
    ['from the instant a known period starts', 'a', TOWN_B, '2026-11-20T00:00:00.000Z', true],
    ['not before a known period starts', 'b', TOWN_A, '2026-11-09T00:00:00Z', false],
    ['not in a town the elder was not in at the time', 'a', TOWN_A, '2026-11-21T00:00:00Z', false],
    ['by the instant, whatever the offset', 'a', TOWN_B, '2026-11-25T07:59:00+08:00', true],
    ['by the instant, after the end in another offset', 'a', TOWN_B, '2026-11-25T08:01:00+08:00', false],
    [
      'never in the period still open (the current worker follows the ordinary rules)',
      'c',
      TOWN_B,
      '2026-11-26T00:00:00Z',
      false,
    ],
  ])('counts a visit %s', (_name, worker, town, at, expected) => {
    expect(wasAssignedAt(periods, worker, town, at, dayAfter(worker, town))).toBe(expected);
  });

  it('counts nothing sent more than the grace after the period ended', () => {
    const visit = '2026-11-24T00:00:00Z';
    expect(wasAssignedAt(periods, 'a', TOWN_B, visit, '2026-12-02T00:00:00.000Z')).toBe(true);
    expect(wasAssignedAt(periods, 'a', TOWN_B, visit, '2026-12-02T00:00:00.001Z')).toBe(false);
  });
});
