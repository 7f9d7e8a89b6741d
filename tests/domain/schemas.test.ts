import { describe, expect, it } from 'vitest';
import { PullBatchRequest, pushBodySchema } from '../../src/domain/api';
import { COLLECTIONS, Elder, Schedule, User, Visit, Volunteer } from '../../src/domain/schemas';
import { makeElder, makeSchedule, makeVisit, makeVolunteer, WORKER_ID } from '../support/fixtures';

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

describe('the volunteers register and its links', () => {
  it('accepts a volunteer with or without a 志愿中山 number', () => {
    expect(Volunteer.safeParse(makeVolunteer()).success).toBe(true);
    expect(Volunteer.safeParse(makeVolunteer({ zhiyuanNumber: null })).success).toBe(true);
    const { zhiyuanNumber: _none, ...without } = makeVolunteer();
    expect(Volunteer.safeParse(without).success).toBe(true);
  });

  it('refuses a volunteer without a name or town, or an empty 志愿中山 number (none is null)', () => {
    expect(firstIssuePath(Volunteer.safeParse(makeVolunteer({ name: ' ' })))).toBe('name');
    expect(firstIssuePath(Volunteer.safeParse(makeVolunteer({ town: '' })))).toBe('town');
    expect(firstIssuePath(Volunteer.safeParse(makeVolunteer({ zhiyuanNumber: '' })))).toBe('zhiyuanNumber');
  });

  it('takes birth years from 1920 to 2015, whole years only', () => {
    for (const birthYear of [1920, 1958, 2015]) {
      expect(Volunteer.safeParse(makeVolunteer({ birthYear })).success, String(birthYear)).toBe(true);
    }
    for (const birthYear of [1919, 2016, 1958.5, Number.NaN]) {
      expect(firstIssuePath(Volunteer.safeParse(makeVolunteer({ birthYear }))), String(birthYear)).toBe(
        'birthYear',
      );
    }
  });

  it('keeps the limits of the elder’s fields: 50 for a name, 30 for a phone, 80 for a community and a team, 40 for a number', () => {
    const tooLong = (field: string, length: number) =>
      firstIssuePath(Volunteer.safeParse({ ...makeVolunteer(), [field]: 'x'.repeat(length) }));
    for (const [field, max] of [
      ['name', 50],
      ['phone', 30],
      ['community', 80],
      ['team', 80],
      ['zhiyuanNumber', 40],
    ] as const) {
      expect(tooLong(field, max), field).toBe('');
      expect(tooLong(field, max + 1), field).toBe(field);
    }
  });

  it('pairs an elder with at most 20 volunteers, by id; an elder from before pairings stays valid', () => {
    const ids = (count: number) => Array.from({ length: count }, () => makeVolunteer().id);
    expect(Elder.safeParse(makeElder()).success).toBe(true);
    expect(Elder.safeParse(makeElder({ volunteerIds: ids(20) })).success).toBe(true);
    expect(firstIssuePath(Elder.safeParse(makeElder({ volunteerIds: ids(21) })))).toBe('volunteerIds');
    expect(firstIssuePath(Elder.safeParse(makeElder({ volunteerIds: ['冯淑仪'] })))).toBe('volunteerIds.0');
  });

  it('names a registered volunteer in a visit’s participants, or none for a helper typed by name', () => {
    const elder = makeElder();
    const volunteer = makeVolunteer();
    const participants = [
      { name: volunteer.name, minutes: 60, volunteerId: volunteer.id },
      { name: '邻居黄姨', minutes: 30, volunteerId: null },
      { name: '志愿者', minutes: 30 }, // a visit recorded before the register
    ];
    expect(Visit.safeParse(makeVisit(elder, { participants })).success).toBe(true);
    const unknown = [{ name: '冯淑仪', minutes: 60, volunteerId: 'v1' }];
    expect(firstIssuePath(Visit.safeParse(makeVisit(elder, { participants: unknown })))).toBe(
      'participants.0.volunteerId',
    );
  });

  it('lets a batch pull ask every collection, volunteers included, once each', () => {
    const pulls = COLLECTIONS.map((collection) => ({ collection, checkpoint: null, limit: 100 }));
    expect(COLLECTIONS).toContain('volunteers');
    expect(PullBatchRequest.safeParse({ pulls }).success).toBe(true);
    expect(PullBatchRequest.safeParse({ pulls: [...pulls, pulls[0]] }).success).toBe(false);
  });
});
