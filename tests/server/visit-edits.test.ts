// Who may change a visit once it is stored: its author corrects it; the elder's worker and the
// town's coordinator only close its follow-up (saying who and what was done) or fulfil its wish.
import { describe, expect, it } from 'vitest';
import { applyEdit } from '../../src/domain/merge';
import type { Visit } from '../../src/domain/schemas';
import { makeVisit, twoTowns } from '../support/fixtures';
import { databases, startTestServer } from '../support/test-servers';

const fixture = twoTowns();
const { coordinatorA, workerA1, workerA2 } = fixture.users;
const { elders } = fixture;

// A visit of worker A1 that asked for a follow-up and recorded a wish.
const visit = makeVisit(elders.a1, {
  mentalState: '情绪低落',
  followUp: { needed: true, urgency: 'high', note: '联系女儿' },
  wish: { text: '想去公园', fulfilledAt: null },
});
fixture.dataset.visits.push(visit);

const LATER = '2026-11-25T03:00:00.000Z';

/** A push row of `stored` edited by `actorId`, stamped as the app stamps an edit. */
function edit(stored: Visit, actorId: string, patch: Partial<Visit>) {
  return { newDocumentState: applyEdit(stored, patch, { now: LATER, actorId }), assumedMasterState: stored };
}

const close = (by: string) => ({
  followUpDoneAt: LATER,
  followUpDoneBy: by,
  followUpDoneNote: '已联系女儿，下周陪同复诊',
});

describe.each(databases)('edits of a stored visit ($name)', (database) => {
  it("lets the visit's author correct a field, attributed to them, and the coordinator reads it", async () => {
    const server = await startTestServer(database, fixture);
    const worker = await server.login(workerA1);
    const row = edit(visit, workerA1.id, { mentalState: '情绪平稳' });
    expect((await server.push(worker, 'visits', [row])).body).toEqual([]);
    const coordinator = await server.login(coordinatorA);
    const pulled = (await server.pullAll(coordinator, 'visits')).documents.find((v) => v.id === visit.id) as
      | Visit
      | undefined;
    expect(pulled).toMatchObject({ mentalState: '情绪平稳', updatedBy: workerA1.id });
    expect(pulled?.fieldTimes.mentalState).toBe(LATER);
  });

  it.each([
    ['the coordinator of the town', coordinatorA, { mentalState: '情绪平稳' }, 'mentalState'],
    ['the coordinator deleting it', coordinatorA, { _deleted: true }, '_deleted'],
    [
      'the coordinator rewriting its wish',
      coordinatorA,
      { wish: { text: '想回老家', fulfilledAt: null } },
      'wish',
    ],
  ] as const)('refuses a correction by %s and writes nothing', async (_who, actor, patch, field) => {
    const server = await startTestServer(database, fixture);
    const token = await server.login(actor);
    const before = await server.dump();
    const result = await server.push(token, 'visits', [edit(visit, actor.id, patch)]);
    expect(result.status).toBe(403);
    expect(result.body.field).toBe(`0.newDocumentState.${field}`);
    expect(await server.dump()).toEqual(before);
  });

  it('refuses a correction by the worker the elder was moved to, though they may close its follow-up', async () => {
    const server = await startTestServer(database, fixture);
    const coordinator = await server.login(coordinatorA);
    const moved = { ...elders.a1, assignedWorkerId: workerA2.id, updatedBy: coordinatorA.id };
    await server.push(coordinator, 'elders', [{ newDocumentState: moved, assumedMasterState: elders.a1 }]);
    const worker = await server.login(workerA2);
    const corrected = await server.push(worker, 'visits', [edit(visit, workerA2.id, { needs: '助餐' })]);
    expect(corrected.status).toBe(403);
    expect(corrected.body.field).toBe('0.newDocumentState.needs');
    const closed = await server.push(worker, 'visits', [edit(visit, workerA2.id, close(workerA2.id))]);
    expect(closed.body).toEqual([]);
  });

  it('lets the coordinator close the follow-up with a note and fulfil the wish, in their own name', async () => {
    const server = await startTestServer(database, fixture);
    const token = await server.login(coordinatorA);
    const patch = { ...close(coordinatorA.id), wish: { text: '想去公园', fulfilledAt: LATER } };
    expect((await server.push(token, 'visits', [edit(visit, coordinatorA.id, patch)])).body).toEqual([]);
    const stored = (await server.pullAll(token, 'visits')).documents.find((v) => v.id === visit.id);
    expect(stored).toMatchObject({ ...close(coordinatorA.id), mentalState: '情绪低落' });
  });

  it.each([
    [
      'with no note of what was done',
      { followUpDoneAt: LATER, followUpDoneBy: workerA1.id },
      400,
      'followUpDoneNote',
    ],
    ['with no one named', { followUpDoneAt: LATER, followUpDoneNote: '已处理' }, 400, 'followUpDoneBy'],
    ['in the name of someone else', close(workerA2.id), 403, 'followUpDoneBy'],
  ] as const)('refuses closing a follow-up %s', async (_how, patch, status, field) => {
    const server = await startTestServer(database, fixture);
    const token = await server.login(workerA1);
    const before = await server.dump();
    const result = await server.push(token, 'visits', [edit(visit, workerA1.id, patch)]);
    expect(result.status).toBe(status);
    expect(result.body.field).toBe(`0.newDocumentState.${field}`);
    expect(await server.dump()).toEqual(before);
  });

  it("answers a coordinator's close made on a copy older than the author's correction with a conflict, not a refusal", async () => {
    const server = await startTestServer(database, fixture);
    const worker = await server.login(workerA1);
    await server.push(worker, 'visits', [edit(visit, workerA1.id, { mentalState: '情绪平稳' })]);
    const coordinator = await server.login(coordinatorA);
    const result = await server.push(coordinator, 'visits', [
      edit(visit, coordinatorA.id, close(coordinatorA.id)),
    ]);
    expect(result.status).toBe(200);
    expect(result.body).toEqual([expect.objectContaining({ id: visit.id, mentalState: '情绪平稳' })]);
  });
});
