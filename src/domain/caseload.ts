// Moving a worker's whole caseload to another worker in one step (结对帮扶: a worker leaves, goes on
// leave, or a town rebalances). Pure: it says which elders move, which cannot and why, and which
// planned visits follow them; src/app/db/caseload.ts writes it.
//
// - The caseload is the elders on the register assigned to the worker. Archived elders keep the
//   worker who last cared for them: their history names that worker, and they are planned no more.
// - An elder moves only to a worker of their own town, and only if the one moving them manages that
//   town; the others stay where they are, each with the reason.
// - Every visit still planned for a moving elder goes to the new worker, overdue ones included: an
//   overdue visit left with a worker who has left would never be made.
import { coversTown } from './access';
import { isOnRegister } from './register';
import type { Elder, Schedule, User } from './schemas';

type CaseloadElder = Pick<Elder, 'id' | 'name' | 'town' | 'assignedWorkerId' | 'archivedOn' | '_deleted'>;
type PlannedVisit = Pick<Schedule, 'id' | 'elderId' | 'workerId' | 'status' | '_deleted'>;

/**
 * Why an elder of the caseload cannot move: the one chosen is not a worker in use, is not of the
 * elder's town, or the mover does not manage that town.
 */
export type StayReason = 'notAWorker' | 'workerTown' | 'notYourTown';

export interface CaseloadMove<E extends CaseloadElder> {
  /** Elders that move, in the order given. */
  move: E[];
  /** Elders that stay with the worker, with why. */
  stay: { elder: E; reason: StayReason }[];
}

/** The elders on the register assigned to `workerId`. */
export function caseloadOf<E extends CaseloadElder>(elders: readonly E[], workerId: string): E[] {
  return elders.filter((elder) => elder.assignedWorkerId === workerId && isOnRegister(elder));
}

/** Which of `from`'s elders `mover` can give to `to`, and which stay (and why). */
export function planCaseloadMove<E extends CaseloadElder>(
  elders: readonly E[],
  {
    from,
    to,
    mover,
  }: {
    from: string;
    to: Pick<User, 'id' | 'towns' | 'role' | 'disabled'>;
    mover: Pick<User, 'role' | 'towns'>;
  },
): CaseloadMove<E> {
  const result: CaseloadMove<E> = { move: [], stay: [] };
  if (to.id === from) return result;
  const reasonToStay = (elder: E): StayReason | null => {
    if (!coversTown(mover, elder.town)) return 'notYourTown';
    if (to.role !== 'worker' || to.disabled === true) return 'notAWorker';
    if (!to.towns.includes(elder.town)) return 'workerTown';
    return null;
  };
  for (const elder of caseloadOf(elders, from)) {
    const reason = reasonToStay(elder);
    if (reason) result.stay.push({ elder, reason });
    else result.move.push(elder);
  }
  return result;
}

/** The planned visits of `elderId` not yet made that must go to `workerId`. */
export function visitsToHandOver(
  schedules: readonly PlannedVisit[],
  elderId: string,
  workerId: string,
): string[] {
  return schedules
    .filter(
      (schedule) =>
        schedule.elderId === elderId &&
        !schedule._deleted &&
        schedule.status === 'planned' &&
        schedule.workerId !== workerId,
    )
    .map((schedule) => schedule.id);
}
