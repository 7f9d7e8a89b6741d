// The data the sync property starts from: one town, worker1 with all its elders, a second worker,
// the town's coordinator. Few records, so that the devices' edits meet on the same ones.
import { v7 as uuidv7 } from 'uuid';
import type { Dataset } from '../../src/domain/dataset';
import type { Elder, Schedule, User, Visit } from '../../src/domain/schemas';

export const TOWN = '东区街道';
export const PASSWORD = 'correct horse battery';
const AT = '2026-11-01T08:00:00.000Z';

export function user(username: string, role: User['role']): User {
  return {
    id: uuidv7(),
    username,
    displayName: username,
    role,
    towns: [TOWN],
    updatedAt: AT,
    updatedBy: uuidv7(),
    _deleted: false,
  };
}

export function elder(worker: User, by: User, index: number): Elder {
  return {
    id: uuidv7(),
    name: `长者${index}`,
    gender: index % 2 === 0 ? 'female' : 'male',
    birthDate: '1940-03-02',
    town: TOWN,
    community: '竹苑社区',
    address: `竹苑路 ${index} 号`,
    phone: '13800000000',
    categories: ['living_alone', 'advanced_age'],
    riskTier: 'high',
    livingSituation: '独居',
    health: '高血压',
    capability: 'mild',
    contacts: [{ name: '陈先生', relation: '儿子', phone: '13900000000', emergency: true }],
    consentGiven: true,
    assignedWorkerId: worker.id,
    notes: '',
    fieldTimes: {},
    updatedAt: AT,
    updatedBy: by.id,
    _deleted: false,
  };
}

export function schedule(of: Elder, plannedDate: string): Schedule {
  return {
    id: uuidv7(),
    elderId: of.id,
    town: of.town,
    workerId: of.assignedWorkerId,
    plannedDate,
    kind: 'routine',
    status: 'planned',
    visitId: null,
    missedReason: null,
    note: '',
    fieldTimes: {},
    updatedAt: AT,
    updatedBy: of.assignedWorkerId,
    _deleted: false,
  };
}

export function visit(of: Elder, startedAt: string, patch: Partial<Visit> = {}): Visit {
  const start = Date.parse(startedAt);
  return {
    id: uuidv7(),
    elderId: of.id,
    town: of.town,
    workerId: of.assignedWorkerId,
    scheduleId: null,
    mode: 'home',
    startedAt,
    endedAt: new Date(start + 60 * 60_000).toISOString(),
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
    updatedAt: new Date(start + 60 * 60_000).toISOString(),
    updatedBy: of.assignedWorkerId,
    _deleted: false,
    ...patch,
  };
}

export interface World {
  dataset: Dataset;
  users: { worker1: User; worker2: User; coordinator: User };
  elders: Elder[];
  visits: Visit[];
}

/** The property's world: 2 elders of worker1, 2 planned visits and 1 past visit each. */
export function smallWorld(): World {
  const users = {
    worker1: user('worker1', 'worker'),
    worker2: user('worker2', 'worker'),
    coordinator: user('coord', 'coordinator'),
  };
  const elders = [1, 2].map((i) => elder(users.worker1, users.coordinator, i));
  const schedules = elders.flatMap((e) => [schedule(e, '2026-12-01'), schedule(e, '2026-12-15')]);
  const visits = elders.map((e) => visit(e, '2026-11-20T02:00:00.000Z'));
  return {
    dataset: {
      users: Object.values(users).map((u) => ({ ...u, password: PASSWORD })),
      elders,
      schedules,
      visits,
    },
    users,
    elders,
    visits,
  };
}
