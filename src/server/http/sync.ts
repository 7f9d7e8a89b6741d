// /api/sync: the RxDB replication endpoints (pull and push, per collection or several in one
// request) and the change stream.
import { type Context, Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { sharesTown } from '../../domain/access';
import {
  type Checkpoint,
  CollectionParam,
  MAX_PULL_LIMIT,
  PullBatchRequest,
  type PullBatchResponse,
  PullQuery,
  PushBatchRequest,
  type PushBatchResponse,
  type PushRow,
  pushBodySchema,
  STREAM_EVENT_CHANGED,
  STREAM_EVENT_READY,
} from '../../domain/api';
import type { CollectionName } from '../../domain/schemas';
import { requireSession } from '../auth/middleware';
import type { PushPartRows, PushResult, RefusedPushPart } from '../store/repository';
import { RequestRejected } from '../sync/rejection';
import type { AppEnv, Services } from './context';
import { errorBody, parseInput, readJson, rejectionBody } from './validation';

export function syncRoutes(services: Services): Hono<AppEnv> {
  const { repository, notifier, clock, heartbeatMs } = services;
  const routes = new Hono<AppEnv>();

  /** Tells the devices of the towns concerned what changed. Called once the push has committed, so a listener's pull finds it. */
  function announce(results: readonly PushResult[]): void {
    const collections = new Set(results.flatMap((result) => result.changedCollections));
    if (collections.size === 0) return;
    const towns = new Set(results.flatMap((result) => result.changedTowns));
    notifier.publish({ collections: [...collections], towns: [...towns] });
  }
  routes.use('*', requireSession(services));

  routes.get('/stream', (c) => {
    const user = c.get('user');
    return streamSSE(c, async (stream) => {
      // Writes go one after another, so an event and a heartbeat never interleave.
      let writing = Promise.resolve();
      const send = (text: string) => {
        writing = writing.then(() => stream.write(text)).then(() => undefined);
      };
      const unsubscribe = notifier.subscribe((event) => {
        if (!sharesTown(user, event.towns)) return;
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
  });

  routes.get('/:collection/pull', async (c) => {
    const collection = collectionOf(c);
    if (collection === undefined) return unknownCollection(c);
    const query = parseInput(PullQuery, c.req.query(), 'invalid_query');
    if (query.limit < 1 || query.limit > MAX_PULL_LIMIT) {
      throw new RequestRejected(400, 'invalid_query', `limit must be 1 to ${MAX_PULL_LIMIT}`, 'limit');
    }
    return c.json(await repository.pull(c.get('user'), collection, checkpointOf(query), query.limit));
  });

  // Several collections in one request: one session check and one round trip for what the app asks
  // at the start of every sync, instead of one per collection. Each part is the pull above.
  routes.post('/pull', async (c) => {
    const { pulls } = parseInput(PullBatchRequest, await readJson(c));
    const user = c.get('user');
    const answer: PullBatchResponse = { pulls: [] };
    for (const { collection, checkpoint, limit } of pulls) {
      answer.pulls.push(await repository.pull(user, collection, checkpoint, limit));
    }
    return c.json(answer);
  });

  // Several collections in one request, each part checked and applied as its own push above, all in
  // one transaction: one session check, one round trip and one commit for a day's visits and the
  // planned visits they close. A part refused is answered in its place; the others are kept.
  routes.post('/push', async (c) => {
    const { pushes } = parseInput(PushBatchRequest, await readJson(c));
    const parts = pushes.map(({ collection, rows }) => checkPushRows(collection, rows));
    const outcomes = await repository.pushBatch(c.get('user'), parts, clock().toISOString());
    announce(outcomes.flatMap((outcome) => ('pushed' in outcome ? [outcome.pushed] : [])));
    const answer: PushBatchResponse = {
      pushes: outcomes.map((outcome) =>
        'rejected' in outcome
          ? // Push rules refuse with 400 or 403 only (src/server/sync/push-rules.ts).
            { status: outcome.rejected.status as 400 | 403, error: rejectionBody(outcome.rejected) }
          : { conflicts: outcome.pushed.conflicts },
      ),
    };
    return c.json(answer);
  });

  routes.post('/:collection/push', async (c) => {
    const collection = collectionOf(c);
    if (collection === undefined) return unknownCollection(c);
    const part = checkPushRows(collection, await readJson(c));
    if ('rejected' in part) throw part.rejected;
    const result = await repository.push(c.get('user'), collection, part.rows, clock().toISOString());
    announce([result]);
    return c.json(result.conflicts);
  });

  return routes;
}

/** Rows checked as the body of their collection's push, or that push's refusal. */
function checkPushRows(collection: CollectionName, rows: unknown): PushPartRows | RefusedPushPart {
  try {
    parseInput(pushBodySchema(collection), rows);
  } catch (error) {
    if (error instanceof RequestRejected) return { collection, rejected: error };
    throw error;
  }
  // Store what the device sent, not zod's copy of it: valid as checked (the schemas transform
  // nothing), and byte for byte what the device will compare against later.
  return { collection, rows: rows as PushRow[] };
}

function collectionOf(c: Context): CollectionName | undefined {
  const parsed = CollectionParam.safeParse(c.req.param('collection'));
  return parsed.success ? parsed.data : undefined;
}

function unknownCollection(c: Context): Response {
  return c.json(errorBody('not_found', `unknown collection: ${c.req.param('collection')}`), 404);
}

function checkpointOf(query: { seq?: number | undefined; id?: string | undefined }): Checkpoint | null {
  if (query.seq === undefined) {
    if (query.id !== undefined) throw new RequestRejected(400, 'invalid_query', 'id needs seq', 'seq');
    return null;
  }
  if (!Number.isSafeInteger(query.seq))
    throw new RequestRejected(400, 'invalid_query', 'seq is too large', 'seq');
  return { seq: query.seq, id: query.id ?? '' };
}
