// The bearer check in front of every /api route but sign-in. It sets the signed-in user on the
// context; handlers take the caller from there and nowhere else.
import { createMiddleware } from 'hono/factory';
import type { AppEnv, Services } from '../http/context';
import { describing, SESSION_SPEC } from '../http/openapi';
import { errorBody } from '../http/validation';
import { hashToken } from './tokens';

const BEARER = /^Bearer ([A-Za-z0-9_-]{20,200})$/;

export function requireSession({ repository, clock }: Pick<Services, 'repository' | 'clock'>) {
  const check = createMiddleware<AppEnv>(async (c, next) => {
    const token = BEARER.exec(c.req.header('Authorization') ?? '')?.[1];
    if (token === undefined) {
      // Missing and malformed alike: either way no token of ours was sent.
      return c.json(
        errorBody('unauthorized', 'sign in first, then send Authorization: Bearer <the token from sign-in>'),
        401,
      );
    }
    const tokenHash = hashToken(token);
    const user = await repository.findSessionUser(tokenHash, clock().toISOString());
    if (user === undefined) {
      return c.json(errorBody('unauthorized', 'the session has ended or is unknown: sign in again'), 401);
    }
    c.set('user', user);
    c.set('tokenHash', tokenHash);
    await next();
  });
  // Every route behind it is described with the bearer requirement and its 401 (GET /api/openapi.json).
  return describing(check, SESSION_SPEC);
}
