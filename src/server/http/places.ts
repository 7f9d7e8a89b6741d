// /api/places: the towns and their communities, for every signed-in user (forms offer them);
// changed by an admin only (src/domain/access.ts).
import { Hono } from 'hono';
import { mayEditPlaces } from '../../domain/access';
import { AddCommunityRequest, RenameCommunityRequest } from '../../domain/places';
import type { User } from '../../domain/schemas';
import { requireSession } from '../auth/middleware';
import { forbidden } from '../sync/rejection';
import type { AppEnv, Services } from './context';
import { parseInput, readJson } from './validation';

export function placeRoutes(services: Services): Hono<AppEnv> {
  const { repository, notifier, clock } = services;
  const routes = new Hono<AppEnv>();
  routes.use('*', requireSession(services));

  const admin = (user: User) => {
    if (!mayEditPlaces(user)) throw forbidden('only an admin changes the place list');
    return user;
  };

  routes.get('/', async (c) => c.json({ towns: await repository.listPlaces() }));

  routes.post('/:town/communities', async (c) => {
    admin(c.get('user'));
    const { name } = parseInput(AddCommunityRequest, await readJson(c));
    const town = await repository.addCommunity(c.req.param('town'), name);
    return c.json({ town }, 201);
  });

  routes.patch('/:town/communities/:name', async (c) => {
    const actor = admin(c.get('user'));
    const { name } = parseInput(RenameCommunityRequest, await readJson(c));
    const renamed = await repository.renameCommunity(
      actor,
      c.req.param('town'),
      c.req.param('name'),
      name,
      clock().toISOString(),
    );
    // The elders renamed are edits like any other: their town's devices pull them.
    if (renamed.elders > 0) notifier.publish({ collections: ['elders'], towns: [renamed.town.name] });
    return c.json(renamed);
  });

  return routes;
}
