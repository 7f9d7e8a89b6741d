// Records and datasets made in the tests, independent of the demo seeds. One builder per record type,
// each a small valid record with a new id (uuidv7, so later records sort after earlier ones) and
// fixed times; a test overrides only the fields it is about. Every record is dated RECORDED_AT,
// visits on 20 November, so that an edit a test makes later in the month is newer than the record.
import { v7 as uuidv7 } from 'uuid';
import type { Dataset } from '../../src/domain/dataset';
import type { Elder, Review, Schedule, User, Visit, Volunteer } from '../../src/domain/schemas';

/** The worker whose elders the builders make by default. */
export const WORKER_ID = '0190c7e2-7c6b-7000-8000-000000000001';
/** Other people who edit records in the merge tests. */
export const COORDINATOR_ID = '0190c7e2-7c6b-7000-8000-000000000002';
export const VOLUNTEER_ID = '0190c7e2-7c6b-7000-8000-000000000003';

export const TOWN_A = '东区街道';
export const TOWN_B = '小榄镇';
/** Every dataset user's password. */
export const PASSWORD = 'correct horse battery';

const RECORDED_AT = '2026-11-01T00:00:00.000Z';
const HOUR_MS = 60 * 60_000;

export function makeUser(patch: Partial<User> & Pick<User, 'username' | 'role'>): User {
  return {
    id: uuidv7(),
    displayName: patch.username,
    towns: [TOWN_A],
    updatedAt: RECORDED_AT,
    updatedBy: uuidv7(),
    _deleted: false,
    ...patch,
  };
}

/** An elder as a form or an import gives one: the record without what the device stamps. */
export function makeElderDraft(
  patch: Partial<Elder> = {},
): Omit<Elder, 'id' | 'fieldTimes' | 'updatedAt' | 'updatedBy' | '_deleted'> {
  const { id: _i, fieldTimes: _f, updatedAt: _u, updatedBy: _b, _deleted: _d, ...fields } = makeElder(patch);
  return fields;
}

export function makeElder(patch: Partial<Elder> = {}): Elder {
  return {
    id: uuidv7(),
    name: '陈阿婆',
    gender: 'female',
    birthDate: '1940-03-02',
    town: TOWN_A,
    community: '竹苑社区',
    address: '竹苑路 1 号',
    phone: '13800000000',
    categories: ['living_alone', 'advanced_age'],
    riskTier: 'high',
    livingSituation: '独居',
    health: '高血压',
    capability: 'mild',
    contacts: [{ name: '陈先生', relation: '儿子', phone: '13900000000', emergency: true }],
    consentGiven: true,
    assignedWorkerId: WORKER_ID,
    notes: '',
    fieldTimes: {},
    updatedAt: RECORDED_AT,
    updatedBy: WORKER_ID,
    _deleted: false,
    ...patch,
  };
}

/** A planned visit to `elder` by its worker. */
export function makeSchedule(elder: Elder, patch: Partial<Schedule> = {}): Schedule {
  return {
    id: uuidv7(),
    elderId: elder.id,
    town: elder.town,
    workerId: elder.assignedWorkerId,
    plannedDate: '2026-11-29',
    kind: 'routine',
    status: 'planned',
    visitId: null,
    missedReason: null,
    note: '',
    fieldTimes: {},
    updatedAt: RECORDED_AT,
    updatedBy: elder.assignedWorkerId,
    _deleted: false,
    ...patch,
  };
}

/** A home visit of an hour by the elder's worker, saved as it ended; `startedAt` moves all three. */
export function makeVisit(elder: Elder, patch: Partial<Visit> = {}): Visit {
  const startedAt = patch.startedAt ?? '2026-11-20T02:00:00.000Z';
  const endedAt = new Date(Date.parse(startedAt) + HOUR_MS).toISOString();
  return {
    id: uuidv7(),
    elderId: elder.id,
    town: elder.town,
    workerId: elder.assignedWorkerId,
    scheduleId: null,
    mode: 'home',
    startedAt,
    endedAt,
    livingSituation: '能自理',
    safetyRisks: [],
    physicalState: '',
    mentalState: '',
    services: [],
    needs: '',
    followUp: { needed: false, urgency: 'normal', note: '' },
    participants: [],
    notes: '',
    fieldTimes: {},
    updatedAt: endedAt,
    updatedBy: elder.assignedWorkerId,
    _deleted: false,
    ...patch,
  };
}

/** A review-list entry about the elder's own record: a clash over its notes, made on the worker's device. */
export function makeReview(elder: Elder, patch: Partial<Review> = {}): Review {
  return {
    id: uuidv7(),
    collectionName: 'elders',
    recordId: elder.id,
    elderId: elder.id,
    town: elder.town,
    field: 'notes',
    kept: { value: JSON.stringify('耳背'), by: elder.assignedWorkerId, at: '2026-11-20T03:00:00.000Z' },
    other: { value: JSON.stringify('怕冷'), by: elder.updatedBy, at: '2026-11-20T02:00:00.000Z' },
    status: 'open',
    resolution: null,
    reviewedBy: null,
    updatedAt: '2026-11-20T03:00:00.000Z',
    updatedBy: elder.assignedWorkerId,
    _deleted: false,
    ...patch,
  };
}

