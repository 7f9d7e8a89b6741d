// The coordinator's board: what needs attention across the elders of a manager's towns, as counts
// per worker and per tier and as short lists. Pure: the app gives it what the device holds.
//
// Definitions (the board's words, shown to coordinators):
// - Overdue, due: cadence.ts's computeDue, the same due date and day count Today and 计划 show a
//   worker (the tier's minimum frequency from the last visit, or an earlier planned visit, or an
//   earlier missed one still owed), with the cadence rules of the elder's town. Overdue: the due date has passed. Due soon: due today or within the next
//   DUE_SOON_DAYS days (Today's "coming week").
// - On the board: elders on the register now (register.ts; archived ones are neither due nor
//   counted) of the manager's towns, narrowed by the filter.
// - No worker: the elder's assigned person is not an active worker: nobody known, a disabled or
//   deleted account, or someone who is not a worker (a coordinator, say).
// - Open urgent follow-up, one entry per elder:
//   - a visit asked for a follow-up of urgency high (高) or urgent (紧急), no one has marked it
//     done, and no visit to the elder has been recorded on a later day (the later visit is the
//     follow-up: if the need remains, it asks again itself); or
//   - a planned follow-up or major-event visit (重大变故) still planned for today or earlier.
//   Its "since" is the earliest of these days: how long the elder has been waiting.
// - To archive: a worker marked a planned visit missed because the elder died or moved away
//   (MISSED_TO_ARCHIVE), and no visit has been recorded since. The elder stays on the register, and
//   due, until the coordinator checks and archives them: a report is not a silent drop.
//
// It runs once over the elders, the planned visits and the follow-up visits, with maps throughout.
// Measured in Node on this project's 2-core machines (busy, so give or take half): 10,000 elders of
// seeds/generate.ts (43,552 planned visits) and their history padded to 100,000 visits, about 50 ms
// in all, of which computeDue takes 30; with the due dates given (dueByElder, once per change of the
// data), a new filter takes about 20 ms.
import { coversTown } from './access';
import {
  addInterval,
  type CadenceRules,
  computeDue,
  type DueElder,
  type DueItem,
  type DueSchedule,
  toLocalDate,
} from './cadence';
import { isOnRegister } from './register';
import {
  type Elder,
  MISSED_TO_ARCHIVE,
  RISK_TIERS,
  type RiskTier,
  type Schedule,
  type User,
  type Visit,
} from './schemas';

/** Days after today still "due soon": the week Today shows a worker. */
export const DUE_SOON_DAYS = 7;

/** Follow-up urgencies the board lists as urgent. */
export const URGENT_LEVELS: readonly Visit['followUp']['urgency'][] = ['high', 'urgent'];

/** Planned visits that are follow-ups: once their day has come, they are open urgent follow-ups. */
const FOLLOW_UP_KINDS: readonly Schedule['kind'][] = ['follow_up', 'major_event'];

export type BoardElder = DueElder &
  Pick<Elder, 'name' | 'town' | 'community' | 'assignedWorkerId' | 'consentGiven'> &
  Partial<Pick<Elder, 'registeredOn'>>;
export type BoardSchedule = DueSchedule &
  Pick<Schedule, 'kind' | 'note'> &
  Partial<Pick<Schedule, 'missedReason' | 'missedNote'>>;
export type BoardVisit = Pick<Visit, 'id' | 'elderId' | 'startedAt' | 'followUp' | '_deleted'> &
  Partial<Pick<Visit, 'followUpDoneAt'>>;
export type BoardUser = Pick<User, 'id' | 'displayName' | 'role' | 'towns' | '_deleted'> &
  Partial<Pick<User, 'disabled'>>;

/** '' means any. `worker` is a worker's id, or 'none' for the elders with no worker. */
export interface BoardFilter {
  town: string;
  community: string;
  worker: string;
}

export const NO_BOARD_FILTER: BoardFilter = { town: '', community: '', worker: '' };

