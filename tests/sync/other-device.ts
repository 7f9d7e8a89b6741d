// A change made by another device of the same person, straight on the server: a push on top of the
// server's copy, as that device's app would send it.
import { expect } from 'vitest';
import type { Schedule } from '../../src/domain/schemas';
import type { TestServer } from '../support/server';

export async function otherDeviceWrites(
  server: TestServer,
  token: string,
  id: string,
  patch: Partial<Pick<Schedule, 'note' | 'plannedDate'>>,
  at: Date,
): Promise<Schedule> {
  const master = (await server.stored('schedules')).find((s) => s.id === id) as Schedule | undefined;
  if (!master) throw new Error(`the server has no schedule ${id}`);
  const times = Object.fromEntries(Object.keys(patch).map((field) => [field, at.toISOString()]));
  const edited: Schedule = {
    ...master,
    ...patch,
    fieldTimes: { ...master.fieldTimes, ...times },
    updatedAt: at.toISOString(),
    updatedBy: master.workerId,
  };
  const answer = await server.rawPush(`Bearer ${token}`, 'schedules', [
    { newDocumentState: edited, assumedMasterState: master },
  ]);
  expect(answer?.status).toBe(200);
  expect(JSON.parse(answer?.body ?? 'null')).toEqual([]);
  return edited;
}
