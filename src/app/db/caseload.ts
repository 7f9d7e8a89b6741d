// A worker's whole caseload given to another worker in one step, offline like every register write:
// each elder's worker changes and their planned visits follow, every record through the store
// (validated, in the outbox). The devices of both workers follow at their next sync, as for any
// reassignment. Which elders move is src/domain/caseload.ts.
import { type CaseloadMove, planCaseloadMove, visitsToHandOver } from '../../domain/caseload';
import type { Elder, Schedule, User } from '../../domain/schemas';
import type { TanfangDatabase } from './database';
import { plain, updateRecord } from './store';

interface Context {
  /** Who moves the caseload: a coordinator or admin, who must manage each elder's town. */
  mover: Pick<User, 'id' | 'role' | 'towns'>;
  now?: Date;
}

/** What `moveCaseload` would do now: the elders that would move and those that would stay. */
export async function previewCaseloadMove(
  db: TanfangDatabase,
  from: string,
  to: Pick<User, 'id' | 'towns' | 'role' | 'disabled'>,
  mover: Context['mover'],
): Promise<CaseloadMove<Elder>> {
  const elders = (await db.elders.find({ selector: { assignedWorkerId: from } }).exec()).map((doc) =>
    plain<Elder>(doc),
  );
  return planCaseloadMove(elders, { from, to, mover });
}

/**
 * Gives every elder of `from`'s caseload that may move to `to`, with their planned visits; returns
 * what moved and what stayed (with why). The routine visits keep their dates: the cadence has not
 * changed, only who goes.
 */
export async function moveCaseload(
  db: TanfangDatabase,
  from: string,
  to: Pick<User, 'id' | 'towns' | 'role' | 'disabled'>,
  context: Context,
): Promise<CaseloadMove<Elder>> {
  const plan = await previewCaseloadMove(db, from, to, context.mover);
  if (plan.move.length === 0) return plan;
  const schedules = (
    await db.schedules.find({ selector: { elderId: { $in: plan.move.map((elder) => elder.id) } } }).exec()
  ).map((doc) => plain<Schedule>(doc));
  const moved: Elder[] = [];
  for (const elder of plan.move) {
    // The elder before their planned visits, as every register write: sync sends elders first.
    moved.push(
      await updateRecord(db, 'elders', context.mover.id, elder.id, { assignedWorkerId: to.id }, context.now),
    );
    for (const id of visitsToHandOver(schedules, elder.id, to.id)) {
      await updateRecord(db, 'schedules', context.mover.id, id, { workerId: to.id }, context.now);
    }
  }
  return { move: moved, stay: plan.stay };
}
