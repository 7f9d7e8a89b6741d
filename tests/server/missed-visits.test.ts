// A planned visit marked missed: the reasons a programme needs (deceased, moved away) and the
// worker's own words for 'other' reach the server, on both databases; 'other' without words, an
// unknown reason or words past 500 characters are refused, naming the field, and change nothing.
import { describe, expect, it } from 'vitest';
import type { Schedule } from '../../src/domain/schemas';
import { twoTowns } from '../support/fixtures';
import { databases, startTestServer, update } from '../support/test-servers';

const fixture = twoTowns();
const { workerA1 } = fixture.users;
const planned = fixture.schedules.a1;
const NOW = '2026-12-07T02:00:00.000Z';
const byWorker = { updatedBy: workerA1.id, updatedAt: NOW };

describe.each(databases)('missed visits on the server ($name)', (database) => {
  it.each([
    ['deceased', ''],
    ['moved', ''],
    ['other', '家属接去广州过冬'],
  ] as const)('take a visit missed for %s, with the worker’s words kept as sent', async (reason, note) => {
    const server = await startTestServer(database, fixture);
    const token = await server.login(workerA1);
    const missed = { status: 'missed', missedReason: reason, missedNote: note, ...byWorker } as const;
    const result = await server.push(token, 'schedules', [update(planned, missed)]);
    expect(result.status).toBe(200);
    expect(result.body).toEqual([]);
    const stored = (await server.stored('schedules')).find((doc) => doc.id === planned.id) as Schedule;
    expect(stored).toMatchObject({ status: 'missed', missedReason: reason, missedNote: note });
  });

  it.each([
    ['other with no words', { missedReason: 'other', missedNote: '  ' }, 'missedNote'],
    ['an unknown reason', { missedReason: 'abroad', missedNote: '' }, 'missedReason'],
    ['words past 500 characters', { missedReason: 'other', missedNote: '很'.repeat(501) }, 'missedNote'],
  ])('refuse a visit missed with %s with 400 naming the field, and write nothing', async (_, patch, name) => {
    const server = await startTestServer(database, fixture);
    const token = await server.login(workerA1);
    const result = await server.push(token, 'schedules', [
      update(planned, { status: 'missed', ...byWorker, ...(patch as Partial<Schedule>) }),
    ]);
    expect(result.status).toBe(400);
    expect(result.body.field).toBe(`0.newDocumentState.${name}`);
    expect(await server.stored('schedules')).toContainEqual(planned);
  });

  it('take a visit missed for other without the words field, as an older app sends it', async () => {
    const server = await startTestServer(database, fixture);
    const token = await server.login(workerA1);
    const result = await server.push(token, 'schedules', [
      update(planned, { status: 'missed', missedReason: 'other', ...byWorker }),
    ]);
    expect(result.body).toEqual([]);
  });
});
