// Visit plans: which planned visits (schedules) to make, and which to call off, when an elder enters
// the register, changes tier or worker, leaves it, or meets a major event, and for an extra round of
// a group on a date (a festival, a heat wave). Pure: it says what to write; src/app/db writes it.
//
// - Routine visits follow the tier's cadence: from the day after the last visit's interval (or from
//   today for an elder never visited), every interval, for the coming PLAN_AHEAD_DAYS.
// - Replanning (tier or worker changed) calls off the routine visits still planned from today on and
//   plans anew; follow-ups, major events and rounds stay, moved to the new worker.
// - A visit recorded replans the routine visits from the visit's day (planAfterVisit).
// - Leaving the register calls off every visit still planned from today on.
// - A major event (重大变故) plans a visit within 24 hours: today.
import { addInterval, type CadenceRules, DEFAULT_CADENCE, daysBetween } from './cadence';
import type { Elder, Schedule } from './schemas';

/** How far ahead routine visits are planned. */
export const PLAN_AHEAD_DAYS = 28;

type PlannedElder = Pick<Elder, 'id' | 'riskTier'>;
type Planned = Pick<Schedule, 'id' | 'elderId' | 'plannedDate' | 'kind' | 'status' | '_deleted' | 'workerId'>;

/** A planned visit to make: the fields that differ from one to the next. */
export interface NewPlan {
  plannedDate: string;
  kind: Schedule['kind'];
}

/** What to do to an elder's planned visits: new ones, ones to call off, ones to give another worker. */
export interface PlanChange {
  add: NewPlan[];
  cancel: string[];
  reassign: string[];
}

const isOpen = (schedule: Planned, today: string) =>
  !schedule._deleted && schedule.status === 'planned' && schedule.plannedDate >= today;

/**
 * The routine visits of an elder for the coming weeks: the first on the day the cadence falls due
 * after `lastVisit` (today when never visited, or when that day has passed), then every interval,
 * up to today + PLAN_AHEAD_DAYS. At least one, so every elder on the register has a next visit.
 */
export function routineDates(
  elder: PlannedElder,
  {
    today,
    lastVisit,
    rules = DEFAULT_CADENCE,
  }: { today: string; lastVisit: string | null; rules?: CadenceRules },
): string[] {
  const rule = rules[elder.riskTier];
  const due = lastVisit === null ? today : addInterval(lastVisit, rule);
  let next = due < today ? today : due;
  const dates = [next];
  for (;;) {
    next = addInterval(next, rule);
    if (daysBetween(today, next) > PLAN_AHEAD_DAYS) return dates;
    dates.push(next);
  }
}

/** A planned visit as `plan` says, for the elder's worker in the elder's town: the record but its stamps. */
export function plannedVisitFields(
  elder: Pick<Elder, 'id' | 'town' | 'assignedWorkerId'>,
  plan: NewPlan,
): Omit<Schedule, 'id' | 'fieldTimes' | 'updatedAt' | 'updatedBy' | '_deleted'> {
  return {
    elderId: elder.id,
    town: elder.town,
    workerId: elder.assignedWorkerId,
    plannedDate: plan.plannedDate,
    kind: plan.kind,
    status: 'planned',
    visitId: null,
    missedReason: null,
    note: '',
  };
}

/** For an elder entering the register: their routine visits. */
export function planForNewElder(
  elder: PlannedElder,
  context: { today: string; lastVisit?: string | null; rules?: CadenceRules },
): PlanChange {
  const dates = routineDates(elder, { ...context, lastVisit: context.lastVisit ?? null });
  return { add: dates.map((plannedDate) => ({ plannedDate, kind: 'routine' })), cancel: [], reassign: [] };
}

/**
 * After a change of tier or worker: the routine visits still planned are called off and planned
 * anew from the last visit; the others (follow-ups, major events, rounds) go to `workerId`.
 */
