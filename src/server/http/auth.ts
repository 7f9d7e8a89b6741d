// /api/auth: sign in (the only route without a session), sign out, and who am I.
import { Hono } from 'hono';
import { LoginRequest, LoginResponse } from '../../domain/api';
import { OkResponse } from '../../domain/responses';
import { User } from '../../domain/schemas';
import { requireSession } from '../auth/middleware';
import { DECOY_PASSWORD_HASH, verifyPassword } from '../auth/password';
import { hashToken, newSessionToken, SESSION_DAYS } from '../auth/tokens';
import type { AppEnv, Services } from './context';
import { answer, describeRoute, jsonBody, refusal } from './openapi';
import { errorBody } from './validation';

const DAY_MS = 24 * 60 * 60 * 1000;

export function authRoutes(services: Services): Hono<AppEnv> {
  const { repository, clock } = services;
  const routes = new Hono<AppEnv>();
  const session = requireSession(services);

  routes.post(
    '/login',
    describeRoute({
      tags: ['auth'],
      summary: 'Sign in',
      description:
        'The only route without a session. A disabled or deleted account is refused like a wrong password.',
      responses: {
        200: answer('Signed in: the session token and the user', LoginResponse),
        400: refusal(
          'The body is not JSON or not a LoginRequest (error invalid_body; field names the first offending field)',
        ),
        401: refusal('Wrong username or password (error invalid_credentials)'),
      },
    }),
    jsonBody(LoginRequest),
    async (c) => {
      const { username, password } = c.req.valid('json');
      const credentials = await repository.findPasswordHash(username);
      // Verify even for an unknown name, so timing does not reveal which names exist.
      const passwordOk = await verifyPassword(password, credentials?.passwordHash ?? DECOY_PASSWORD_HASH);
      const user =
        credentials && passwordOk ? await repository.readActiveUser(credentials.userId) : undefined;
      if (user === undefined) {
        return c.json(errorBody('invalid_credentials', 'wrong username or password'), 401);
      }
      const token = newSessionToken();
      const now = clock();
      await repository.createSession({
        tokenHash: hashToken(token),
        userId: user.id,
        createdAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + SESSION_DAYS * DAY_MS).toISOString(),
      });
      return c.json({ token, user } satisfies LoginResponse);
    },
  );

  routes.post(
    '/logout',
    describeRoute({
      tags: ['auth'],
      summary: 'Sign out: ends the sign-in session of the token sent',
      responses: { 200: answer('The session has ended', OkResponse) },
    }),
    session,
    async (c) => {
      await repository.deleteSession(c.get('tokenHash'));
      return c.json({ ok: true } satisfies OkResponse);
    },
  );

  routes.get(
    '/me',
    describeRoute({
      tags: ['auth'],
      summary: 'The signed-in user',
      responses: { 200: answer('The user of the session', User) },
    }),
    session,
    (c) => c.json(c.get('user')),
  );

  return routes;
}