export interface BoardInput<E extends BoardElder> {
  /** Whose board: their towns bound it (an admin's: every town). */
  manager: Pick<User, 'role' | 'towns'>;
  elders: readonly E[];
  /** Planned and missed visits (others are ignored). */
  schedules: readonly BoardSchedule[];
  /** Visits asking for a follow-up (any others are skipped): the app need not read every visit. */
  visits: readonly BoardVisit[];
  /** Elder id → local day of their latest visit (cadence.ts's lastVisitDates, or the app's keeper). */
  lastVisit: ReadonlyMap<string, string>;
  users: readonly BoardUser[];
  /** Local day, YYYY-MM-DD. */
  today: string;
  /** The cadence rules of a town (a region may set its own). */
  cadenceFor: (town: string) => CadenceRules;
  filter?: BoardFilter;
  /** dueByElder(input) when already worked out (for the same data, any filter). */
  due?: ReadonlyMap<string, DueItem>;
}

export interface Counts {
  /** Elders on the board. */
  elders: number;
  overdue: number;
  dueSoon: number;
}

export interface WorkerRow extends Counts {
  workerId: string;
  name: string;
}

export interface TierRow extends Counts {
  tier: RiskTier;
}

export interface OverdueEntry<E> {
  elder: E;
  due: DueItem;
}

export interface FollowUpEntry<E> {
  elder: E;
  /** The earliest day of the elder's open follow-ups. */
  since: string;
  /** The highest urgency a visit asked for; null when only a planned visit is open. */
  urgency: Visit['followUp']['urgency'] | null;
  /** The follow-up's note (the most urgent visit's, else the planned visit's). */
  note: string;
  /** The earliest open planned follow-up or major-event visit, if any. */
  planned: Pick<Schedule, 'id' | 'plannedDate' | 'kind'> | null;
}

export interface ArchiveEntry<E> {
  elder: E;
  /** The latest missed visit that reported it: its day, reason and the worker's note. */
  missed: Pick<Schedule, 'id' | 'plannedDate' | 'missedReason'> & Pick<BoardSchedule, 'missedNote'>;
}

export interface Board<E> {
  totals: Counts;
  /** Active workers of the board's towns, and anyone active with elders on it, by name. */
  workers: WorkerRow[];
  /** Every tier, highest risk first. */
  tiers: TierRow[];
  /** Most days overdue first; the same number of days in the order the elders were given. */
  overdue: OverdueEntry<E>[];
  /** In the order given. */
  noWorker: E[];
  noConsent: E[];
  /** Longest waiting first, then most urgent. */
  followUps: FollowUpEntry<E>[];
  /** Reported deceased or moved away (definition in the header), earliest report first. */
  toArchive: ArchiveEntry<E>[];
}

const emptyCounts = (): Counts => ({ elders: 0, overdue: 0, dueSoon: 0 });

/** Whether `user` is a worker who can be given elders: not disabled, not deleted. */
export function isActiveWorker(user: BoardUser): boolean {
  return user.role === 'worker' && user.disabled !== true && !user._deleted;
}

/** Whether the elder is on the board `filter` narrows to (assuming it is on the register). */
function matches(elder: BoardElder, filter: BoardFilter, active: ReadonlySet<string>): boolean {
  if (filter.town && elder.town !== filter.town) return false;
  if (filter.community && elder.community !== filter.community) return false;
  if (filter.worker === 'none') return !active.has(elder.assignedWorkerId);
  return !filter.worker || elder.assignedWorkerId === filter.worker;
}

/**
 * Each elder's due item, by elder id, by the rules of their town (asked once per town). The screen
 * works it out once for the whole board and passes it as `due`, so that changing the filter is a
 * quick pass over the elders (this is most of the board's time).
 */