/** A volunteer of TOWN_A's register, entered by the coordinator, with a 志愿中山 number. */
export function makeVolunteer(patch: Partial<Volunteer> = {}): Volunteer {
  return {
    id: uuidv7(),
    name: '冯淑仪',
    phone: '13700000000',
    birthYear: 1958,
    town: TOWN_A,
    community: '竹苑社区',
    team: '竹苑社区长者关爱志愿服务队',
    zhiyuanNumber: 'ZS20190001',
    active: true,
    fieldTimes: {},
    updatedAt: RECORDED_AT,
    updatedBy: COORDINATOR_ID,
    _deleted: false,
    ...patch,
  };
}

/** Users as a dataset holds them: each can sign in with PASSWORD. */
export function withPassword(users: readonly User[]): Dataset['users'] {
  return users.map((user) => ({ ...user, password: PASSWORD }));
}

/** The server tests' dataset: who may see and change what, across two towns. */
export interface TwoTowns {
  dataset: Dataset;
  users: {
    coordinatorA: User;
    coordinatorB: User;
    workerA1: User;
    workerA2: User;
    workerB1: User;
    retired: User;
  };
  elders: { a1: Elder; a2: Elder; b1: Elder };
  schedules: { a1: Schedule; a2: Schedule; b1: Schedule };
  visits: { a1: Visit; a2: Visit; b1: Visit };
}

/**
 * Two towns, a coordinator for each, two workers in TOWN_A and one in TOWN_B, one elder per worker
 * (registered by the town's coordinator) with a planned and a past visit.
 */
export function twoTowns(): TwoTowns {
  const users = {
    coordinatorA: makeUser({ username: 'coord-a', role: 'coordinator', towns: [TOWN_A] }),
    coordinatorB: makeUser({ username: 'coord-b', role: 'coordinator', towns: [TOWN_B] }),
    workerA1: makeUser({ username: 'worker-a1', role: 'worker', towns: [TOWN_A] }),
    workerA2: makeUser({ username: 'worker-a2', role: 'worker', towns: [TOWN_A] }),
    workerB1: makeUser({ username: 'worker-b1', role: 'worker', towns: [TOWN_B] }),
    // A worker who left: the record stays (visits name them) but they can no longer sign in.
    retired: makeUser({ username: 'retired', role: 'worker', towns: [TOWN_A], _deleted: true }),
  };
  const elderFor = (worker: User, coordinator: User, name: string) =>
    makeElder({
      name,
      town: worker.towns[0] ?? TOWN_A,
      assignedWorkerId: worker.id,
      updatedBy: coordinator.id,
    });
  const elders = {
    a1: elderFor(users.workerA1, users.coordinatorA, '陈阿婆'),
    a2: elderFor(users.workerA2, users.coordinatorA, '李伯'),
    b1: elderFor(users.workerB1, users.coordinatorB, '何婆婆'),
  };
  const schedules = { a1: makeSchedule(elders.a1), a2: makeSchedule(elders.a2), b1: makeSchedule(elders.b1) };
  const visits = { a1: makeVisit(elders.a1), a2: makeVisit(elders.a2), b1: makeVisit(elders.b1) };
  return {
    dataset: {
      users: withPassword(Object.values(users)),
      elders: Object.values(elders),
      schedules: Object.values(schedules),
      visits: Object.values(visits),
    },
    users,
    elders,
    schedules,
    visits,
  };
}

/** The sync tests' dataset: one town, few records, so that the devices' edits meet on the same ones. */
export interface World {
  dataset: Dataset;
  users: { worker1: User; worker2: User; coordinator: User };
  elders: Elder[];
  visits: Visit[];
}

/** TOWN_A's coordinator and two workers; worker1 has 2 elders, each with 2 planned visits and 1 past visit. */
export function smallWorld(): World {
  const users = {
    worker1: makeUser({ username: 'worker1', role: 'worker' }),
    worker2: makeUser({ username: 'worker2', role: 'worker' }),
    coordinator: makeUser({ username: 'coord', role: 'coordinator' }),
  };
  const elders = [1, 2].map((i) =>
    makeElder({
      name: `长者${i}`,
      gender: i % 2 === 0 ? 'female' : 'male',
      address: `竹苑路 ${i} 号`,
      assignedWorkerId: users.worker1.id,
      updatedBy: users.coordinator.id,
    }),
  );
  const schedules = elders.flatMap((elder) => [
    makeSchedule(elder, { plannedDate: '2026-12-01' }),
    makeSchedule(elder, { plannedDate: '2026-12-15' }),
  ]);
  const visits = elders.map((elder) => makeVisit(elder));
  return {
    dataset: { users: withPassword(Object.values(users)), elders, schedules, visits },
    users,
    elders,
    visits,
  };
}
