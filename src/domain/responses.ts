// The answers of /api/auth and /api/sync as zod schemas, for the server's API description (GET
// /api/openapi.json). Kept apart from api.ts, which the app bundles: the bundler keeps every schema of
// a module it includes, used or not, and the app needs only these types (api.ts re-exports them).
import * as z from 'zod/mini';
import { Checkpoint } from './api';
import { Elder, Review, Schedule, User, Visit, Volunteer } from './schemas';

/** Every error the API returns has this shape; `field` names the first offending field, if any. */
export const ApiError = z.strictObject({
  error: z.string(),
  message: z.string(),
  field: z.optional(z.string()),
});
export type ApiError = z.infer<typeof ApiError>;

/** The answer of a route that has nothing else to say: sign-out, setting a password. */
export const OkResponse = z.strictObject({ ok: z.literal(true) });
export type OkResponse = z.infer<typeof OkResponse>;

/** A record of any collection. */
const AnyDocument = z.union([Elder, Schedule, Visit, Review, User, Volunteer]);

/** `GET /api/sync/{collection}/pull`: a page of that collection (PullResponse in api.ts). */
export const PullResponse = z.strictObject({
  documents: z.array(AnyDocument),
  /** Null when there is nothing at all to pull yet. */
  checkpoint: z.nullable(Checkpoint),
  /** Present when the page was cut short by its size in bytes: there is more to pull at once. */
  more: z.optional(z.literal(true)),
});

/** `POST /api/sync/pull`: one page per part, in the order asked. */
export const PullBatchResponse = z.strictObject({ pulls: z.array(PullResponse) });
export type PullBatchResponse = z.infer<typeof PullBatchResponse>;

/** `POST /api/sync/{collection}/push`: the stored copies of the rows that conflicted. */
export const PushResponse = z.array(AnyDocument);

/** One part's answer of `POST /api/sync/push` (PushPartAnswer in api.ts). */
export const PushPartAnswer = z.union([
  z.strictObject({ conflicts: PushResponse }),
  z.strictObject({ status: z.literal([400, 403]), error: ApiError }),
]);

/** `POST /api/sync/push`: one answer per part, in the order asked. */
export const PushBatchResponse = z.strictObject({ pushes: z.array(PushPartAnswer) });
export type PushBatchResponse = z.infer<typeof PushBatchResponse>;
