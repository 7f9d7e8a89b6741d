// The REST contract between the app and the server: request and response bodies, shared by both.
// The answers' schemas are in responses.ts (the server's API description needs them, the app only
// their types, re-exported here).
import * as z from 'zod/mini';
import type { ApiError } from './responses';
import { type AnyDocument, COLLECTIONS, type CollectionName, documentSchemas, User } from './schemas';

export type { ApiError, OkResponse, PullBatchResponse, PushBatchResponse } from './responses';

export const LoginRequest = z.strictObject({
  username: z.string().check(z.minLength(1), z.maxLength(40)),
  password: z.string().check(z.minLength(1), z.maxLength(200)),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

export const LoginResponse = z.object({ token: z.string(), user: User });
export type LoginResponse = z.infer<typeof LoginResponse>;

export const CollectionParam = z.enum(COLLECTIONS);

/** The highest change counter: its column is a 32-bit integer in PostgreSQL. */
export const MAX_SEQ = 2 ** 31 - 1;

/**
 * Where a pull stopped. `seq` is the server's change counter, bumped once per write transaction,
 * so several rows can share one; `id` orders the rows within it.
 */
export const Checkpoint = z.strictObject({
  seq: z.number().check(z.int(), z.gte(0), z.lte(MAX_SEQ)),
  id: z.string().check(z.maxLength(64)),
});
export type Checkpoint = z.infer<typeof Checkpoint>;

export const MAX_PULL_LIMIT = 1000;

/**
 * The most a record may weigh as JSON (UTF-8). A record with every text at its longest, in Chinese,
 * is about 50 KB; the cap keeps one device from pushing records that make every pull slow.
 */
export const MAX_RECORD_BYTES = 64 * 1024;

/** Query of `GET /api/sync/{collection}/pull`: no seq means from the start. */
export const PullQuery = z.object({
  limit: z.pipe(
    z.string().check(z.regex(/^\d+$/)),
    z.transform((s) => Number(s)),
  ),
  seq: z.optional(
    z.pipe(
      z.string().check(z.regex(/^\d+$/)),
      z.transform((s) => Number(s)),
    ),
  ),
  id: z.optional(z.string().check(z.maxLength(64))),
});

export interface PullResponse<T extends AnyDocument = AnyDocument> {
  documents: T[];
  /** Null when there is nothing at all to pull yet. */
  checkpoint: Checkpoint | null;
  /**
   * True when the page was cut short by its size in bytes, not its count: there is more to pull
   * at once, though the page holds fewer documents than the limit asked.
   */
  more?: true;
}

/**
 * One collection's part of `POST /api/sync/pull`, which pulls several collections in one request
 * (the app asks for all of them at the start of every sync). Each part pages on its own, exactly as
 * `GET /api/sync/{collection}/pull` with the same checkpoint and limit.
 */
export const PullPart = z.strictObject({
  collection: CollectionParam,
  checkpoint: z.nullable(Checkpoint),
  limit: z.number().check(z.int(), z.gte(1), z.lte(MAX_PULL_LIMIT)),
});
export type PullPart = z.infer<typeof PullPart>;

/** The parts of a request to several collections: at least one, and one per collection at most. */
function partsPerCollection<Part extends z.ZodMiniType<{ collection: CollectionName }>>(
  part: Part,
  verb: string,
) {
  return z.array(part).check(
    z.minLength(1),
    z.maxLength(COLLECTIONS.length),
    z.refine((parts) => new Set(parts.map((p) => p.collection)).size === parts.length, {
      message: `each collection may be ${verb} once`,
    }),
  );
}

export const PullBatchRequest = z.strictObject({ pulls: partsPerCollection(PullPart, 'asked') });
export type PullBatchRequest = z.infer<typeof PullBatchRequest>;

export interface PushRow<T extends AnyDocument = AnyDocument> {
  newDocumentState: T;
  assumedMasterState?: T | null;
}

export const MAX_PUSH_ROWS = 500;

/** The body of `POST /api/sync/{collection}/push` for one collection, checked row by row. */
function buildPushBodySchema(collection: CollectionName) {
  const schema = documentSchemas[collection];
  return z
    .array(
      z.strictObject({
        newDocumentState: schema,
        assumedMasterState: z.optional(z.nullable(schema)),
      }),
    )
    .check(z.maxLength(MAX_PUSH_ROWS));
}

// Made once per collection: every push is checked against one, and a schema made anew for each
// request doubled the time zod took (it readies each schema on its first use).
const PUSH_BODY_SCHEMAS = Object.fromEntries(
  COLLECTIONS.map((collection) => [collection, buildPushBodySchema(collection)]),
) as { [C in CollectionName]: ReturnType<typeof buildPushBodySchema> };

export function pushBodySchema(collection: CollectionName) {
  return PUSH_BODY_SCHEMAS[collection];
}

/**
 * One collection's part of `POST /api/sync/push`, which pushes several collections in one request
 * (a visit recorded and the planned visit it closes are two collections). Only the envelope is
 * checked here: each part's rows are checked against pushBodySchema(collection) on their own, so a
 * refused row is answered in its own part, named as in `POST /api/sync/{collection}/push`.
 */
export const PushPart = z.strictObject({
  collection: CollectionParam,
  rows: z.array(z.unknown()),
});
export type PushPart = z.infer<typeof PushPart>;

export const PushBatchRequest = z.strictObject({ pushes: partsPerCollection(PushPart, 'pushed') });
export type PushBatchRequest = z.infer<typeof PushBatchRequest>;

/**
 * One part's answer: the stored copies of its conflicting rows (as the push of that collection alone
 * answers), or the refusal that push alone would have answered with, in which case nothing of this
 * part was written. Parts are applied independently: one part refused does not undo another.
 */
export type PushPartAnswer<T extends AnyDocument = AnyDocument> =
  | { conflicts: T[] }
  | { status: 400 | 403; error: ApiError };

/**
 * The row a refused push names. Every 400 or 403 of a push that is about one row has a `field` that
 * starts with the row's index ("3", "3.newDocumentState.town"), so the device can set that record
 * aside and push the others again. Undefined when the refusal is about the whole request.
 */
export function refusedPushRow(error: ApiError): number | undefined {
  const match = /^(\d+)(?:\.|$)/.exec(error.field ?? '');
  return match === null ? undefined : Number(match[1]);
}

export { STREAM_EVENT_CHANGED, STREAM_EVENT_READY } from './stream';
