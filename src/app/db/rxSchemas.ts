// RxDB's own JSON schemas for the synced records. The fields are the zod schemas' (src/domain);
// a unit test checks that both list the same fields. RxDB needs maxLength on keys and indexes.
import type { RxJsonSchema } from 'rxdb/plugins/core';
import type { Elder, Review, Schedule, User, Visit } from '../../domain/schemas';

const key = { type: 'string', maxLength: 40 } as const;
const str = { type: 'string' } as const;
const bool = { type: 'boolean' } as const;
const arr = { type: 'array' } as const;
const obj = { type: 'object' } as const;
const nullableKey = { type: ['string', 'null'] } as const;
const audit = { updatedAt: str, updatedBy: str } as const;
const fieldTimes = { type: 'object' } as const;
const auditRequired = ['updatedAt', 'updatedBy'] as const;

export const elderRxSchema: RxJsonSchema<Omit<Elder, '_deleted'>> = {
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: key,
    name: str,
    gender: str,
    birthDate: str,
    town: str,
    community: str,
    address: str,
    phone: str,
    categories: arr,
    riskTier: str,
    livingSituation: str,
    health: str,
    capability: str,
    contacts: arr,
    consentGiven: bool,
    assignedWorkerId: str,
    notes: str,
    fieldTimes,
    ...audit,
  },
  required: ['id', 'name', 'town', 'riskTier', 'assignedWorkerId', ...auditRequired],
};

export const scheduleRxSchema: RxJsonSchema<Omit<Schedule, '_deleted'>> = {
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: key,
    elderId: key,
    town: str,
    workerId: str,
    plannedDate: { type: 'string', maxLength: 10 },
    kind: str,
    status: str,
    visitId: nullableKey,
    missedReason: { type: ['string', 'null'] },
    note: str,
    fieldTimes,
    ...audit,
  },
  required: ['id', 'elderId', 'plannedDate', 'status', ...auditRequired],
  indexes: ['elderId', 'plannedDate'],
};

export const visitRxSchema: RxJsonSchema<Omit<Visit, '_deleted'>> = {
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: key,
    elderId: key,
    town: str,
    workerId: str,
    scheduleId: nullableKey,
    mode: str,
    startedAt: str,
    endedAt: str,
    livingSituation: str,
    safetyRisks: arr,
    physicalState: str,
    mentalState: str,
    services: arr,
    needs: str,
    followUp: obj,
    participants: arr,
    notes: str,
    wish: obj,
    followUpDoneAt: str,
    fieldTimes,
    ...audit,
  },
  required: ['id', 'elderId', 'startedAt', ...auditRequired],
  indexes: ['elderId'],
};

export const userRxSchema: RxJsonSchema<Omit<User, '_deleted'>> = {
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: key,
    username: str,
    displayName: str,
    role: str,
    towns: arr,
    ...audit,
  },
  required: ['id', 'username', 'role', ...auditRequired],
};

/** A local change not yet confirmed by the server: what the "waiting to sync" counter counts. */
export interface OutboxEntry {
  key: string;
  collectionName: string;
  docId: string;
  updatedAt: string;
}

export const outboxRxSchema: RxJsonSchema<OutboxEntry> = {
  version: 0,
  primaryKey: 'key',
  type: 'object',
  properties: {
    key: { type: 'string', maxLength: 100 },
    collectionName: str,
    docId: str,
    updatedAt: str,
  },
  required: ['key', 'collectionName', 'docId', 'updatedAt'],
};

/**
 * A state of a record this device pushed and the server has not yet confirmed (see sent.ts): if the
 * answer was lost, the server may hold it, or a record made from it.
 */
export interface SentEntry {
  /** collection:id:fingerprint of the state (src/domain/fingerprint.ts): one entry per state. */
  key: string;
  collectionName: string;
  docId: string;
  /** The state as pushed. */
  doc: Record<string, unknown>;
}

export const sentRxSchema: RxJsonSchema<SentEntry> = {
  version: 0,
  primaryKey: 'key',
  type: 'object',
  properties: {
    key: { type: 'string', maxLength: 200 },
    collectionName: str,
    docId: { type: 'string', maxLength: 100 },
    doc: obj,
  },
  required: ['key', 'collectionName', 'docId', 'doc'],
  indexes: ['docId'],
};

/**
 * Data the device derives from its records to start fast (see lastVisits.ts), and pulls the sync
 * has to make again (pendingPulls.ts); never synced.
 */
export interface DigestEntry {
  key: string;
  value: Record<string, unknown>;
}

export const digestRxSchema: RxJsonSchema<DigestEntry> = {
  version: 0,
  primaryKey: 'key',
  type: 'object',
  properties: {
    key: { type: 'string', maxLength: 100 },
    value: obj,
  },
  required: ['key', 'value'],
};

export const reviewRxSchema: RxJsonSchema<Omit<Review, '_deleted'>> = {
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: key,
    collectionName: str,
    recordId: key,
    elderId: key,
    town: str,
    field: str,
    kept: obj,
    other: obj,
    status: { type: 'string', maxLength: 10 },
    resolution: { type: ['string', 'null'] },
    reviewedBy: nullableKey,
    ...audit,
  },
  required: ['id', 'collectionName', 'recordId', 'elderId', 'status', ...auditRequired],
  indexes: ['status'],
};

/** A local change the server refused, kept on the device with the server's reason. */
export interface SetAsideEntry {
  key: string;
  collectionName: string;
  recordId: string;
  /** The refused state of the record, as it was pushed. */
  doc: Record<string, unknown>;
  status: number;
  message: string;
  field: string;
  at: string;
}

export const setAsideRxSchema: RxJsonSchema<SetAsideEntry> = {
  version: 0,
  primaryKey: 'key',
  type: 'object',
  properties: {
    key: { type: 'string', maxLength: 100 },
    collectionName: str,
    recordId: str,
    doc: obj,
    status: { type: 'number' },
    message: str,
    field: str,
    at: str,
  },
  required: ['key', 'collectionName', 'recordId', 'doc', 'status', 'message', 'field', 'at'],
};
