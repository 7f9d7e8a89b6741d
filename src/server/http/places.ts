// /api/places: the towns, their communities and visit cadence, for every signed-in user (forms offer
// them, devices plan with them); the list changed by an admin only, a town's cadence also by its
// coordinators (src/domain/access.ts).
import { Hono } from 'hono';
import { createMiddleware } from 'hono/factory';
import { mayEditPlaces, maySetCadence } from '../../domain/access';
import {
  AddCommunityRequest,
  PlacesResponse,
  RenameCommunityRequest,
  RenamedCommunityResponse,
  SetCadenceRequest,
  TownResponse,
} from '../../domain/places';
import { requireSession } from '../auth/middleware';
import { forbidden } from '../sync/rejection';
import type { AppEnv, Services } from './context';
import { answer, describeRoute, jsonBody, refusal } from './openapi';

/** Changing the place list needs an admin; anyone else is refused 403. */
const admins = createMiddleware<AppEnv>(async (c, next) => {
  if (!mayEditPlaces(c.get('user'))) throw forbidden('only an admin changes the place list');
  await next();
});

const FORBIDDEN = refusal('Only an admin changes the place list (error forbidden)');
const TOWN = { in: 'path' as const, name: 'town', required: true, schema: { type: 'string' as const } };

export function placeRoutes(services: Services): Hono<AppEnv> {
  const { repository, notifier, clock } = services;
  const routes = new Hono<AppEnv>();
  routes.use('*', requireSession(services));

  routes.get(
    '/',
    describeRoute({
      tags: ['places'],
      summary: 'Every town and its communities',
      responses: { 200: answer('The towns, in the city’s order', PlacesResponse) },
    }),
    async (c) => c.json({ towns: await repository.listPlaces() } satisfies PlacesResponse),
  );

  routes.post(
    '/:town/communities',
    describeRoute({
      tags: ['places'],
      summary: 'Add a community to a town',
      parameters: [{ ...TOWN, description: 'The town’s name' }],
      responses: {
        201: answer('The town as it is now', TownResponse),
        400: refusal(
          'The body is not JSON or not an AddCommunityRequest (error invalid_body; field names the first offending field)',
        ),
        403: FORBIDDEN,
        404: refusal('No town of this name (error not_found)'),
        409: refusal('The town has this community already (error conflict, field name)'),
      },
    }),
    admins,
    jsonBody(AddCommunityRequest),
    async (c) => {
      const town = await repository.addCommunity(c.req.param('town'), c.req.valid('json').name);
      return c.json({ town } satisfies TownResponse, 201);
    },
  );

  routes.patch(
    '/:town/communities/:name',
    describeRoute({
      tags: ['places'],
      summary: 'Rename a community, and the elders’ records that name it',
      description: 'The elders renamed are edits by the admin, pulled by their town’s devices.',
      parameters: [
        { ...TOWN, description: 'The town’s name' },
        { ...TOWN, name: 'name', description: 'The community’s name now' },
      ],
      responses: {
        200: answer('The town as it is now, and how many elders were renamed', RenamedCommunityResponse),
        400: refusal(
          'The body is not JSON or not a RenameCommunityRequest (error invalid_body; field names the first offending field)',
        ),
        403: FORBIDDEN,
        404: refusal('No town of this name, or the town has no such community (error not_found)'),
        409: refusal('The town has a community of the new name already (error conflict, field name)'),
      },
    }),
    admins,
    jsonBody(RenameCommunityRequest),
    async (c) => {
      const renamed = await repository.renameCommunity(
        c.get('user'),
        c.req.param('town'),
        c.req.param('name'),
        c.req.valid('json').name,
        clock().toISOString(),
      );
      // The elders renamed are edits like any other: their town's devices pull them.
      if (renamed.elders > 0) notifier.publish({ collections: ['elders'], towns: [renamed.town.name] });
      return c.json(renamed satisfies RenamedCommunityResponse);
    },
  );

  routes.put(
    '/:town/cadence',
    describeRoute({
      tags: ['places'],
      summary: 'Set how often each risk tier of a town is visited',
      description:
        'Each tier every 1–90 days, 1–52 weeks or 1–12 months; high risk at least as often as key, key at ' +
        'least as often as general (a month counted as 365.25 / 12 days). Visits already planned stay as ' +
        'they are: devices plan with the new cadence when an elder enters the register or changes tier or worker.',
      parameters: [{ ...TOWN, description: 'The town’s name' }],
      responses: {
        200: answer('The town as it is now, with its cadence', TownResponse),
        400: refusal(
          'The body is not JSON or not a SetCadenceRequest (error invalid_body; field names the first offending field, e.g. high.every, or the tier out of order)',
        ),
        403: refusal('Only an admin, or a coordinator of this town, sets its cadence (error forbidden)'),
        404: refusal('No town of this name (error not_found)'),
      },
    }),
    async (c, next) => {
      // Who is asking comes before what they send: a worker learns nothing from a 400.
      if (!maySetCadence(c.get('user'), c.req.param('town')))
        throw forbidden('only an admin or a coordinator of this town sets its cadence');
      await next();
    },
    jsonBody(SetCadenceRequest),
    async (c) => {
      const town = await repository.setCadence(c.req.param('town'), c.req.valid('json'));
      return c.json({ town } satisfies TownResponse);
    },
  );

  return routes;
}
