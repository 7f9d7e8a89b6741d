// What only a coordinator decides about an elder: the risk tier, the consent, the register's entry
// and exit, the volunteers paired with them. A worker is refused each, on both databases; a worker's
// other edits made meanwhile are merged, not refused.
import { describe, expect, it } from 'vitest';
import type { Elder } from '../../src/domain/schemas';
import { twoTowns } from '../support/fixtures';
import { databases, startTestServer, update } from '../support/test-servers';

const fixture = twoTowns();
const { coordinatorA, coordinatorB, workerA1 } = fixture.users;
const elder = fixture.elders.a1;
const NOW = '2026-11-20T02:00:00.000Z';

const coordinatorsOnly: [keyof Elder, Partial<Elder>][] = [
  ['riskTier', { riskTier: 'general' }],
  ['consentGiven', { consentGiven: false }],
  ['consentDate', { consentDate: '2026-11-01' }],
  ['registeredOn', { registeredOn: '2026-01-01' }],
  ['archivedOn', { archivedOn: '2026-11-19' }],
  ['archiveReason', { archiveReason: 'deceased' }],
  // Pairing (结对) is assigned by the centre.
  ['volunteerIds', { volunteerIds: ['0190c7e2-7c6b-7000-8000-0000000000b1'] }],
];

describe.each(databases)('the register’s rules ($name)', (database) => {
  it.each(coordinatorsOnly)(
    'refuse a worker’s change of %s with 403 naming it, and write nothing',
    async (name, patch) => {
      const server = await startTestServer(database, fixture);
      const token = await server.login(workerA1);
      const result = await server.push(token, 'elders', [
        update(elder, { ...patch, phone: '13711112222', updatedBy: workerA1.id, updatedAt: NOW }),
      ]);
      expect(result.status).toBe(403);
      expect(result.body.field).toBe(`0.newDocumentState.${name}`);
      expect(await server.stored('elders')).toContainEqual(elder);
    },
  );

  it('answer a worker’s edit made while a coordinator changed the tier with a conflict to merge', async () => {
    const server = await startTestServer(database, fixture);
    const byCoordinator = { ...elder, riskTier: 'key' as const, updatedBy: coordinatorA.id, updatedAt: NOW };
    const first = await server.push(await server.login(coordinatorA), 'elders', [
      update(elder, byCoordinator),
    ]);
    expect(first.body).toEqual([]);

    const token = await server.login(workerA1);
    const stale = await server.push(token, 'elders', [
      update(elder, { phone: '13711112222', updatedBy: workerA1.id, updatedAt: NOW }),
    ]);
    expect(stale.status).toBe(200);
    expect(stale.body).toEqual([byCoordinator]);
    // The device merges and pushes again on top of the coordinator's record: the tier stays theirs.
    const merged = await server.push(token, 'elders', [
      update(byCoordinator, { phone: '13711112222', updatedBy: workerA1.id }),
    ]);
    expect(merged.body).toEqual([]);
    const stored = (await server.stored('elders')).find((doc) => doc.id === elder.id) as Elder;
    expect(stored).toMatchObject({ riskTier: 'key', phone: '13711112222' });
  });

  it('let a coordinator archive an elder of their town, who stays in the worker’s records with the reason', async () => {
    const server = await startTestServer(database, fixture);
    const archived = {
      archivedOn: '2026-11-19',
      archiveReason: 'moved' as const,
      updatedBy: coordinatorA.id,
    };
    const result = await server.push(await server.login(coordinatorA), 'elders', [update(elder, archived)]);
    expect(result.status).toBe(200);
    expect(result.body).toEqual([]);
    const { documents } = await server.pullAll(await server.login(workerA1), 'elders');
    expect(documents.find((doc) => doc.id === elder.id)).toMatchObject({
      archivedOn: '2026-11-19',
      archiveReason: 'moved',
      _deleted: false,
    });

    const otherTown = await server.push(await server.login(coordinatorB), 'elders', [
      update(fixture.elders.a2, { ...archived, updatedBy: coordinatorB.id }),
    ]);
    expect(otherTown.status).toBe(403);
  });
});
