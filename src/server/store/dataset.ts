// Loading a whole dataset (the demo data, test fixtures) into an empty database in one transaction.
import type { Kysely } from 'kysely';
import type { Dataset } from '../../domain/dataset';
import { type CollectionName, documentSchemas, type User } from '../../domain/schemas';
import { hashPassword } from '../auth/password';
import { openAssignments } from './assignments';
import { type DocumentWrite, writeDocuments } from './documents';
import type { Tables } from './tables';
import { writeTransaction } from './write-transaction';

export async function isDatabaseEmpty(db: Kysely<Tables>): Promise<boolean> {
  const document = await db.selectFrom('documents').select('id').limit(1).executeTakeFirst();
  const credential = await db.selectFrom('credentials').select('user_id').limit(1).executeTakeFirst();
  return document === undefined && credential === undefined;
}

/**
 * Loads `dataset` in one transaction. With `onlyIfEmpty`, it first checks, holding the write lock,
 * that the database is still empty, and loads nothing when it is not: of several server processes
 * starting together on an empty database, one loads the demo data and the others find it there.
 * Returns whether it loaded.
 */
export async function loadDataset(
  db: Kysely<Tables>,
  dataset: Dataset,
  serverTime: string,
  { onlyIfEmpty = false }: { onlyIfEmpty?: boolean } = {},
): Promise<boolean> {
  // Hash before the transaction: scrypt is slow, and the write lock should not wait on it.
  const users = await Promise.all(
    dataset.users.map(async ({ password, ...user }) => ({
      user: user satisfies User,
      hash: await hashPassword(password),
    })),
  );
  const writes: DocumentWrite[] = [
    ...users.map(({ user }) => toWrite('users', user)),
    ...(dataset.volunteers ?? []).map((volunteer) => toWrite('volunteers', volunteer)),
    ...dataset.elders.map((elder) => toWrite('elders', elder)),
    ...dataset.schedules.map((schedule) => toWrite('schedules', schedule)),
    ...dataset.visits.map((visit) => toWrite('visits', visit)),
  ];
  return writeTransaction(db, async (trx, seq) => {
    if (onlyIfEmpty && !(await isDatabaseEmpty(trx))) return false;
    await writeDocuments(trx, writes, seq, serverTime);
    // Since when these elders have their workers is not in the dataset: the history starts unknown.
    await openAssignments(trx, dataset.elders, seq, null);
    for (const { user, hash } of users) {
      await trx
        .insertInto('credentials')
        .values({ user_id: user.id, username: user.username, password_hash: hash })
        .execute();
      // An admin lists no towns: they have every one.
      if (user.towns.length === 0) continue;
      await trx
        .insertInto('user_towns')
        .values(user.towns.map((town) => ({ user_id: user.id, town })))
        .execute();
    }
    return true;
  });
}

/** Checks the document as a push would, so bad seed data fails loudly at load, not in the app. */
function toWrite(collection: CollectionName, doc: unknown): DocumentWrite {
  const parsed = documentSchemas[collection].safeParse(doc);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`invalid ${collection} document in dataset: ${issue?.path.join('.')}: ${issue?.message}`);
  }
  return { collection, doc: parsed.data, userId: parsed.data.updatedBy };
}
