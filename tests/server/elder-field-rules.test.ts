// Who may change which field of an elder, field by field: the worker assigned to the elder changes
// what they find out in the field (contact details, living situation, health, notes); every other
// field is a coordinator's, and a worker never deletes an elder. A refused push writes nothing.
import { describe, expect, it } from 'vitest';
import { WORKER_ELDER_FIELDS } from '../../src/domain/access';
import { applyEdit } from '../../src/domain/merge';
import { Elder } from '../../src/domain/schemas';
import { TOWN_B, twoTowns } from '../support/fixtures';
import { databases, startTestServer, update } from '../support/test-servers';

const fixture = twoTowns();
const { coordinatorA, workerA1, workerA2 } = fixture.users;
const elder = fixture.elders.a1;
const EDITED_AT = '2026-11-20T02:00:00.000Z';

/** A new value for each field of an elder that is not stamped by every edit. */
const NEW_VALUES: Record<string, unknown> = {
  name: '陈婆婆',
  gender: 'male',
  birthDate: '1938-05-06',
  town: TOWN_B,
  community: '新村社区',
  address: '竹苑路 9 号',
  phone: '13812345678',
  categories: ['veteran'],
  riskTier: 'general',
  livingSituation: '与女儿同住',
  health: '血压平稳',
  capability: 'severe',
  contacts: [{ name: '陈小姐', relation: '女儿', phone: '13987654321', emergency: true }],
  consentGiven: false,
  consentDate: '2026-01-02',
  assignedWorkerId: workerA2.id,
  notes: '门铃坏了，要敲门',
  registeredOn: '2020-01-01',
  archivedOn: '2026-11-19',
  archiveReason: 'moved',
  volunteerIds: ['0190c7e2-7c6b-7000-8000-0000000000aa'],
};
const STAMPED = new Set(['id', 'fieldTimes', 'updatedAt', 'updatedBy', '_deleted']);
const FIELDS = Object.keys(Elder.def.shape).filter((name) => !STAMPED.has(name));

describe('the elder field rules', () => {
  it('name a new value for every field of an elder, so a field added later must be given a rule here', () => {
    expect(Object.keys(NEW_VALUES).sort()).toEqual([...FIELDS].sort());
  });
});

describe.each(databases)("a worker's edits of their elder ($name)", (database) => {
  const start = () => startTestServer(database, fixture);

  /** The worker's device edits `name` of the elder as the app does, and pushes it. */
  async function workerChanges(name: string) {
    const server = await start();
    const token = await server.login(workerA1);
    const before = await server.dump();
    const edited = applyEdit(elder, { [name]: NEW_VALUES[name] } as Partial<Elder>, {
      now: EDITED_AT,
      actorId: workerA1.id,
    });
    expect(edited).not.toBe(elder);
    const result = await server.push(token, 'elders', [update(elder, edited)]);
    return { server, before, result, edited };
  }

  it.each(FIELDS.filter((name) => WORKER_ELDER_FIELDS.has(name)))('may change %s', async (name) => {
    const { server, result, edited } = await workerChanges(name);
    expect(result.status).toBe(200);
    expect((await server.stored('elders')).find((doc) => doc.id === elder.id)).toEqual(edited);
  });

  it.each(FIELDS.filter((name) => !WORKER_ELDER_FIELDS.has(name)))(
    'may not change %s: refused naming the field, nothing written',
    async (name) => {
      const { server, before, result } = await workerChanges(name);
      expect(result.status).toBe(403);
      expect(result.body).toMatchObject({ error: 'forbidden', field: `0.newDocumentState.${name}` });
      expect(await server.dump()).toEqual(before);
    },
  );

  it('may not delete the elder, nothing written', async () => {
    const server = await start();
    const token = await server.login(workerA1);
    const before = await server.dump();
    const deleted = { ...elder, _deleted: true, updatedAt: EDITED_AT, updatedBy: workerA1.id };
    const result = await server.push(token, 'elders', [update(elder, deleted)]);
    expect(result.status).toBe(403);
    expect(result.body).toMatchObject({ field: '0.newDocumentState._deleted' });
    expect(await server.dump()).toEqual(before);
  });

  it('may bring back an elder a coordinator deleted meanwhile, by an edit merged over the delete', async () => {
    const server = await start();
    const coordinator = await server.login(coordinatorA);
    const deleted = { ...elder, _deleted: true, updatedAt: EDITED_AT, updatedBy: coordinatorA.id };
    expect((await server.push(coordinator, 'elders', [update(elder, deleted)])).status).toBe(200);
    const token = await server.login(workerA1);
    const mine = applyEdit(elder, { phone: '13812345678' }, { now: EDITED_AT, actorId: workerA1.id });
    const merged = { ...mine, _deleted: false, updatedAt: '2026-11-20T02:30:00.000Z' };
    const result = await server.push(token, 'elders', [update(deleted, merged)]);
    expect(result.status).toBe(200);
    expect(result.body).toEqual([]);
  });

  it("may not re-date a coordinator's field to win its clashes later, nothing written", async () => {
    const server = await start();
    const token = await server.login(workerA1);
    const before = await server.dump();
    const edited = applyEdit(elder, { notes: '复查' }, { now: EDITED_AT, actorId: workerA1.id });
    const redated = { ...edited, fieldTimes: { ...edited.fieldTimes, riskTier: '2026-12-31T00:00:00.000Z' } };
    const result = await server.push(token, 'elders', [update(elder, redated)]);
    expect(result.status).toBe(403);
    expect(result.body).toMatchObject({ field: '0.newDocumentState.fieldTimes.riskTier' });
    expect(await server.dump()).toEqual(before);
  });

  it("may push their edit merged with a coordinator's change of the tier made meanwhile", async () => {
    const server = await start();
    const coordinator = await server.login(coordinatorA);
    const retiered = applyEdit(elder, { riskTier: 'key' }, { now: EDITED_AT, actorId: coordinatorA.id });
    expect((await server.push(coordinator, 'elders', [update(elder, retiered)])).status).toBe(200);
    const token = await server.login(workerA1);
    const mine = applyEdit(
      retiered,
      { health: '已复诊' },
      { now: '2026-11-20T02:30:00.000Z', actorId: workerA1.id },
    );
    const result = await server.push(token, 'elders', [update(retiered, mine)]);
    expect(result.status).toBe(200);
    expect(result.body).toEqual([]);
  });
});
