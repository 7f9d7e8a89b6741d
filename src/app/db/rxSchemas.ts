// RxDB's JSON schemas. The synced records' are made from their zod schemas (src/domain), the one
// source of each record's shape: zod's JSON Schema of the record, with what RxDB needs on top (the
// primary key, the indexes, and a max length on each where zod sets none). A field, type or limit
// added to a zod schema reaches RxDB's with it.
// RxDB refuses to open a collection whose stored schema differs from the code's at the same version,
// so a change to a record's shape raises its version here, with a migration strategy for the step
// (tests/app/rxSchemas.test.ts fails until both are done).
import type { MigrationStrategies, RxJsonSchema } from 'rxdb/plugins/core';
import * as z from 'zod/mini';
import { type CollectionName, Elder, Review, Schedule, User, Visit, Volunteer } from '../../domain/schemas';

/** A record as RxDB stores it: RxDB keeps `_deleted` itself, beside the document's data. */
type Stored<T> = Omit<T, '_deleted'>;
type FieldOf<T> = Extract<keyof Stored<T>, string>;

/** What RxDB needs beyond the record's shape. */
interface Overlay<T> {
  version: number;
  indexes?: FieldOf<T>[];
  /** Max lengths of the key and of the indexed strings, whose values zod bounds by format or enum only. */
  maxLength: Partial<Record<FieldOf<T>, number>>;
}

interface JsonSchema {
  type?: unknown;
  maxLength?: number;
  [keyword: string]: unknown;
}

function rxSchemaOf<T>(record: z.ZodMiniType<T>, overlay: Overlay<T>): RxJsonSchema<Stored<T>> {
  const {
    $schema: _dialect,
    properties,
    required = [],
    ...object
  } = z.toJSONSchema(record, { io: 'input', target: 'draft-07' }) as JsonSchema & {
    properties: Record<string, JsonSchema>;
    required?: string[];
  };
  const { _deleted, ...fields } = properties;
  for (const [name, maxLength] of Object.entries(overlay.maxLength)) {
    const field = fields[name];
    // The overlay only adds what zod leaves out; a limit zod sets is zod's to change.
    if (field?.type !== 'string' || field.maxLength !== undefined) {
      throw new Error(`RxDB schema: ${name} is not a string without a max length`);
    }
    fields[name] = { ...field, maxLength: maxLength as number };
  }
  return {
    ...object,
    version: overlay.version,
    primaryKey: 'id',
    type: 'object',
    properties: fields,
    required: required.filter((name) => name !== '_deleted'),
    ...(overlay.indexes && { indexes: overlay.indexes }),
  } as unknown as RxJsonSchema<Stored<T>>;
}

/** Ids are UUIDs (36 characters); RxDB pads keys and indexed strings to their max length. */
const ID = 40;
const DATE = 10;

export const elderRxSchema = rxSchemaOf(Elder, { version: 3, maxLength: { id: ID } });

export const scheduleRxSchema = rxSchemaOf(Schedule, {
  version: 2,
  indexes: ['elderId', 'plannedDate'],
  maxLength: { id: ID, elderId: ID, plannedDate: DATE },
});

export const visitRxSchema = rxSchemaOf(Visit, {
  version: 3,
  indexes: ['elderId'],
  maxLength: { id: ID, elderId: ID },
});

export const reviewRxSchema = rxSchemaOf(Review, {
  version: 2,
  indexes: ['status'],
  maxLength: { id: ID, status: 10 },
});

export const userRxSchema = rxSchemaOf(User, { version: 2, maxLength: { id: ID } });

/** A collection added after the first release starts at version 0: no device has stored it yet. */
export const volunteerRxSchema = rxSchemaOf(Volunteer, { version: 0, maxLength: { id: ID } });

const unchanged = (doc: unknown) => doc;

/**
 * How each synced collection's documents move from one version to the next, one strategy per step.
 * Version 0 was written by hand beside the zod schemas; version 1, derived from them, describes the
 * same documents, so they move over as they are. RxDB runs these as the database opens after an
 * update, and carries the sync's checkpoints and last known server states along.
 */
export const recordMigrations = {
  // 2: the register's dates (registeredOn, archivedOn, archiveReason) and consentDate, all optional.
  // 3: the volunteers paired with the elder (volunteerIds), optional.
  elders: { 1: unchanged, 2: unchanged, 3: unchanged },
  // 2: a missed visit's reason may be 'deceased', with the worker's words (missedNote), optional.
  schedules: { 1: unchanged, 2: unchanged },
  // 2: a participant may name a volunteer of the register (volunteerId), optional.
  // 3: who closed a follow-up and what was done (followUpDoneBy, followUpDoneNote), optional.
  visits: { 1: unchanged, 2: unchanged, 3: unchanged },
  // 2: an entry may be about a volunteer's record (collectionName 'volunteers').
  reviews: { 1: unchanged, 2: unchanged },
  // 2: users may be admins (with no towns) or disabled; stored users are valid as they are.
  users: { 1: unchanged, 2: unchanged },
  volunteers: {},
} satisfies Record<CollectionName, MigrationStrategies>;

// The device's own collections, written by hand: not records, never synced, still at version 0.
const str = { type: 'string' } as const;
const obj = { type: 'object' } as const;

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
