// /api/users: accounts, for coordinators (the workers of their towns) and admins (everyone). A
// worker is refused every route here. The rules are src/domain/access.ts, enforced in the store.
import { Hono } from 'hono';
import { isManager } from '../../domain/access';
import { CreateUserRequest, SetPasswordRequest, UpdateUserRequest } from '../../domain/accounts';
import { Id, type User } from '../../domain/schemas';
import { requireSession } from '../auth/middleware';
import { forbidden, notFound } from '../sync/rejection';
import type { AppEnv, Services } from './context';
import { parseInput, readJson } from './validation';

export function userRoutes(services: Services): Hono<AppEnv> {
  const { repository, notifier, clock } = services;
  const routes = new Hono<AppEnv>();
  routes.use('*', requireSession(services));

  /** Devices of the account's towns pull the users collection again (names on visits, reviews). */
  const announce = (user: User) => notifier.publish({ collections: ['users'], towns: user.towns });

  /** A manager, or 403 for a worker; every route here but one's own password needs one. */
  const manager = (user: User) => {
    if (!isManager(user)) throw forbidden('only a coordinator or an admin manages accounts');
    return user;
  };
  /** The :id of the path, or 404: an id that is no UUID names no account. */
  const userId = (id: string) => {
    if (!Id.safeParse(id).success) throw notFound('no such user');
    return id;
  };

  routes.get('/', async (c) => {
    const actor = manager(c.get('user'));
    return c.json({ users: await repository.listUsers(actor) });
  });

  routes.post('/', async (c) => {
    const actor = manager(c.get('user'));
    const request = parseInput(CreateUserRequest, await readJson(c));
    const user = await repository.createUser(actor, request, clock().toISOString());
    announce(user);
    return c.json({ user }, 201);
  });

  routes.patch('/:id', async (c) => {
    const actor = manager(c.get('user'));
    const id = userId(c.req.param('id'));
    const patch = parseInput(UpdateUserRequest, await readJson(c));
    const user = await repository.updateUser(actor, id, patch, clock().toISOString());
    announce(user);
    return c.json({ user });
  });

  routes.post('/:id/password', async (c) => {
    const actor = c.get('user');
    const id = userId(c.req.param('id'));
    if (id !== actor.id) manager(actor);
    const { password } = parseInput(SetPasswordRequest, await readJson(c));
    await repository.setPassword(actor, id, password);
    return c.json({ ok: true });
  });

  return routes;
}
