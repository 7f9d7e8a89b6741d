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

/**
 * Runs `work` in a write transaction with the next seq. When `wroteNothing` says the result changed
 * nothing (a retried push, rows equal to what is stored), the transaction is rolled back, counter
 * included: the counter moves only on real change, so retries cannot run it up to its limit.
 */
export async function writeTransaction<T>(
  db: Kysely<Tables>,
  work: (trx: Transaction<Tables>, seq: number) => Promise<T>,
  wroteNothing: (result: T) => boolean = () => false,
): Promise<T> {
  try {
    return await db.transaction().execute(async (trx) => {
      const [counter] = await bumpCounter.rows(trx, null, {});
      if (counter === undefined) throw new Error('the change counter row is missing');
      const result = await work(trx, counter.v);
      if (wroteNothing(result)) throw new NothingWritten(result);
      return result;
    });
  } catch (error) {
    if (error instanceof NothingWritten) return error.result as T;
    throw error;
  }
}

/** Thrown to roll back a transaction that wrote nothing; carries its result out. */
class NothingWritten extends Error {
  constructor(readonly result: unknown) {
    super('the transaction wrote nothing');
  }
}