export function dueByElder(
  input: Pick<
    BoardInput<BoardElder>,
    'manager' | 'elders' | 'schedules' | 'lastVisit' | 'today' | 'cadenceFor'
  >,
): Map<string, DueItem> {
  const rulesOfTown = new Map<string, CadenceRules>();
  const rules = (town: string): CadenceRules => {
    let found = rulesOfTown.get(town);
    if (found === undefined) {
      found = input.cadenceFor(town);
      rulesOfTown.set(town, found);
    }
    return found;
  };
  const { manager, schedules, lastVisit, today } = input;
  const elders = input.elders.filter((elder) => isOnRegister(elder) && coversTown(manager, elder.town));
  const due = new Map<string, DueItem>();
  for (const item of computeDue({ elders, lastVisit, schedules, today, rules })) due.set(item.elderId, item);
  return due;
}

const urgencyRank = (urgency: FollowUpEntry<unknown>['urgency']): number =>
  urgency === null ? 0 : URGENT_LEVELS.indexOf(urgency) + 1;

/** The open urgent follow-ups of the elders in `onBoard`, by elder (definition in the header). */
function openFollowUps<E extends BoardElder>(
  onBoard: ReadonlyMap<string, E>,
  input: Pick<BoardInput<E>, 'schedules' | 'visits' | 'today'>,
  lastVisit: ReadonlyMap<string, string>,
): FollowUpEntry<E>[] {
  const open = new Map<string, FollowUpEntry<E>>();
  const entryOf = (elder: E, since: string): FollowUpEntry<E> => {
    let entry = open.get(elder.id);
    if (!entry) {
      entry = { elder, since, urgency: null, note: '', planned: null };
      open.set(elder.id, entry);
    }
    if (since < entry.since) entry.since = since;
    return entry;
  };
  for (const visit of input.visits) {
    const { followUp } = visit;
    if (
      visit._deleted ||
      !followUp.needed ||
      visit.followUpDoneAt ||
      !URGENT_LEVELS.includes(followUp.urgency)
    )
      continue;
    const elder = onBoard.get(visit.elderId);
    if (!elder) continue;
    // cadence.ts's localDateOf, spelled out: the board is in the Manage chunk, and importing that
    // function would add an export to the first load's chunk, which holds it for Today.
    const day = toLocalDate(new Date(visit.startedAt));
    const latest = lastVisit.get(visit.elderId);
    if (latest !== undefined && latest > day) continue;
    const entry = entryOf(elder, day);
    if (urgencyRank(followUp.urgency) > urgencyRank(entry.urgency)) {
      entry.urgency = followUp.urgency;
      entry.note = followUp.note;
    }
  }
  for (const schedule of input.schedules) {
    if (schedule._deleted || schedule.status !== 'planned' || !FOLLOW_UP_KINDS.includes(schedule.kind))
      continue;
    if (schedule.plannedDate > input.today) continue;
    const elder = onBoard.get(schedule.elderId);
    if (!elder) continue;
    const entry = entryOf(elder, schedule.plannedDate);
    if (!entry.planned || schedule.plannedDate < entry.planned.plannedDate) {
      entry.planned = { id: schedule.id, plannedDate: schedule.plannedDate, kind: schedule.kind };
      if (entry.urgency === null) entry.note = schedule.note;
    }
  }
  return [...open.values()].sort(
    (a, b) =>
      (a.since < b.since ? -1 : a.since > b.since ? 1 : 0) || urgencyRank(b.urgency) - urgencyRank(a.urgency),
  );
}

/** The elders of `onBoard` reported deceased or moved away with no visit since (definition in the header). */
function reportedToArchive<E extends BoardElder>(
  onBoard: ReadonlyMap<string, E>,
  schedules: readonly BoardSchedule[],
  lastVisit: ReadonlyMap<string, string>,
): ArchiveEntry<E>[] {
  const latest = new Map<string, ArchiveEntry<E>>();
  for (const schedule of schedules) {
    if (schedule._deleted || schedule.status !== 'missed') continue;
    if (!schedule.missedReason || !MISSED_TO_ARCHIVE.includes(schedule.missedReason)) continue;
    const elder = onBoard.get(schedule.elderId);
    const last = lastVisit.get(schedule.elderId);
    if (!elder || (last !== undefined && last >= schedule.plannedDate)) continue;
    const known = latest.get(elder.id);
    if (known && known.missed.plannedDate >= schedule.plannedDate) continue;
    const { id, plannedDate, missedReason, missedNote } = schedule;
    latest.set(elder.id, { elder, missed: { id, plannedDate, missedReason, missedNote } });
  }
  return [...latest.values()].sort((a, b) =>
    a.missed.plannedDate < b.missed.plannedDate ? -1 : a.missed.plannedDate > b.missed.plannedDate ? 1 : 0,
  );
}

