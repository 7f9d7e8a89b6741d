// The volunteers register on the server, on both databases: who sees which volunteers, who may enter
// and change them (a coordinator of the volunteer's town, an admin anywhere, never a worker), who may
// pair them with elders and with whom, and what a pairing, a move or a review entry sends to whom.
import { describe, expect, it } from 'vitest';
import type { PushRow } from '../../src/domain/api';
import type { AnyDocument, Elder, Review, User } from '../../src/domain/schemas';
import type { ChangeEvent } from '../../src/server/sync/change-notifier';
import {
  makeReview,
  makeUser,
  makeVisit,
  makeVolunteer,
  TOWN_A,
  TOWN_B,
  twoTowns,
  withPassword,
} from '../support/fixtures';
import { create, databases, startTestServer, update } from '../support/test-servers';

const base = twoTowns();
const { coordinatorA, coordinatorB, workerA1, workerA2, workerB1 } = base.users;
const admin = makeUser({ username: 'admin', role: 'admin', towns: [] });
const coordinatorAB = makeUser({ username: 'coord-ab', role: 'coordinator', towns: [TOWN_A, TOWN_B] });
const volunteers = {
  a1: makeVolunteer({ name: '冯淑仪', town: TOWN_A, updatedBy: coordinatorA.id }),
  a2: makeVolunteer({
    name: '陈耀祖',
    town: TOWN_A,
    birthYear: 1990,
    zhiyuanNumber: null,
    updatedBy: coordinatorA.id,
  }),
  stopped: makeVolunteer({ name: '吴翠兰', town: TOWN_A, active: false, updatedBy: coordinatorA.id }),
  b1: makeVolunteer({ name: '何少芳', town: TOWN_B, community: '新市社区', updatedBy: coordinatorB.id }),
};
const elders = {
  ...base.elders,
  // Paired with a volunteer who has stopped since.
  a1: { ...base.elders.a1, volunteerIds: [volunteers.stopped.id] },
};
const fixture = {
  ...base,
  elders,
  dataset: {
    ...base.dataset,
    users: [...base.dataset.users, ...withPassword([admin, coordinatorAB])],
    elders: Object.values(elders),
    volunteers: Object.values(volunteers),
  },
};
const NOW = '2026-11-20T02:00:00.000Z';

const ids = (documents: readonly AnyDocument[]) => documents.map((doc) => doc.id).sort();
const idsOf = (...records: { id: string }[]) => records.map((record) => record.id).sort();
/** A row written by `user` now. */
const by = (user: User) => ({ updatedBy: user.id, updatedAt: NOW });

