// The assignment history of elders: which worker had each elder, in which town, from when to when
// (server time). A former worker's visit from before a move is accepted by it (sync/push-rules.ts).
import type { Kysely } from 'kysely';
import type { Elder } from '../../domain/schemas';
import type { AssignmentPeriod } from '../sync/push-rules';
import type { Tables } from './tables';

/**
 * Opens the first period of elders that were not stored before. `since` is the server time of the
 * write, or null for a loaded dataset, whose assignments began at a time the server does not know.
 * Call only inside writeTransaction.
 */
export async function openAssignments(
  trx: Kysely<Tables>,
  elders: readonly Elder[],
  seq: number,
  since: string | null,
): Promise<void> {
  for (let start = 0; start < elders.length; start += 200) {
    await trx
      .insertInto('assignments')
      .values(
        elders.slice(start, start + 200).map((elder) => ({
          elder_id: elder.id,
          worker_id: elder.assignedWorkerId,
          town: elder.town,
          from_seq: seq,
          from_time: since,
          to_seq: null,
          to_time: null,
        })),
      )
      .execute();
  }
}

/** Closes the elder's open period and opens one for its worker and town as now stored. */
export async function changeAssignment(
  trx: Kysely<Tables>,
  elder: Elder,
  seq: number,
  serverTime: string,
): Promise<void> {
  await trx
    .updateTable('assignments')
    .set({ to_seq: seq, to_time: serverTime })
    .where('elder_id', '=', elder.id)
    .where('to_seq', 'is', null)
    .execute();
  await openAssignments(trx, [elder], seq, serverTime);
}

/** Every period of the elder, oldest first. */
export async function readAssignmentPeriods(
  db: Kysely<Tables>,
  elderId: string,
): Promise<AssignmentPeriod[]> {
  const rows = await db
    .selectFrom('assignments')
    .select(['worker_id', 'town', 'from_time', 'to_time'])
    .where('elder_id', '=', elderId)
    .orderBy('from_seq')
    .execute();
  return rows.map((row) => ({
    workerId: row.worker_id,
    town: row.town,
    from: row.from_time,
    to: row.to_time,
  }));
}
