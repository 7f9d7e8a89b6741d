// The OpenAPI document of /api (GET /api/openapi.json), made by hono-openapi from the routes and from
// the same zod schemas that check their requests. The checks stay ours (parseInput: the 400 bodies
// name the field, as before); these helpers only attach what they check to the route's description.
// Server only: the app and src/domain must not import this (biome.json forbids it).
import type { Context, Env, Hono, MiddlewareHandler } from 'hono';
import { createMiddleware } from 'hono/factory';
import {
  type DescribeRouteOptions,
  describeRoute,
  generateSpecs,
  resolver,
  uniqueSymbol,
} from 'hono-openapi';
import * as z from 'zod/mini';
import {
  CreateUserRequest,
  SetPasswordRequest,
  UpdateUserRequest,
  UserResponse,
  UsersResponse,
} from '../../domain/accounts';
import {
  Checkpoint,
  LoginRequest,
  LoginResponse,
  PullBatchRequest,
  PullPart,
  PushBatchRequest,
  PushPart,
} from '../../domain/api';
import {
  AddCommunityRequest,
  CadenceRulesSchema,
  PlacesResponse,
  RenameCommunityRequest,
  RenamedCommunityResponse,
  SetCadenceRequest,
  Town,
  TownResponse,
} from '../../domain/places';
import {
  ApiError,
  OkResponse,
  PullBatchResponse,
  PullResponse,
  PushBatchResponse,
  PushPartAnswer,
} from '../../domain/responses';
import { Elder, Review, Schedule, User, Visit } from '../../domain/schemas';
import { parseInput, readJson } from './validation';

// ---- Component names ------------------------------------------------------------------------------

/**
 * The names of the schemas the document lists under components.schemas; the others are written
 * inline. A registry of our own, not z.globalRegistry: src/app/db/rxSchemas.ts runs z.toJSONSchema
 * with the global one, and an `id` there would turn the device's RxDB schemas into $refs (and a
 * description would change them, which needs a schema version bump).
 */
const apiSchemas = z.registry<{ id: string; description?: string }>();

const NAMED: Record<string, [z.ZodMiniType, string]> = {
  ApiError: [ApiError, 'The body of every error answer; `field` names the first offending field, if any.'],
  OkResponse: [OkResponse, 'The answer of a route that has nothing else to say.'],
  LoginRequest: [LoginRequest, 'The body of POST /api/auth/login.'],
  LoginResponse: [
    LoginResponse,
    'The session token (send it as Authorization: Bearer <token>) and the user.',
  ],
  Checkpoint: [Checkpoint, 'Where a pull stopped: the server’s change counter, then the id within it.'],
  PullResponse: [PullResponse, 'A page of one collection and the checkpoint to pull the next one from.'],
  PullPart: [PullPart, 'One collection’s part of POST /api/sync/pull.'],
  PullBatchRequest: [PullBatchRequest, 'The body of POST /api/sync/pull: one part per collection.'],
  PullBatchResponse: [PullBatchResponse, 'One page per part, in the order asked.'],
  PushPart: [PushPart, 'One collection’s part of POST /api/sync/push; rows as in its own push.'],
  PushBatchRequest: [PushBatchRequest, 'The body of POST /api/sync/push: one part per collection.'],
  PushPartAnswer: [PushPartAnswer, 'A part’s conflicts, or the refusal its own push would have answered.'],
  PushBatchResponse: [PushBatchResponse, 'One answer per part, in the order asked.'],
  Elder: [Elder, 'An elder on the register (collection elders).'],
  Schedule: [Schedule, 'A planned visit (collection schedules).'],
  Visit: [Visit, 'A visit record (collection visits).'],
  Review: [Review, 'A clash kept for review (collection reviews).'],
  User: [User, 'A person who signs in (collection users); never holds the password.'],
  CreateUserRequest: [CreateUserRequest, 'The body of POST /api/users.'],
  UpdateUserRequest: [UpdateUserRequest, 'The body of PATCH /api/users/{id}; absent fields stay.'],
  SetPasswordRequest: [SetPasswordRequest, 'The body of POST /api/users/{id}/password.'],
  UsersResponse: [UsersResponse, 'The accounts the caller manages.'],
  UserResponse: [UserResponse, 'One account as it is now.'],
  Town: [Town, 'A town (镇) or subdistrict (街道) and its communities.'],
  PlacesResponse: [PlacesResponse, 'Every town in the city’s order.'],
  AddCommunityRequest: [AddCommunityRequest, 'The body of POST /api/places/{town}/communities.'],
  RenameCommunityRequest: [
    RenameCommunityRequest,
    'The body of PATCH /api/places/{town}/communities/{name}.',
  ],
  TownResponse: [TownResponse, 'The town as it is now.'],
  RenamedCommunityResponse: [RenamedCommunityResponse, 'The town as it is now, and the elders renamed.'],
  CadenceRules: [CadenceRulesSchema, 'How often each risk tier of a town is visited.'],
  SetCadenceRequest: [SetCadenceRequest, 'The body of PUT /api/places/{town}/cadence.'],
};
for (const [id, [schema, description]] of Object.entries(NAMED)) apiSchemas.add(schema, { id, description });

