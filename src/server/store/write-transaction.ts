// The one way to write documents: a transaction that first bumps the change counter. Taking the
// counter row first serialises writers (the row lock on PostgreSQL, BEGIN IMMEDIATE on SQLite), so
// seq values become visible in commit order and a pull paging by (seq, id) never skips a row that
// commits late (docs/decisions/0006-one-counter-row-orders-the-change-feed.md).
import type { Kysely, Transaction } from 'kysely';
import { PreparedQueries } from './prepared';
import type { Tables } from './tables';

const bumpCounter = new PreparedQueries((db: Kysely<Tables>, _shape: null) =>
  db
    .updateTable('sync_version')
    .set((eb) => ({ v: eb('v', '+', 1) }))
    .where('id', '=', 1)
    .returning('v'),
);

export async function writeTransaction<T>(
  db: Kysely<Tables>,
  work: (trx: Transaction<Tables>, seq: number) => Promise<T>,
): Promise<T> {
  return db.transaction().execute(async (trx) => {
    const [counter] = await bumpCounter.rows(trx, null, {});
    if (counter === undefined) throw new Error('the change counter row is missing');
    return work(trx, counter.v);
  });
}
