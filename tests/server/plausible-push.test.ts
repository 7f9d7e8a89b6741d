import { describe, expect, it } from 'vitest';
import type { Elder, Visit } from '../../src/domain/schemas';
import { makeVisit, makeVolunteer, twoTowns } from '../support/fixtures';
import { create, databases, startTestServer, update } from '../support/test-servers';

const fixture = twoTowns();
const { coordinatorA, workerA1 } = fixture.users;
const { elders } = fixture;

// The server's clock for these tests: an hour after the fixture's visits start.
const SERVER_NOW = new Date('2026-11-20T03:00:00.000Z');
const minutesAfterNow = (minutes: number) => new Date(SERVER_NOW.getTime() + minutes * 60_000).toISOString();

function visitStartingAt(startedAt: string): Visit {
  return makeVisit(elders.a1, {
    startedAt,
    endedAt: new Date(Date.parse(startedAt) + 30 * 60_000).toISOString(),
  });
}

// The fixture's visit records only its living situation.
const emptyContent: Partial<Visit> = { livingSituation: '' };

describe.each(databases)('implausible pushes ($name)', (database) => {
  const start = () => startTestServer(database, fixture, { clock: () => SERVER_NOW });

  it("refuses a visit starting more than 10 minutes after the server's clock, naming startedAt", async () => {
    const server = await start();
    const token = await server.login(workerA1);
    const before = await server.dump();
    const result = await server.push(token, 'visits', [create(visitStartingAt(minutesAfterNow(11)))]);
    expect(result.status).toBe(400);
    expect(result.body).toMatchObject({ error: 'invalid_body', field: '0.newDocumentState.startedAt' });
    expect(await server.dump()).toEqual(before);
  });

  it("takes a visit starting up to 10 minutes after the server's clock (a phone a little ahead)", async () => {
    const server = await start();
    const token = await server.login(workerA1);
    const result = await server.push(token, 'visits', [create(visitStartingAt(minutesAfterNow(9)))]);
    expect(result.status).toBe(200);
    expect(result.body).toEqual([]);
  });

  it('refuses a new visit that records nothing, naming the row', async () => {
    const server = await start();
    const token = await server.login(workerA1);
    const result = await server.push(token, 'visits', [create(makeVisit(elders.a1, emptyContent))]);
    expect(result.status).toBe(400);
    expect(result.body.field).toBe('0.newDocumentState.livingSituation');
  });

  it("refuses an elder's phone or a contact's phone that is not a phone number", async () => {
    const server = await start();
    const token = await server.login(workerA1);
    const before = await server.dump();
    const own = await server.push(token, 'elders', [
      update(elders.a1, { phone: 'abc', updatedBy: workerA1.id }),
    ]);
    expect(own.status).toBe(400);
    expect(own.body.field).toBe('0.newDocumentState.phone');
    const contacts: Elder['contacts'] = [
      ...elders.a1.contacts,
      { name: '邻居', relation: '邻居', phone: '问居委会', emergency: false },
    ];
    const contact = await server.push(token, 'elders', [
      update(elders.a1, { contacts, updatedBy: workerA1.id }),
    ]);
    expect(contact.status).toBe(400);
    expect(contact.body.field).toBe('0.newDocumentState.contacts.1.phone');
    expect(await server.dump()).toEqual(before);
  });

  it("refuses a volunteer's phone that is not a phone number", async () => {
    const server = await start();
    const token = await server.login(coordinatorA);
    const result = await server.push(token, 'volunteers', [
      create(makeVolunteer({ phone: 'abc', updatedBy: coordinatorA.id })),
    ]);
    expect(result.status).toBe(400);
    expect(result.body.field).toBe('0.newDocumentState.phone');
  });

  it('still takes edits of other fields of records stored before the rules broke them', async () => {
    const stored = twoTowns();
    Object.assign(stored.elders.a1, { phone: '问居委会' });
    Object.assign(stored.visits.a1, emptyContent);
    const server = await startTestServer(database, stored, { clock: () => SERVER_NOW });
    const token = await server.login(stored.users.workerA1);
    const elder = await server.push(token, 'elders', [
      update(stored.elders.a1, { notes: '耳背', updatedBy: stored.users.workerA1.id }),
    ]);
    const visit = await server.push(token, 'visits', [update(stored.visits.a1, { services: ['cleaning'] })]);
    expect([elder.status, visit.status]).toEqual([200, 200]);
    expect([elder.body, visit.body]).toEqual([[], []]);
  });
});