/** Options of every zod → JSON Schema conversion (hono-openapi hands `options` to z.toJSONSchema). */
const conversion = { options: { metadata: apiSchemas } };

// ---- Describing routes ----------------------------------------------------------------------------

export { describeRoute };

/** `content` of a JSON request or response body. */
function jsonContent(schema: z.ZodMiniType) {
  return { 'application/json': { schema: resolver(schema, conversion) } };
}

/** A response with a JSON body. */
export function answer(description: string, schema: z.ZodMiniType) {
  return { description, content: jsonContent(schema) };
}

/** An error response: its body is always an ApiError. */
export function refusal(description: string) {
  return answer(description, ApiError);
}

/** A request body described by `schema`, for routes that check it in their handler. */
export function requestBody(schema: z.ZodMiniType) {
  return { required: true, content: jsonContent(schema) };
}

/** The 413 of the body limit (app.ts), for every route that reads a body. */
export const TOO_LARGE = refusal('The body is larger than the server takes (error too_large)');

/** Adds an OpenAPI description to a middleware of ours, as describeRoute does to a no-op one. */
export function describing<M extends MiddlewareHandler>(middleware: M, spec: DescribeRouteOptions): M {
  return Object.assign(middleware, { [uniqueSymbol]: { spec } });
}

/** The bearer requirement and its 401, put on the session middleware (src/server/auth/middleware.ts). */
export const SESSION_SPEC: DescribeRouteOptions = {
  security: [{ session: [] }],
  responses: {
    401: refusal(
      'No session: the bearer token is missing, malformed, unknown or expired (error unauthorized)',
    ),
  },
};

/** Marks our own check of `target` as checking `schema`, as hono-openapi's validator() marks its own. */
function validating<M extends MiddlewareHandler>(
  middleware: M,
  target: 'query' | 'param',
  schema: z.ZodMiniType,
) {
  return Object.assign(middleware, {
    [uniqueSymbol]: { target, ...resolver(schema, conversion), options: conversion },
  });
}

// ---- Checking requests with parseInput, and describing what is checked ---------------------------

/**
 * The JSON body, checked by parseInput (400 invalid_body naming the field, as before) and described
 * as the route's requestBody, with the body limit's 413. Reads the body whatever its Content-Type,
 * as readJson always has (hono's json validator would take a body without `Content-Type:
 * application/json` for {}, and answer malformed JSON in plain text). Handlers take it with
 * c.req.valid('json').
 */
export function jsonBody<S extends z.ZodMiniType, E extends Env = Env>(
  schema: S,
): MiddlewareHandler<E, string, { in: { json: z.input<S> }; out: { json: z.output<S> } }> {
  const check = createMiddleware(async (c, next) => {
    c.req.addValidatedData('json', parseInput(schema, await readJson(c)) as object);
    await next();
  });
  return describing(check, { requestBody: requestBody(schema), responses: { 413: TOO_LARGE } });
}

/**
 * The query, checked by parseInput (400 invalid_query naming the field) on c.req.query() (the first
 * value of a repeated name, as before; hono's validator would take the repeated name as an array and
 * refuse it), and described as the route's query parameters: zod's input shape, strings. Handlers
 * take the checked (transformed) value with c.req.valid('query').
 */
