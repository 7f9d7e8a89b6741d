// /api/sync: the RxDB replication endpoints (pull and push, per collection or several in one
// request) and the change stream.
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import * as z from 'zod/mini';
import {
  type Checkpoint,
  CollectionParam,
  MAX_PULL_LIMIT,
  MAX_RECORD_BYTES,
  MAX_SEQ,
  PullBatchRequest,
  PullQuery,
  PushBatchRequest,
  type PushRow,
  pushBodySchema,
  STREAM_EVENT_CHANGED,
  STREAM_EVENT_READY,
} from '../../domain/api';
import { PullBatchResponse, PullResponse, PushBatchResponse, PushResponse } from '../../domain/responses';
import { COLLECTIONS, type CollectionName } from '../../domain/schemas';
import { requireSession } from '../auth/middleware';
import type { PushPartRows, PushResult, RefusedPushPart } from '../store/repository';
import { concerns } from '../sync/change-notifier';
import { RequestRejected } from '../sync/rejection';
import type { AppEnv, Services } from './context';
import {
  answer,
  describeRoute,
  jsonBody,
  pathParams,
  query,
  refusal,
  requestBody,
  TOO_LARGE,
} from './openapi';
import { errorBody, parseInput, readJson, rejectionBody } from './validation';

/** The `{collection}` of a path: one of the five, or 404. */
const collectionParam = pathParams(z.object({ collection: CollectionParam }), (c) =>
  c.json(errorBody('not_found', `unknown collection: ${c.req.param('collection')}`), 404),
);
const UNKNOWN_COLLECTION = refusal('No such collection (error not_found)');

export function syncRoutes(services: Services): Hono<AppEnv> {
  const { repository, notifier, clock, heartbeatMs } = services;
  const routes = new Hono<AppEnv>();

  /** Tells the devices of the towns concerned what changed. Called once the push has committed, so a listener's pull finds it. */
  function announce(results: readonly PushResult[]): void {
    const collections = new Set(results.flatMap((result) => result.changedCollections));
    if (collections.size === 0) return;
    const towns = new Set(results.flatMap((result) => result.changedTowns));
    const written = results.filter((result) => result.changedCollections.length > 0);
    // Every worker of the towns hears of a change to the volunteers register (changedWorkers undefined).
    const workers = written.every((result) => result.changedWorkers !== undefined)
      ? [...new Set(written.flatMap((result) => result.changedWorkers ?? []))]
      : undefined;
    notifier.publish({
      collections: [...collections],
      towns: [...towns],
      ...(workers !== undefined && { workers }),
    });
  }
  routes.use('*', requireSession(services));

  routes.get(
    '/stream',
    describeRoute({
      tags: ['sync'],
      summary: 'The change stream (server-sent events)',
      description:
        `Stays open. Sends \`event: ${STREAM_EVENT_READY}\` (data \`{}\`) once subscribed: changes after ` +
        'it will be announced, so pull once then for what changed before. Then ' +
        `\`event: ${STREAM_EVENT_CHANGED}\` (data \`{"collections": [...]}\`) when records the user may ` +
        'see have changed in those collections: pull them. A comment line (`: heartbeat`) keeps proxies ' +
        'from closing it.',
      responses: {
        200: {
          description: 'An event stream',
          content: { 'text/event-stream': { schema: { type: 'string' } } },
        },
      },
    }),
    (c) => {
      const user = c.get('user');
      const response = streamSSE(c, async (stream) => {
        // Writes go one after another, so an event and a heartbeat never interleave.
        let writing = Promise.resolve();
        const send = (text: string) => {
          writing = writing.then(() => stream.write(text)).then(() => undefined);
        };
        const unsubscribe = notifier.subscribe((event) => {
          if (!concerns(event, user)) return;
          const data = JSON.stringify({ collections: event.collections });
          send(`event: ${STREAM_EVENT_CHANGED}\ndata: ${data}\n\n`);
        });
        const heartbeat = setInterval(() => send(': heartbeat\n\n'), heartbeatMs);
        const closed = new Promise<void>((resolve) => stream.onAbort(resolve));
        // Sent once subscribed: a client that sees it knows no later change will be missed, and should
        // pull once for what changed while it was not listening.
        send(`event: ${STREAM_EVENT_READY}\ndata: {}\n\n`);
        await closed;
        clearInterval(heartbeat);
        unsubscribe();
      });
      // streamSSE says no-cache (store, but revalidate); the changes of a user's records are for no
      // cache to keep, as every other API answer.
      response.headers.set('Cache-Control', 'no-store');
      return response;
    },
  );

  routes.get(
    '/:collection/pull',
    describeRoute({
      tags: ['sync'],
      summary: 'Pull one page of a collection',
      description: `The records after the checkpoint (seq, id), at most limit (1 to ${MAX_PULL_LIMIT}). No seq: from the start.`,
      responses: {
        200: answer('The page, and the checkpoint to pull the next one from', PullResponse),
        400: refusal('A bad query (error invalid_query; field names the parameter)'),
        404: UNKNOWN_COLLECTION,
      },
    }),
    collectionParam,
    query(PullQuery),
    async (c) => {
      const { collection } = c.req.valid('param');
      const pull = c.req.valid('query');
      if (pull.limit < 1 || pull.limit > MAX_PULL_LIMIT) {
        throw new RequestRejected(400, 'invalid_query', `limit must be 1 to ${MAX_PULL_LIMIT}`, 'limit');
      }
      return c.json(await repository.pull(c.get('user'), collection, checkpointOf(pull), pull.limit));
    },
  );

  // Several collections in one request: one session check and one round trip for what the app asks
  // at the start of every sync, instead of one per collection. Each part is the pull above.
  routes.post(
    '/pull',
    describeRoute({
      tags: ['sync'],
      summary: 'Pull a page of several collections',
      description: 'Each part is answered as GET /api/sync/{collection}/pull with its checkpoint and limit.',
      responses: {
        200: answer('One page per part, in the order asked', PullBatchResponse),
        400: refusal(
          'The body is not JSON or not a PullBatchRequest (error invalid_body; field names the first offending field)',
        ),
      },
    }),
    jsonBody(PullBatchRequest),
    async (c) => {
      const { pulls } = c.req.valid('json');
      const user = c.get('user');
      const pages: PullBatchResponse = { pulls: [] };
      for (const { collection, checkpoint, limit } of pulls) {
        pages.pulls.push(await repository.pull(user, collection, checkpoint, limit));
      }
      return c.json(pages);
    },
  );

  // Several collections in one request, each part checked and applied as its own push above, all in
  // one transaction: one session check, one round trip and one commit for a day's visits and the
  // planned visits they close. A part refused is answered in its place; the others are kept.
  routes.post(
    '/push',
    describeRoute({
      tags: ['sync'],
      summary: 'Push rows of several collections in one transaction',
      description:
        'Each part is checked and applied as POST /api/sync/{collection}/push with its rows. A part refused ' +
        '(400 or 403) is answered in its place and nothing of it is written; the other parts are kept.',
      responses: {
        200: answer('One answer per part, in the order sent', PushBatchResponse),
        400: refusal(
          'The body is not JSON or not a PushBatchRequest (error invalid_body; field names the first offending field)',
        ),
      },
    }),
    jsonBody(PushBatchRequest),
    async (c) => {
      const { pushes } = c.req.valid('json');
      const parts = pushes.map(({ collection, rows }) => checkPushRows(collection, rows));
      const outcomes = await repository.pushBatch(c.get('user'), parts, clock().toISOString());
      announce(outcomes.flatMap((outcome) => ('pushed' in outcome ? [outcome.pushed] : [])));
      const answers: PushBatchResponse = {
        pushes: outcomes.map((outcome) =>
          'rejected' in outcome
            ? // Push rules refuse with 400 or 403 only (src/server/sync/push-rules.ts).
              { status: outcome.rejected.status as 400 | 403, error: rejectionBody(outcome.rejected) }
            : { conflicts: outcome.pushed.conflicts },
        ),
      };
      return c.json(answers);
    },
  );

  routes.post(
    '/:collection/push',
    describeRoute({
      tags: ['sync'],
      summary: 'Push rows of one collection',
      description:
        'Rows as RxDB sends them. A row whose assumedMasterState is not the stored record conflicts: ' +
        'its stored copy is answered and the device merges. A refusal about one row has a field that ' +
        'starts with its index ("3", "3.newDocumentState.town"); nothing of a refused push is written.',
      // The body's schema depends on {collection}: described as any of the five, each the schema
      // that checks it in the handler.
      requestBody: requestBody(z.union(COLLECTIONS.map((name) => pushBodySchema(name)))),
      responses: {
        200: answer('The stored copies of the rows that conflicted', PushResponse),
        400: refusal(
          'The body is not JSON, or a row is not a document of the collection or breaks a rule (error invalid_body)',
        ),
        403: refusal('A row is outside what the user may change (error forbidden)'),
        404: UNKNOWN_COLLECTION,
        413: TOO_LARGE,
      },
    }),
    collectionParam,
    async (c) => {
      const { collection } = c.req.valid('param');
      const part = checkPushRows(collection, await readJson(c));
      if ('rejected' in part) throw part.rejected;
      const result = await repository.push(c.get('user'), collection, part.rows, clock().toISOString());
      announce([result]);
      return c.json(result.conflicts);
    },
  );

  return routes;
}