export function replan(
  elder: PlannedElder,
  schedules: readonly Planned[],
  context: { today: string; lastVisit: string | null; workerId: string; rules?: CadenceRules },
): PlanChange {
  const open = schedules.filter(
    (schedule) => schedule.elderId === elder.id && isOpen(schedule, context.today),
  );
  const routine = open.filter((schedule) => schedule.kind === 'routine');
  const others = open.filter((schedule) => schedule.kind !== 'routine');
  return {
    add: routineDates(elder, context).map((plannedDate) => ({ plannedDate, kind: 'routine' })),
    cancel: routine.map((schedule) => schedule.id),
    reassign: others
      .filter((schedule) => schedule.workerId !== context.workerId)
      .map((schedule) => schedule.id),
  };
}

/**
 * After a visit is recorded: the routine visits still planned, whatever their date, are called off
 * and planned anew from `lastVisit` (the elder's latest visit, usually the one just recorded), so
 * the next one falls an interval after the day someone actually came, not after the day it had been
 * planned for. Follow-ups, major events and rounds stay.
 */
export function planAfterVisit(
  elder: PlannedElder,
  schedules: readonly Planned[],
  context: { today: string; lastVisit: string; rules?: CadenceRules },
): PlanChange {
  const routine = schedules.filter(
    (schedule) =>
      schedule.elderId === elder.id &&
      !schedule._deleted &&
      schedule.status === 'planned' &&
      schedule.kind === 'routine',
  );
  return {
    add: routineDates(elder, context).map((plannedDate) => ({
      plannedDate,
      kind: 'routine',
    })),
    cancel: routine.map((schedule) => schedule.id),
    reassign: [],
  };
}

/** For an elder leaving the register: every visit still planned is called off. */
export function planForArchive(elderId: string, schedules: readonly Planned[], today: string): PlanChange {
  const open = schedules.filter((schedule) => schedule.elderId === elderId && isOpen(schedule, today));
  return { add: [], cancel: open.map((schedule) => schedule.id), reassign: [] };
}

/** A major event (重大变故): a visit within 24 hours, unless one is already planned for today. */
export function planForMajorEvent(elderId: string, schedules: readonly Planned[], today: string): PlanChange {
  const already = schedules.some(
    (schedule) => schedule.elderId === elderId && isOpen(schedule, today) && schedule.plannedDate === today,
  );
  return { add: already ? [] : [{ plannedDate: today, kind: 'major_event' }], cancel: [], reassign: [] };
}

/** Who an extra round is for: elders of these tiers, with any of these categories, in this community. */
export interface RoundGroup {
  tiers?: readonly Elder['riskTier'][];
  categories?: readonly Elder['categories'][number][];
  community?: string;
}

/**
 * The elders who already have a visit of `kind` planned on `date`: a round planned twice (a second
 * tap, a second coordinator) plans each elder once.
 */
export function plannedInRound(
  schedules: readonly Pick<Schedule, 'elderId' | 'plannedDate' | 'kind' | 'status' | '_deleted'>[],
  { date, kind }: { date: string; kind: Schedule['kind'] },
): Set<string> {
  return new Set(
    schedules
      .filter((s) => !s._deleted && s.status !== 'cancelled' && s.plannedDate === date && s.kind === kind)
      .map((s) => s.elderId),
  );
}

/** The elders of `elders` a round for `group` reaches: on the register, and matching every part given. */
export function roundMembers<
  E extends Pick<Elder, 'riskTier' | 'categories' | 'community' | '_deleted' | 'archivedOn'>,
>(elders: readonly E[], group: RoundGroup): E[] {
  return elders.filter(
    (elder) =>
      !elder._deleted &&
      elder.archivedOn == null &&
      (group.tiers === undefined || group.tiers.length === 0 || group.tiers.includes(elder.riskTier)) &&
      (group.categories === undefined ||
        group.categories.length === 0 ||
        group.categories.some((category) => elder.categories.includes(category))) &&
      (group.community === undefined || group.community === '' || elder.community === group.community),
  );
}