export function query<S extends z.ZodMiniType, E extends Env = Env>(
  schema: S,
): MiddlewareHandler<E, string, { in: { query: Record<string, string> }; out: { query: z.output<S> } }> {
  const check = createMiddleware(async (c, next) => {
    c.req.addValidatedData('query', parseInput(schema, c.req.query(), 'invalid_query') as object);
    await next();
  });
  return validating(check, 'query', schema);
}

/**
 * The path parameters, checked by `schema` and described as the route's path parameters; parameters
 * it refuses are answered by `refuse`. Handlers take the checked value with c.req.valid('param').
 */
export function pathParams<S extends z.ZodMiniType, E extends Env = Env>(
  schema: S,
  refuse: (c: Context<E>) => Response,
): MiddlewareHandler<E, string, { in: { param: Record<string, string> }; out: { param: z.output<S> } }> {
  const check = createMiddleware<E>(async (c, next) => {
    const result = z.safeParse(schema, c.req.param());
    if (!result.success) return refuse(c);
    c.req.addValidatedData('param', result.data as object);
    await next();
  });
  return validating(check, 'param', schema);
}

// ---- The document ---------------------------------------------------------------------------------

const DOCUMENT_OPTIONS = {
  documentation: {
    info: {
      title: 'Tanfang API',
      description:
        'The REST API of the Tanfang server: sign-in, the sync of the records with the devices, accounts ' +
        'and the place list. Every error answer has an ApiError body.',
      version: '1',
    },
    tags: [
      { name: 'auth', description: 'Signing in and out' },
      { name: 'sync', description: 'The replication of the records with the devices (RxDB)' },
      { name: 'users', description: 'Accounts, for coordinators and admins' },
      { name: 'places', description: 'The towns and their communities' },
      { name: 'meta', description: 'This description' },
    ],
    components: {
      securitySchemes: {
        session: {
          type: 'http' as const,
          scheme: 'bearer',
          description: 'The token from POST /api/auth/login',
        },
      },
    },
  },
  // Our routes declare their own 400; the default one would describe the `{ success, error, data }`
  // of @hono/standard-validator, which we never send.
  defaultValidationErrorResponse: false,
  // By default a path whose last segment has a dot is taken for a static file and left out, which
  // would leave out /api/openapi.json itself. Routes without a description are left out anyway.
  excludeStaticFile: false,
};

/**
 * GET /api/openapi.json: every described route of `app`, sub-apps included at their full paths.
 * Made on the first request (every route is registered by then) and kept.
 */
export function openApiDocument<E extends Env>(app: Hono<E>): MiddlewareHandler<E> {
  let document: ReturnType<typeof generateSpecs> | undefined;
  return async (c) => {
    document ??= generateSpecs(app, DOCUMENT_OPTIONS, c).then(finish, (error: unknown) => {
      document = undefined; // made again on the next request
      throw error;
    });
    return c.json(await document);
  };
}

/** Any route answers 500 when the server fails (app.ts's onError); ApiError is a component by then. */
const FAILED = {
  description: 'The server failed; the error is in its log (error internal)',
  content: { 'application/json': { schema: { $ref: '#/components/schemas/ApiError' } } },
};

type Operation = { security?: unknown[]; responses?: Record<string, unknown> };

/**
 * Adds the 500 every route may answer, and keeps one of each `security` entry: hono-openapi 1.3.3
 * applies a `use('*', …)` middleware's description once per described handler of each route below
 * it, and repeats its `security` entries each time (tags and parameters it dedupes).
 */
function finish<D extends { paths: object }>(document: D): D {
  for (const item of Object.values(document.paths) as Record<string, Operation | undefined>[]) {
    for (const operation of Object.values(item)) {
      if (operation === undefined) continue;
      operation.responses = { ...operation.responses, 500: FAILED };
      if (operation.security === undefined) continue;
      operation.security = [
        ...new Map(operation.security.map((entry) => [JSON.stringify(entry), entry])).values(),
      ];
    }
  }
  return document;
}
