// Event names of `GET /api/sync/stream`. Kept apart from api.ts, which builds zod schemas, so the
// app's first load needs no zod.

/** Something the caller may see has changed: pull. */
export const STREAM_EVENT_CHANGED = 'changed';

/** Sent once when the stream is open and subscribed: changes after it will be announced. */
export const STREAM_EVENT_READY = 'ready';
