// Small valid records for tests; each call makes a new id.
import { v7 as uuidv7 } from 'uuid';
import type { Elder, Schedule, Visit } from '../../src/domain/schemas';

export const WORKER_ID = '0190c7e2-7c6b-7000-8000-000000000001';

export function makeElder(patch: Partial<Elder> = {}): Elder {
  return {
    id: uuidv7(),
    name: '陈阿婆',
    gender: 'female',
    birthDate: '1940-03-02',
    town: '东区街道',
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
    updatedAt: '2026-11-01T00:00:00.000Z',
    updatedBy: WORKER_ID,
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
    livingSituation: '',
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
    updatedAt: '2026-11-01T00:00:00.000Z',
    updatedBy: elder.assignedWorkerId,
    _deleted: false,
    ...patch,
  };
}

/** Other people who edit records in the merge tests. */
export const COORDINATOR_ID = '0190c7e2-7c6b-7000-8000-000000000002';
export const VOLUNTEER_ID = '0190c7e2-7c6b-7000-8000-000000000003';