/** Rows checked as the body of their collection's push, or that push's refusal. */
function checkPushRows(collection: CollectionName, rows: unknown): PushPartRows | RefusedPushPart {
  try {
    // Store zod's copy, never the body itself: the records are strict objects whose schemas
    // transform nothing, so the copy holds the same values (its keys in the schema's order, which
    // no comparison looks at), and nothing the schema did not check can be stored or sent on.
    const parsed = parseInput(pushBodySchema(collection), rows) as PushRow[];
    checkRecordSizes(parsed);
    return { collection, rows: parsed };
  } catch (error) {
    if (error instanceof RequestRejected) return { collection, rejected: error };
    throw error;
  }
}

/** Refuses a push with a record over MAX_RECORD_BYTES as JSON, naming the record and the limit. */
function checkRecordSizes(rows: readonly PushRow[]): void {
  for (const [index, row] of rows.entries()) {
    const bytes = Buffer.byteLength(JSON.stringify(row.newDocumentState));
    if (bytes > MAX_RECORD_BYTES) {
      throw new RequestRejected(
        400,
        'invalid_body',
        `a record may be at most ${MAX_RECORD_BYTES} bytes as JSON; this one is ${bytes}`,
        `${index}.newDocumentState`,
      );
    }
  }
}

function checkpointOf(query: { seq?: number | undefined; id?: string | undefined }): Checkpoint | null {
  if (query.seq === undefined) {
    if (query.id !== undefined) throw new RequestRejected(400, 'invalid_query', 'id needs seq', 'seq');
    return null;
  }
  if (!Number.isSafeInteger(query.seq) || query.seq > MAX_SEQ) {
    throw new RequestRejected(400, 'invalid_query', `seq may be at most ${MAX_SEQ}`, 'seq');
  }
  return { seq: query.seq, id: query.id ?? '' };
}