describe.each(databases)('the volunteers register on the server ($name)', (database) => {
  it('gives workers and coordinators the volunteers of their towns, active or not, and an admin every one', async () => {
    const server = await startTestServer(database, fixture);
    const townA = idsOf(volunteers.a1, volunteers.a2, volunteers.stopped);
    for (const user of [workerA1, coordinatorA]) {
      expect(
        ids((await server.pullAll(await server.login(user), 'volunteers')).documents),
        user.username,
      ).toEqual(townA);
    }
    for (const user of [workerB1, coordinatorB]) {
      expect(ids((await server.pullAll(await server.login(user), 'volunteers')).documents)).toEqual([
        volunteers.b1.id,
      ]);
    }
    expect(ids((await server.pullAll(await server.login(admin), 'volunteers')).documents)).toEqual(
      idsOf(...Object.values(volunteers)),
    );
  });

  it('refuses a worker entering or changing a volunteer with 403 naming the row, and writes nothing', async () => {
    const server = await startTestServer(database, fixture);
    const token = await server.login(workerA1);
    const before = await server.dump();
    const entered = await server.push(token, 'volunteers', [create(makeVolunteer(by(workerA1)))]);
    expect(entered.status).toBe(403);
    expect(entered.body).toMatchObject({ error: 'forbidden', field: '0.newDocumentState.id' });
    const changed = await server.push(token, 'volunteers', [
      create(makeVolunteer(by(workerA1))),
      update(volunteers.a1, { phone: '13711112222', ...by(workerA1) }),
    ]);
    expect(changed.status).toBe(403);
    expect(changed.body.field).toBe('0.newDocumentState.id');
    expect(await server.dump()).toEqual(before);
  });

  it('lets a coordinator enter and change the volunteers of their town, and refuses one of another town', async () => {
    const server = await startTestServer(database, fixture);
    const tokenA = await server.login(coordinatorA);
    const fresh = makeVolunteer({ name: '李建新', ...by(coordinatorA) });
    const ok = await server.push(tokenA, 'volunteers', [
      create(fresh),
      update(volunteers.a2, { team: '东区义剪队', zhiyuanNumber: 'ZS2026', ...by(coordinatorA) }),
    ]);
    expect(ok).toMatchObject({ status: 200, body: [] });
    expect(await server.stored('volunteers')).toContainEqual(fresh);

    const tokenB = await server.login(coordinatorB);
    const refusals: [string, PushRow, string][] = [
      ['entering one in another town', create(makeVolunteer(by(coordinatorB))), 'town'],
      [
        'changing one of another town',
        update(volunteers.a1, { phone: '13711110000', ...by(coordinatorB) }),
        'town',
      ],
      ['moving one into their town', update(volunteers.a1, { town: TOWN_B, ...by(coordinatorB) }), 'town'],
      [
        'moving theirs out of their towns',
        update(volunteers.b1, { town: TOWN_A, ...by(coordinatorB) }),
        'town',
      ],
    ];
    for (const [what, row, field] of refusals) {
      const result = await server.push(tokenB, 'volunteers', [row]);
      expect(result.status, what).toBe(403);
      expect(result.body.field, what).toBe(`0.newDocumentState.${field}`);
    }
  });

  it('lets an admin enter and change volunteers of any town', async () => {
    const server = await startTestServer(database, fixture);
    const token = await server.login(admin);
    const fresh = makeVolunteer({ town: TOWN_B, ...by(admin) });
    const result = await server.push(token, 'volunteers', [
      create(fresh),
      update(volunteers.a1, { active: false, ...by(admin) }),
    ]);
    expect(result).toMatchObject({ status: 200, body: [] });
    expect(await server.stored('volunteers')).toContainEqual({
      ...volunteers.a1,
      active: false,
      ...by(admin),
    });
  });

  it('refuses a worker pairing their elder with a volunteer, with 403 naming volunteerIds', async () => {
    const server = await startTestServer(database, fixture);
    const result = await server.push(await server.login(workerA1), 'elders', [
      update(elders.a1, { volunteerIds: [volunteers.stopped.id, volunteers.a1.id], ...by(workerA1) }),
    ]);
    expect(result.status).toBe(403);
    expect(result.body.field).toBe('0.newDocumentState.volunteerIds');
  });

  it('lets a worker edit an elder paired with a volunteer who has stopped since, the pairing as it was', async () => {
    const server = await startTestServer(database, fixture);
    // The same set in another order is the same pairing.
    const twice = { ...elders.a2, volunteerIds: [volunteers.a1.id, volunteers.a2.id] };
    const paired = await server.push(await server.login(coordinatorA), 'elders', [
      update(elders.a2, { volunteerIds: twice.volunteerIds, ...by(coordinatorA) }),
    ]);
    expect(paired).toMatchObject({ status: 200, body: [] });
    const stored = (await server.stored('elders')).find((doc) => doc.id === twice.id) as Elder;
    const reordered = await server.push(await server.login(workerA2), 'elders', [
      update(stored, {
        volunteerIds: [volunteers.a2.id, volunteers.a1.id],
        phone: '13711110000',
        ...by(workerA2),
      }),
    ]);
    expect(reordered).toMatchObject({ status: 200, body: [] });

    const result = await server.push(await server.login(workerA1), 'elders', [
      update(elders.a1, { phone: '13711112222', ...by(workerA1) }),
    ]);
    expect(result).toMatchObject({ status: 200, body: [] });
  });

  it('lets a coordinator pair an elder with active volunteers of the elder’s town, and refuses any other', async () => {
    const server = await startTestServer(database, fixture);
    const token = await server.login(coordinatorA);
    const pair = (volunteerIds: string[]) =>
      server.push(token, 'elders', [update(elders.a2, { volunteerIds, ...by(coordinatorA) })]);
    for (const [what, volunteerIds] of [
      ['a volunteer who stopped', [volunteers.stopped.id]],
      ['a volunteer of another town', [volunteers.b1.id]],
      ['a volunteer not on the register', [makeVolunteer().id]],
      ['the same volunteer twice', [volunteers.a1.id, volunteers.a1.id]],
    ] as const) {
      const result = await pair([...volunteerIds]);
      expect(result.status, what).toBe(400);
      expect(result.body.field, what).toBe('0.newDocumentState.volunteerIds');
    }
    expect(await pair([volunteers.a1.id, volunteers.a2.id])).toMatchObject({ status: 200, body: [] });
    // A pairing kept while its volunteer stops is no new pairing.
    const keeps = await server.push(token, 'elders', [
      update(elders.a1, { volunteerIds: [volunteers.stopped.id, volunteers.a1.id], ...by(coordinatorA) }),
    ]);
    expect(keeps).toMatchObject({ status: 200, body: [] });
  });

  it('takes a new volunteer and the elder paired with them in one request, whatever the order of the parts', async () => {
    const server = await startTestServer(database, fixture);
    const fresh = makeVolunteer({ name: '黄美玲', ...by(coordinatorA) });
    const result = await server.pushBatch(await server.login(coordinatorA), {
      pushes: [
        {
          collection: 'elders',
          rows: [update(elders.a2, { volunteerIds: [fresh.id], ...by(coordinatorA) })],
        },
        { collection: 'volunteers', rows: [create(fresh)] },
      ],
    });
    expect(result.status).toBe(200);
    expect(result.body).toEqual({ pushes: [{ conflicts: [] }, { conflicts: [] }] });
    const elder = (await server.stored('elders')).find((doc) => doc.id === elders.a2.id) as Elder;
    expect(elder.volunteerIds).toEqual([fresh.id]);
  });

  it('takes a worker’s visit naming a registered volunteer and a helper typed by name', async () => {
    const server = await startTestServer(database, fixture);
    const visit = makeVisit(elders.a1, {
      participants: [
        { name: volunteers.a1.name, minutes: 60, volunteerId: volunteers.a1.id },
        { name: '邻居黄姨', minutes: 30, volunteerId: null },
      ],
    });
    const result = await server.push(await server.login(workerA1), 'visits', [create(visit)]);
    expect(result).toMatchObject({ status: 200, body: [] });
    expect(await server.stored('visits')).toContainEqual(visit);
  });

  it('drops a volunteer moved to another town from the devices of the people who no longer see them', async () => {
    const server = await startTestServer(database, fixture);
    const tokens = {
      workerA1: await server.login(workerA1),
      coordinatorA: await server.login(coordinatorA),
      workerB1: await server.login(workerB1),
    };
    const seen = {
      workerA1: (await server.pullAll(tokens.workerA1, 'volunteers')).checkpoint,
      coordinatorA: (await server.pullAll(tokens.coordinatorA, 'volunteers')).checkpoint,
      workerB1: (await server.pullAll(tokens.workerB1, 'volunteers')).checkpoint,
    };
    const moved = { ...volunteers.a2, town: TOWN_B, community: '新市社区', ...by(coordinatorAB) };
    const result = await server.push(await server.login(coordinatorAB), 'volunteers', [
      update(volunteers.a2, moved),
    ]);
    expect(result).toMatchObject({ status: 200, body: [] });

    for (const who of ['workerA1', 'coordinatorA'] as const) {
      const { documents } = await server.pullAll(tokens[who], 'volunteers', seen[who]);
      // As they last saw it, deleted.
      expect(documents, who).toEqual([{ ...volunteers.a2, _deleted: true }]);
    }
    expect((await server.pullAll(tokens.workerB1, 'volunteers', seen.workerB1)).documents).toEqual([moved]);
  });

  it('announces a change of the register to the people of the volunteer’s town', async () => {
    const server = await startTestServer(database, fixture);
    const events: ChangeEvent[] = [];
    server.notifier.subscribe((event) => events.push(event));
    await server.push(await server.login(coordinatorB), 'volunteers', [
      update(volunteers.b1, { phone: '13711110000', ...by(coordinatorB) }),
    ]);
    expect(events).toEqual([{ collections: ['volunteers'], towns: [TOWN_B] }]);
  });

  it('keeps a review entry about a volunteer to the coordinators of the volunteer’s town', async () => {
    const server = await startTestServer(database, fixture);
    const entry: Review = makeReview(elders.a1, {
      collectionName: 'volunteers',
      recordId: volunteers.a1.id,
      elderId: volunteers.a1.id,
      town: TOWN_A,
      field: 'phone',
      ...by(coordinatorA),
    });
    const tokenA = await server.login(coordinatorA);
    expect(await server.push(tokenA, 'reviews', [create(entry)])).toMatchObject({ status: 200, body: [] });
    expect(ids((await server.pullAll(tokenA, 'reviews')).documents)).toContain(entry.id);
    expect(ids((await server.pullAll(await server.login(workerA1), 'reviews')).documents)).not.toContain(
      entry.id,
    );

    const worker = await server.push(await server.login(workerA1), 'reviews', [
      update(entry, { status: 'reviewed', resolution: 'kept', reviewedBy: workerA1.id, ...by(workerA1) }),
    ]);
    expect(worker.status).toBe(403);
    const stranger = makeVolunteer().id;
    for (const [what, patch, field] of [
      ['naming an elder', { elderId: elders.a1.id }, 'elderId'],
      ['in another town', { town: TOWN_B }, 'town'],
      ['about no volunteer on the register', { recordId: stranger, elderId: stranger }, 'recordId'],
    ] as const) {
      const other = { ...entry, id: makeVolunteer().id, ...patch, ...by(coordinatorAB) };
      const result = await server.push(await server.login(coordinatorAB), 'reviews', [create(other)]);
      expect(result.status, what).toBe(400);
      expect(result.body.field, what).toBe(`0.newDocumentState.${field}`);
    }
  });
});
