// The city's admin has every town; a disabled worker keeps their elders but gets no new ones.
import { describe, expect, it } from 'vitest';
import type { AnyDocument, User } from '../../src/domain/schemas';
import { makeElder, makeUser, TOWN_B, twoTowns, withPassword } from '../support/fixtures';
import { create, databases, startTestServer, update } from '../support/test-servers';

const base = twoTowns();
const admin = makeUser({ username: 'city-admin', role: 'admin', towns: [] });
const fixture = { dataset: { ...base.dataset, users: [...base.dataset.users, ...withPassword([admin])] } };
const { coordinatorA, workerA1, workerA2, workerB1 } = base.users;
const { elders, schedules, visits } = base;

const ids = (documents: readonly AnyDocument[]) => documents.map((doc) => doc.id).sort();

describe.each(databases)('the admin and disabled accounts ($name)', (database) => {
  it('give an admin every town’s elders, planned visits, visits and people', async () => {
    const server = await startTestServer(database, fixture);
    const token = await server.login(admin);
    expect(ids((await server.pullAll(token, 'elders')).documents)).toEqual(ids(Object.values(elders)));
    expect(ids((await server.pullAll(token, 'schedules')).documents)).toEqual(ids(Object.values(schedules)));
    expect(ids((await server.pullAll(token, 'visits')).documents)).toEqual(ids(Object.values(visits)));
    expect(ids((await server.pullAll(token, 'users')).documents)).toEqual(
      ids([...Object.values(base.users), admin]),
    );
  });

  it('let an admin register an elder in any town, as a coordinator of that town could', async () => {
    const server = await startTestServer(database, fixture);
    const elder = makeElder({ town: TOWN_B, assignedWorkerId: workerB1.id, updatedBy: admin.id });
    const result = await server.push(await server.login(admin), 'elders', [create(elder)]);
    expect(result.status).toBe(200);
    expect(result.body).toEqual([]);
    const { documents } = await server.pullAll(await server.login(workerB1), 'elders');
    expect(ids(documents)).toContain(elder.id);
  });

  it('refuse a disabled worker as the worker of a new elder, but keep their elders editable', async () => {
    const server = await startTestServer(database, fixture);
    const token = await server.login(coordinatorA);
    const disabled = await server.call<{ user: User }>('PATCH', `/api/users/${workerA2.id}`, {
      token,
      body: { disabled: true },
    });
    expect(disabled.status).toBe(200);

    const newElder = makeElder({ assignedWorkerId: workerA2.id, updatedBy: coordinatorA.id });
    const refused = await server.push(token, 'elders', [create(newElder)]);
    expect(refused.status).toBe(400);
    expect(refused.body.field).toBe('0.newDocumentState.assignedWorkerId');
    const moved = await server.push(token, 'elders', [
      update(elders.a1, { assignedWorkerId: workerA2.id, updatedBy: coordinatorA.id }),
    ]);
    expect(moved.status).toBe(400);

    const edited = await server.push(token, 'elders', [
      update(elders.a2, { phone: '13700000000', updatedBy: coordinatorA.id }),
    ]);
    expect(edited.status).toBe(200);
    expect(edited.body).toEqual([]);
    const reassigned = await server.push(token, 'elders', [
      update(
        { ...elders.a2, phone: '13700000000', updatedBy: coordinatorA.id },
        { assignedWorkerId: workerA1.id },
      ),
    ]);
    expect(reassigned.status).toBe(200);
    expect(ids((await server.pullAll(await server.login(workerA1), 'elders')).documents)).toContain(
      elders.a2.id,
    );
  });
});
