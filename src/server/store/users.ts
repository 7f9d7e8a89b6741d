// Accounts: the users' records (synced to devices like any document, so names show on what people
// wrote), their sign-in credentials and their towns, changed together in one write transaction.
// Who may do what is src/domain/access.ts; this file enforces it for every change.
import type { Kysely, Transaction } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { mayManageAccount, rolesManagedBy, sharesTown } from '../../domain/access';
import type { CreateUserRequest, UpdateUserRequest } from '../../domain/accounts';
import { User } from '../../domain/schemas';
import { hashPassword } from '../auth/password';
import { conflict, forbidden, invalid, notFound } from '../sync/rejection';
import { parseStored, readDocument, writeDocuments } from './documents';
import type { Tables } from './tables';
import { writeTransaction } from './write-transaction';

/** Who changes an account: a signed-in manager, or the server's operator (`npm run admin`). */
export type AccountActor = Pick<User, 'id' | 'role' | 'towns'>;

/**
 * The server's operator, as `npm run admin` acts: an admin who is no account. Changes it makes are
 * recorded with this id, which no person has.
 */
export const OPERATOR: AccountActor = {
  id: '00000000-0000-7000-8000-000000000000',
  role: 'admin',
  towns: [],
};

/** Every account `actor` can see: those sharing a town with them, all for an admin; by name. */
export async function listUsers(db: Kysely<Tables>, actor: AccountActor): Promise<User[]> {
  const rows = await db
    .selectFrom('documents')
    .select('doc')
    .where('collection', '=', 'users')
    .where('deleted', '=', 0)
    .execute();
  return rows
    .map((row) => parseStored('users', row.doc))
    .filter((user) => user.id === actor.id || sharesTown(actor, user.towns))
    .sort((a, b) => a.displayName.localeCompare(b.displayName, 'zh-Hans-CN'));
}

/** The names of the towns on the place list. */
async function knownTowns(db: Kysely<Tables>): Promise<Set<string>> {
  const rows = await db.selectFrom('places').select('name').execute();
  return new Set(rows.map((row) => row.name));
}

/** Refuses a role or towns `actor` may not give, or towns the place list does not have. */
async function checkRoleAndTowns(
  db: Kysely<Tables>,
  actor: AccountActor,
  account: Pick<User, 'role' | 'towns'>,
): Promise<void> {
  if (!rolesManagedBy(actor).includes(account.role)) {
    throw forbidden(`you cannot manage an account with the role ${account.role}`, 'role');
  }
  const known = await knownTowns(db);
  for (const [index, town] of account.towns.entries()) {
    if (!known.has(town)) throw invalid(`no town named ${town} on the place list`, `towns.${index}`);
  }
  if (new Set(account.towns).size !== account.towns.length) throw invalid('a town is listed twice', 'towns');
  if (account.role !== 'admin' && account.towns.length === 0) {
    throw invalid('a worker or coordinator needs at least one town', 'towns');
  }
  if (!mayManageAccount(actor, account)) throw forbidden('a town is not one of yours', 'towns');
}

async function replaceTowns(trx: Transaction<Tables>, user: User): Promise<void> {
  await trx.deleteFrom('user_towns').where('user_id', '=', user.id).execute();
  // An admin lists no towns: they have every one.
  if (user.towns.length === 0) return;
  await trx
    .insertInto('user_towns')
    .values(user.towns.map((town) => ({ user_id: user.id, town })))
    .execute();
}

/** Creates an account; 409 when the username is taken. */
export async function createUser(
  db: Kysely<Tables>,
  actor: AccountActor,
  request: CreateUserRequest,
  serverTime: string,
): Promise<User> {
  const { password, ...fields } = request;
  await checkRoleAndTowns(db, actor, fields);
  const user = User.parse({
    id: uuidv7(),
    ...fields,
    disabled: false,
    updatedAt: serverTime,
    updatedBy: actor.id,
    _deleted: false,
  });
  // Hashed before the transaction: scrypt is slow, and the write lock should not wait on it.
  const passwordHash = await hashPassword(password);
  return writeTransaction(db, async (trx, seq) => {
    const taken = await trx
      .selectFrom('credentials')
      .select('user_id')
      .where('username', '=', user.username)
      .executeTakeFirst();
    if (taken !== undefined) throw conflict(`the username ${user.username} is taken`, 'username');
    await writeDocuments(trx, [{ collection: 'users', doc: user, userId: actor.id }], seq, serverTime);
    await trx
      .insertInto('credentials')
      .values({ user_id: user.id, username: user.username, password_hash: passwordHash })
      .execute();
    await replaceTowns(trx, user);
    return user;
  });
}

/**
 * The account `actor` asks to change, if they may manage it: 404 when they cannot see it (it shares
 * no town with them), 403 when they can see it but not manage it.
 */
async function manageableUser(db: Kysely<Tables>, actor: AccountActor, id: string): Promise<User> {
  const stored = await readDocument(db, 'users', id);
  if (
    stored === undefined ||
    stored._deleted ||
    !(stored.id === actor.id || sharesTown(actor, stored.towns))
  ) {
    throw notFound('no such user');
  }
  if (!mayManageAccount(actor, stored)) throw forbidden('you cannot manage this account');
  return stored;
}

/** Changes an account's name, towns or whether it is disabled; disabling ends its sessions at once. */
export async function updateUser(
  db: Kysely<Tables>,
  actor: AccountActor,
  id: string,
  patch: UpdateUserRequest,
  serverTime: string,
): Promise<User> {
  return writeTransaction(db, async (trx, seq) => {
    const stored = await manageableUser(trx, actor, id);
    if (patch.disabled === true && stored.id === actor.id) {
      throw invalid('you cannot disable your own account', 'disabled');
    }
    const next = User.parse({
      ...stored,
      ...Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)),
      updatedAt: serverTime,
      updatedBy: actor.id,
    });
    if (patch.towns !== undefined) await checkRoleAndTowns(trx, actor, next);
    await writeDocuments(trx, [{ collection: 'users', doc: next, userId: actor.id }], seq, serverTime);
    await replaceTowns(trx, next);
    if (next.disabled === true) await trx.deleteFrom('sessions').where('user_id', '=', id).execute();
    return next;
  });
}

/** Sets a new password and ends every session of the account, so a lost phone's session stops. */
export async function setPassword(
  db: Kysely<Tables>,
  actor: AccountActor,
  id: string,
  password: string,
): Promise<void> {
  const passwordHash = await hashPassword(password);
  await db.transaction().execute(async (trx) => {
    // Anyone may change their own password; a manager, those of the accounts they manage.
    if (actor.id !== id) await manageableUser(trx, actor, id);
    else if ((await readDocument(trx, 'users', id)) === undefined) throw notFound('no such user');
    await trx
      .updateTable('credentials')
      .set({ password_hash: passwordHash })
      .where('user_id', '=', id)
      .execute();
    await trx.deleteFrom('sessions').where('user_id', '=', id).execute();
  });
}

/** The account signed in as `username`, for the operator's commands. */
export async function findUserByUsername(db: Kysely<Tables>, username: string): Promise<User | undefined> {
  const row = await db
    .selectFrom('credentials')
    .innerJoin('documents', (join) =>
      join.onRef('documents.id', '=', 'credentials.user_id').on('documents.collection', '=', 'users'),
    )
    .select('documents.doc')
    .where('credentials.username', '=', username)
    .executeTakeFirst();
  return row === undefined ? undefined : parseStored('users', row.doc);
}