/** The board of `input.manager`'s towns, narrowed by `input.filter`. */
export function computeBoard<E extends BoardElder>(input: BoardInput<E>): Board<E> {
  const { manager, users, today, lastVisit } = input;
  const filter = input.filter ?? NO_BOARD_FILTER;
  const active = new Map<string, BoardUser>();
  for (const user of users) if (isActiveWorker(user)) active.set(user.id, user);
  const activeIds = new Set(active.keys());

  const onBoard = new Map<string, E>();
  for (const elder of input.elders) {
    if (!isOnRegister(elder) || !coversTown(manager, elder.town)) continue;
    if (matches(elder, filter, activeIds)) onBoard.set(elder.id, elder);
  }
  const due = input.due ?? dueByElder(input);
  const soonest = addInterval(today, { every: DUE_SOON_DAYS, unit: 'day' });

  const totals = emptyCounts();
  const tiers = new Map<RiskTier, Counts>(RISK_TIERS.map((tier) => [tier, emptyCounts()]));
  const workers = new Map<string, Counts>();
  const overdue: OverdueEntry<E>[] = [];
  const noWorker: E[] = [];
  const noConsent: E[] = [];
  for (const elder of onBoard.values()) {
    const item = due.get(elder.id);
    const late = item?.status === 'overdue';
    const soon = item !== undefined && !late && item.dueDate <= soonest;
    const hasWorker = activeIds.has(elder.assignedWorkerId);
    let worker: Counts | undefined;
    if (hasWorker) {
      worker = workers.get(elder.assignedWorkerId) ?? emptyCounts();
      workers.set(elder.assignedWorkerId, worker);
    }
    for (const counts of [totals, tiers.get(elder.riskTier), worker]) {
      if (!counts) continue;
      counts.elders += 1;
      if (late) counts.overdue += 1;
      if (soon) counts.dueSoon += 1;
    }
    if (late && item) overdue.push({ elder, due: item });
    if (!hasWorker) noWorker.push(elder);
    if (!elder.consentGiven) noConsent.push(elder);
  }

  return {
    totals,
    workers: workerRows(active, workers, manager, filter),
    tiers: RISK_TIERS.map((tier) => ({ tier, ...(tiers.get(tier) ?? emptyCounts()) })),
    // Array.prototype.sort is stable: equal days keep the elders' given order (by name in the app).
    overdue: overdue.sort((a, b) => b.due.daysOverdue - a.due.daysOverdue),
    noWorker,
    noConsent,
    followUps: openFollowUps(onBoard, input, lastVisit),
    toArchive: reportedToArchive(onBoard, input.schedules, lastVisit),
  };
}

const byName = new Intl.Collator('zh-CN');

/**
 * A row for each active worker with elders on the board, and for each active worker of its towns
 * with none (an empty caseload is news), unless the board is narrowed to a community or to another
 * worker.
 */
function workerRows(
  active: ReadonlyMap<string, BoardUser>,
  counts: ReadonlyMap<string, Counts>,
  manager: Pick<User, 'role' | 'towns'>,
  filter: BoardFilter,
): WorkerRow[] {
  const rows: WorkerRow[] = [];
  for (const [workerId, user] of active) {
    let row = counts.get(workerId);
    if (!row) {
      if (filter.community || (filter.worker && filter.worker !== workerId)) continue;
      const ofBoard = user.towns.some((town) =>
        filter.town ? town === filter.town : coversTown(manager, town),
      );
      if (!ofBoard) continue;
      row = emptyCounts();
    }
    rows.push({ workerId, name: user.displayName, ...row });
  }
  return rows.sort((a, b) => byName.compare(a.name, b.name));
}
