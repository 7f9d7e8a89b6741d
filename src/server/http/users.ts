// /api/users: accounts, for coordinators (the workers of their towns) and admins (everyone). A
// worker is refused every route here. The rules are src/domain/access.ts, enforced in the store.
import { Hono } from 'hono';
import { createMiddleware } from 'hono/factory';
import * as z from 'zod/mini';
import { isManager } from '../../domain/access';
import {
  CreateUserRequest,
  SetPasswordRequest,
  UpdateUserRequest,
  UserResponse,
  UsersResponse,
} from '../../domain/accounts';
import { OkResponse } from '../../domain/responses';
import { Id, type User } from '../../domain/schemas';
import { requireSession } from '../auth/middleware';
import { forbidden, notFound } from '../sync/rejection';
import type { AppEnv, Services } from './context';
import { answer, describeRoute, jsonBody, pathParams, refusal } from './openapi';
import { rejectionResponse } from './validation';

/** Every route here but one's own password needs a manager; a worker is refused 403. */
const managers = createMiddleware<AppEnv>(async (c, next) => {
  if (!isManager(c.get('user'))) throw forbidden('only a coordinator or an admin manages accounts');
  await next();
});

/** One's own password needs no manager; anyone else's does. */
const selfOrManagers = createMiddleware<AppEnv>(async (c, next) => {
  if (c.req.param('id') !== c.get('user').id) return managers(c, next);
  await next();
});

/** The {id} of the path, or 404: an id that is no UUID names no account. */
const userId = pathParams(z.object({ id: Id }), (c) => rejectionResponse(c, notFound('no such user')));

const FORBIDDEN = refusal(
  'The caller may not manage this account, role or town; a worker manages none (error forbidden)',
);
const NO_SUCH_USER = refusal('No account with this id that the caller can see (error not_found)');
const INVALID = (what: string) =>
  refusal(`${what} (error invalid_body; field names the first offending field)`);

export function userRoutes(services: Services): Hono<AppEnv> {
  const { repository, notifier, clock } = services;
  const routes = new Hono<AppEnv>();
  routes.use('*', requireSession(services));

  /** Devices of the account's towns pull the users collection again (names on visits, reviews). */
  const announce = (user: User) => notifier.publish({ collections: ['users'], towns: user.towns });

  routes.get(
    '/',
    describeRoute({
      tags: ['users'],
      summary: 'The accounts the caller manages',
      description: 'A coordinator sees the accounts of their towns; an admin, every account.',
      responses: {
        200: answer('The accounts', UsersResponse),
        403: refusal('A worker manages no accounts (error forbidden)'),
      },
    }),
    managers,
    async (c) => c.json({ users: await repository.listUsers(c.get('user')) } satisfies UsersResponse),
  );

  routes.post(
    '/',
    describeRoute({
      tags: ['users'],
      summary: 'Create an account',
      responses: {
        201: answer('The account created', UserResponse),
        400: INVALID(
          'The body is not JSON or not a CreateUserRequest, or names a town not on the place list',
        ),
        403: FORBIDDEN,
        409: refusal('The username is taken (error conflict, field username)'),
      },
    }),
    managers,
    jsonBody(CreateUserRequest),
    async (c) => {
      const user = await repository.createUser(c.get('user'), c.req.valid('json'), clock().toISOString());
      announce(user);
      return c.json({ user } satisfies UserResponse, 201);
    },
  );

  routes.patch(
    '/:id',
    describeRoute({
      tags: ['users'],
      summary: 'Change an account’s name or towns, or disable it',
      description: 'Disabling an account ends its sessions at once. No one may disable their own account.',
      responses: {
        200: answer('The account as it is now', UserResponse),
        400: INVALID(
          'The body is not JSON or not an UpdateUserRequest, names a town not on the place list, or disables the caller’s own account',
        ),
        403: FORBIDDEN,
        404: NO_SUCH_USER,
      },
    }),
    managers,
    userId,
    jsonBody(UpdateUserRequest),
    async (c) => {
      const { id } = c.req.valid('param');
      const user = await repository.updateUser(c.get('user'), id, c.req.valid('json'), clock().toISOString());
      announce(user);
      return c.json({ user } satisfies UserResponse);
    },
  );

  routes.post(
    '/:id/password',
    describeRoute({
      tags: ['users'],
      summary: 'Set an account’s password',
      description:
        'Anyone may set their own; a manager, those of the accounts they manage. Ends every session of the account.',
      responses: {
        200: answer('The password is set', OkResponse),
        400: INVALID('The body is not JSON or not a SetPasswordRequest'),
        403: FORBIDDEN,
        404: NO_SUCH_USER,
      },
    }),
    userId,
    selfOrManagers,
    jsonBody(SetPasswordRequest),
    async (c) => {
      await repository.setPassword(c.get('user'), c.req.valid('param').id, c.req.valid('json').password);
      return c.json({ ok: true } satisfies OkResponse);
    },
  );

  return routes;
}
