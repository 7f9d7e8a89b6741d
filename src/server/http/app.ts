// The HTTP app: every route, built from its dependencies. No state lives outside the returned app,
// so tests can run several apps side by side.
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import * as z from 'zod/mini';
import { ChangeNotifier } from '../sync/change-notifier';
import { RequestRejected } from '../sync/rejection';
import { authRoutes } from './auth';
import { limitBodies } from './body-limit';
import { compressAnswers } from './compress';
import type { AppDeps, AppEnv, Services } from './context';
import { securityHeaders } from './headers';
import { inflateBodies } from './inflate';
import { answer, describeRoute, openApiDocument } from './openapi';
import { placeRoutes } from './places';
import { staticRoutes } from './static';
import { syncRoutes } from './sync';
import { Turns } from './turns';
import { userRoutes } from './users';
import { errorBody, rejectionResponse } from './validation';

const DEFAULT_HEARTBEAT_MS = 25_000;
// 500 rows of the largest documents (a visit has up to ~20 KB of text) fit in this.
const MAX_BODY_BYTES = 16 * 1024 * 1024;

export function createApp(deps: AppDeps): Hono<AppEnv> {
  const services: Services = {
    repository: deps.repository,
    notifier: deps.notifier ?? new ChangeNotifier(),
    clock: deps.clock ?? (() => new Date()),
    heartbeatMs: deps.heartbeatMs ?? DEFAULT_HEARTBEAT_MS,
  };
  const app = new Hono<AppEnv>();

  app.use('*', securityHeaders());
  app.use(
    '/api/*',
    limitBodies(MAX_BODY_BYTES, (c) =>
      c.json(errorBody('too_large', `the body is larger than ${MAX_BODY_BYTES} bytes`), 413),
    ),
  );
  // PostgreSQL's text holds no NUL: a query or path naming one is refused here, not by the database.
  app.use('/api/*', async (c, next) => {
    if (/%00/i.test(c.req.url)) {
      return c.json(errorBody('invalid_query', 'text may not contain the NUL character'), 400);
    }
    await next();
  });
  app.use(
    '/api/*',
    inflateBodies(MAX_BODY_BYTES, (c, status, body) => c.json(body, status)),
  );
  // Outside the durability gate below: an answer leaves only when this returns, after the gate, so
  // nothing is sent before it is durable. Inside, the gate would ask later, after the compression,
  // and so also wait for the commits other requests made in the meantime.
  app.use('/api/*', compressAnswers());
  const turns = new Turns();
  app.use('/api/*', async (c, next) => {
    await turns.wait();
    // Personal data: no browser or proxy cache may keep an API answer. Set before the answer exists,
    // so it is made with it: set after, it makes @hono/node-server turn its light answer into a full
    // web Response and read the body back through a stream.
    c.header('Cache-Control', 'no-store');
    await next();
    // Nothing answered may be taken back by a power cut: not a push's "stored", nor a pull of rows
    // another request wrote. SQLite's commits reach the disk after they return (store/log-sync.ts).
    await services.repository.whenDurable();
  });

  app.route('/api/auth', authRoutes(services));
  app.route('/api/sync', syncRoutes(services));
  app.route('/api/users', userRoutes(services));
  app.route('/api/places', placeRoutes(services));
  // Public, as API descriptions usually are: it holds no data, only what the routes take and answer.
  app.get(
    '/api/openapi.json',
    describeRoute({
      tags: ['meta'],
      summary: 'This document: every route of /api (OpenAPI 3.1)',
      responses: { 200: answer('The OpenAPI document', z.looseObject({})) },
    }),
    openApiDocument(app),
  );
  app.all('/api/*', (c) =>
    c.json(errorBody('not_found', `no such endpoint: ${c.req.method} ${c.req.path}`), 404),
  );
  if (deps.staticDir !== undefined) app.route('/', staticRoutes(deps.staticDir));

  app.notFound((c) => c.text('not found', 404));
  app.onError((error, c) => {
    if (error instanceof RequestRejected) return rejectionResponse(c, error);
    if (error instanceof HTTPException) return error.getResponse();
    console.error(`${c.req.method} ${c.req.path} failed`, error);
    return c.json(errorBody('internal', 'the server failed; the error is in its log'), 500);
  });
  return app;
}
