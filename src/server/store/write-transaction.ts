// The one way to write documents: a transaction that first bumps the change counter. Taking the
// counter row first serialises writers (the row lock on PostgreSQL, BEGIN IMMEDIATE on SQLite), so
// seq values become visible in commit order and a pull paging by (seq, id) never skips a row that
// commits late (the change-feed trap in the stack notes).
import type { Kysely, Transaction } from 'kysely';
import type { Tables } from './tables';

export async function writeTransaction<T>(
  db: Kysely<Tables>,
  work: (trx: Transaction<Tables>, seq: number) => Promise<T>,
): Promise<T> {
  return db.transaction().execute(async (trx) => {
    const { v } = await trx
      .updateTable('sync_version')
      .set((eb) => ({ v: eb('v', '+', 1) }))
      .where('id', '=', 1)
      .returning('v')
      .executeTakeFirstOrThrow();
    return work(trx, v);
  });
}
