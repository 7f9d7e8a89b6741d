// A small dataset made in the tests, independent of the demo seeds: two towns, a coordinator for each,
// two workers in 东区街道 and one in 小榄镇, one elder per worker with a planned and a past visit.
import { v7 as uuidv7 } from 'uuid';
import type { Dataset } from '../../src/domain/dataset';
import type { Elder, Review, Schedule, User, Visit } from '../../src/domain/schemas';

export const TOWN_A = '东区街道';
export const TOWN_B = '小榄镇';
export const PASSWORD = 'correct horse battery';

const AT = '2026-11-01T08:00:00.000Z';

export function makeUser(patch: Partial<User> & Pick<User, 'username' | 'role' | 'towns'>): User {
  return {
    id: uuidv7(),
    displayName: patch.username,
    updatedAt: AT,
    updatedBy: uuidv7(),
    _deleted: false,
    ...patch,
  };
}

export function makeElder(
  patch: Partial<Elder> & Pick<Elder, 'town' | 'assignedWorkerId' | 'updatedBy'>,
): Elder {
  return {
    id: uuidv7(),
    name: '陈阿婆',
    gender: 'female',
    birthDate: '1940-03-02',
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
    notes: '',
    fieldTimes: {},
    updatedAt: AT,
    _deleted: false,
    ...patch,
  };
}

export function makeSchedule(elder: Elder, patch: Partial<Schedule> = {}): Schedule {
  return {
    id: uuidv7(),
    elderId: elder.id,
    town: elder.town,
    workerId: elder.assignedWorkerId,
    plannedDate: '2026-12-01',
    kind: 'routine',
    status: 'planned',
    visitId: null,
    missedReason: null,
    note: '',
    fieldTimes: {},
    updatedAt: AT,
    updatedBy: elder.assignedWorkerId,
    _deleted: false,
    ...patch,
  };
}

export function makeVisit(elder: Elder, patch: Partial<Visit> = {}): Visit {
  return {
    id: uuidv7(),
    elderId: elder.id,
    town: elder.town,
    workerId: elder.assignedWorkerId,
    scheduleId: null,
    mode: 'home',
    startedAt: '2026-11-20T02:00:00.000Z',
    endedAt: '2026-11-20T03:00:00.000Z',
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
    updatedAt: '2026-11-20T03:00:00.000Z',
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

export interface Fixture {
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

export function buildFixture(): Fixture {
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
      users: Object.values(users).map((user) => ({ ...user, password: PASSWORD })),
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
