// /api/auth: sign in (the only route without a session), sign out, and who am I.
import { Hono } from 'hono';
import { LoginRequest, type LoginResponse } from '../../domain/api';
import { requireSession } from '../auth/middleware';
import { DECOY_PASSWORD_HASH, verifyPassword } from '../auth/password';
import { hashToken, newSessionToken, SESSION_DAYS } from '../auth/tokens';
import type { AppEnv, Services } from './context';
import { errorBody, parseInput, readJson } from './validation';

const DAY_MS = 24 * 60 * 60 * 1000;

export function authRoutes(services: Services): Hono<AppEnv> {
  const { repository, clock } = services;
  const routes = new Hono<AppEnv>();
  const session = requireSession(services);

  routes.post('/login', async (c) => {
    const { username, password } = parseInput(LoginRequest, await readJson(c));
    const credentials = await repository.findPasswordHash(username);
    // Verify even for an unknown name, so timing does not reveal which names exist.
    const passwordOk = await verifyPassword(password, credentials?.passwordHash ?? DECOY_PASSWORD_HASH);
    const user = credentials && passwordOk ? await repository.readActiveUser(credentials.userId) : undefined;
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
  });

  routes.post('/logout', session, async (c) => {
    await repository.deleteSession(c.get('tokenHash'));
    return c.json({ ok: true });
  });

  routes.get('/me', session, (c) => c.json(c.get('user')));

  return routes;
}
