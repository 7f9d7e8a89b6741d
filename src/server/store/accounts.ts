// Sign-in data: credentials and sessions. The User documents themselves live in `documents`.
import type { Kysely } from 'kysely';
import type { User } from '../../domain/schemas';
import { parseStored, readDocument } from './documents';
import { PreparedQueries, slot } from './prepared';
import type { Tables } from './tables';

export async function findPasswordHash(
  db: Kysely<Tables>,
  username: string,
): Promise<{ userId: string; passwordHash: string } | undefined> {
  const row = await db
    .selectFrom('credentials')
    .select(['user_id', 'password_hash'])
    .where('username', '=', username)
    .executeTakeFirst();
  return row && { userId: row.user_id, passwordHash: row.password_hash };
}

/** Whether `user` may sign in and use a session: neither deleted nor disabled. */
export function isActive(user: User | undefined): user is User {
  return user !== undefined && !user._deleted && user.disabled !== true;
}

/** The user, unless unknown, deleted or disabled (such a user can no longer sign in or use a session). */
export async function readActiveUser(db: Kysely<Tables>, userId: string): Promise<User | undefined> {
  const user = await readDocument(db, 'users', userId);
  return isActive(user) ? user : undefined;
}

export async function createSession(
  db: Kysely<Tables>,
  session: { tokenHash: string; userId: string; createdAt: string; expiresAt: string },
): Promise<void> {
  // Sessions are not synced documents, so they skip writeTransaction and the change counter.
  await db.deleteFrom('sessions').where('expires_at', '<=', session.createdAt).execute();
  await db
    .insertInto('sessions')
    .values({
      token_hash: session.tokenHash,
      user_id: session.userId,
      created_at: session.createdAt,
      expires_at: session.expiresAt,
    })
    .execute();
}

const sessionUser = new PreparedQueries((db: Kysely<Tables>, _shape: null) =>
  db
    .selectFrom('sessions')
    .innerJoin('documents', (join) =>
      join.onRef('documents.id', '=', 'sessions.user_id').on('documents.collection', '=', 'users'),
    )
    .select('documents.doc')
    .where('sessions.token_hash', '=', slot<string>('tokenHash'))
    .where('sessions.expires_at', '>', slot<string>('now')),
);

/**
 * The user of an unexpired session, unless deleted or disabled: one read, since every request asks.
 * Times are ISO strings in UTC, which compare as text.
 */
export async function findSessionUser(
  db: Kysely<Tables>,
  tokenHash: string,
  now: string,
): Promise<User | undefined> {
  const [row] = await sessionUser.rows(db, null, { tokenHash, now });
  const user = row === undefined ? undefined : parseStored('users', row.doc);
  return isActive(user) ? user : undefined;
}

export async function deleteSession(db: Kysely<Tables>, tokenHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
}
