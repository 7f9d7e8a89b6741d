import { describe, expect, it } from 'vitest';
import { pushBodySchema } from '../../src/domain/api';
import { Elder, Schedule, User, Visit } from '../../src/domain/schemas';
import { makeElder, makeSchedule, makeVisit, WORKER_ID } from '../support/fixtures';

function firstIssuePath(result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }): string {
  return result.error?.issues[0]?.path.join('.') ?? '';
}

describe('record schemas', () => {
  it('accept a complete elder, visit and schedule', () => {
    const elder = makeElder();
    expect(Elder.safeParse(elder).success).toBe(true);
    expect(Visit.safeParse(makeVisit(elder)).success).toBe(true);
    expect(Schedule.safeParse(makeSchedule(elder)).success).toBe(true);
  });

  it('reject an elder with an unknown category and name the field', () => {
    const result = Elder.safeParse({ ...makeElder(), categories: ['rich'] });
    expect(result.success).toBe(false);
    expect(firstIssuePath(result)).toBe('categories.0');
  });

  it('reject a blank name', () => {
    expect(firstIssuePath(Elder.safeParse({ ...makeElder(), name: '   ' }))).toBe('name');
  });

  it('reject a visit that ends before it starts', () => {
    const visit = makeVisit(makeElder(), {
      startedAt: '2026-11-20T03:00:00.000Z',
      endedAt: '2026-11-20T02:00:00.000Z',
    });
    expect(firstIssuePath(Visit.safeParse(visit))).toBe('endedAt');
  });

  it('reject a visit with an unknown mode, an invalid date or a made-up field', () => {
    const elder = makeElder();
    expect(firstIssuePath(Visit.safeParse({ ...makeVisit(elder), mode: 'telepathy' }))).toBe('mode');
    expect(firstIssuePath(Visit.safeParse({ ...makeVisit(elder), startedAt: 'yesterday' }))).toBe(
      'startedAt',
    );
    expect(Visit.safeParse({ ...makeVisit(elder), secret: 1 }).success).toBe(false);
  });

  it('reject a schedule with a date that is not a calendar day', () => {
    expect(
      firstIssuePath(Schedule.safeParse({ ...makeSchedule(makeElder()), plannedDate: '2026-02-30' })),
    ).toBe('plannedDate');
  });

  it('reject a user without a town', () => {
    const user = {
      id: WORKER_ID,
      username: 'worker1',
      displayName: '李社工',
      role: 'worker',
      towns: [],
      updatedAt: '2026-11-01T00:00:00.000Z',
      updatedBy: WORKER_ID,
      _deleted: false,
    };
    expect(User.safeParse({ ...user, towns: ['小榄镇'] }).success).toBe(true);
    expect(firstIssuePath(User.safeParse(user))).toBe('towns');
  });

  it('check every row of a push body and point at the row that is wrong', () => {
    const elder = makeElder();
    const good = { newDocumentState: makeVisit(elder), assumedMasterState: null };
    const bad = { newDocumentState: { ...makeVisit(elder), mode: 'x' } };
    expect(pushBodySchema('visits').safeParse([good]).success).toBe(true);
    expect(firstIssuePath(pushBodySchema('visits').safeParse([good, bad]))).toBe('1.newDocumentState.mode');
  });
});
