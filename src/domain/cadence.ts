// Visit cadence: how often an elder must be visited, and which visits are due or overdue.
// Dates are calendar days (YYYY-MM-DD) in the device's local time zone, as a worker counts them.
// The arithmetic is plain calendar arithmetic on Y-M-D numbers, not date-fns: due dates are worked
// out for every elder at each start of the app, and on a slow phone date-fns's general Date handling
// took most of that time (tests check these functions against date-fns).
import type { Elder, RiskTier, Schedule, Visit } from './schemas';

export interface CadenceRule {
  every: number;
  unit: 'day' | 'week' | 'month';
}
export type CadenceRules = Record<RiskTier, CadenceRule>;

/** Provincial defaults (DOMAIN.md): high risk weekly, key monthly, general quarterly. A region may override. */
export const DEFAULT_CADENCE: CadenceRules = {
  high: { every: 1, unit: 'week' },
  key: { every: 1, unit: 'month' },
  general: { every: 3, unit: 'month' },
};

/** The largest `every` of each unit a town may set: a quarter in days, a year in weeks or months. */
export const CADENCE_LIMITS: Record<CadenceRule['unit'], number> = { day: 90, week: 52, month: 12 };

/** The rules of every elder alike, or of each elder's town (the town's cadence, else the defaults). */
export type RulesOf = CadenceRules | ((town: string) => CadenceRules);

/** The rules for an elder of `town`. */
export function rulesFor(rules: RulesOf | undefined, town: string | undefined): CadenceRules {
  if (rules === undefined) return DEFAULT_CADENCE;
  return typeof rules === 'function' ? rules(town ?? '') : rules;
}

/**
 * A town's rules from a place list (GET /api/places, or the device's copy of it): the defaults when
 * the list is missing, has no such town, or is an older copy kept before towns carried a cadence.
 */
export function cadenceOf(
  places: { towns: readonly { name: string; cadence?: CadenceRules }[] } | null | undefined,
  town: string,
): CadenceRules {
  return places?.towns.find((candidate) => candidate.name === town)?.cadence ?? DEFAULT_CADENCE;
}

/**
 * A rule's interval in days, a month counted as the average month (365.25 / 12 days), to compare two
 * rules of different units: 4 weeks is more often than a month, 31 days is not.
 */
export function intervalDays(rule: CadenceRule): number {
  return rule.every * (rule.unit === 'day' ? 1 : rule.unit === 'week' ? 7 : 365.25 / 12);
}

/**
 * The first tier visited less often than the next lower tier (high rarer than key, key rarer than
 * general), or null when the rules keep the tiers in order. Equal intervals are in order.
 */
export function tierOutOfOrder(rules: CadenceRules): 'high' | 'key' | null {
  if (intervalDays(rules.high) > intervalDays(rules.key)) return 'high';
  if (intervalDays(rules.key) > intervalDays(rules.general)) return 'key';
  return null;
}

const DAY_MS = 86_400_000;

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function ymd(year: number, month: number, day: number): string {
  const y = year < 1000 ? String(year).padStart(4, '0') : String(year);
  return `${y}-${pad2(month)}-${pad2(day)}`;
}

/** Days since 1970-01-01 of a YYYY-MM-DD calendar date (no time zone: a date is a date). */
function dayNumber(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;
}

function fromDayNumber(days: number): string {
  const d = new Date(days * DAY_MS);
  return ymd(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/** A calendar interval later; a month later than the 31st is the month's last day (Jan 31 → Feb 28). */
export function addInterval(date: string, rule: CadenceRule): string {
  if (rule.unit !== 'month')
    return fromDayNumber(dayNumber(date) + rule.every * (rule.unit === 'week' ? 7 : 1));
  const months = Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1 + rule.every;
  const year = Math.floor(months / 12);
  const month = (months % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return ymd(year, month, Math.min(Number(date.slice(8, 10)), lastDay));
}

/** The device's local calendar day of a moment. */
export function toLocalDate(date: Date): string {
  return ymd(date.getFullYear(), date.getMonth() + 1, date.getDate());
}

/** The local calendar day of an instant such as a visit's start. */
export function localDateOf(instant: string): string {
  return toLocalDate(new Date(instant));
}

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

/** The local day of each elder's latest visit (deleted visits do not count). */
export function lastVisitDates(visits: readonly Visit[]): Map<string, string> {
  // The latest start as a number first (an instant may carry any offset), the day once per elder.
  const latest = new Map<string, number>();
  for (const visit of visits) {
    if (visit._deleted) continue;
    const at = Date.parse(visit.startedAt);
    const known = latest.get(visit.elderId);
    if (known === undefined || at > known) latest.set(visit.elderId, at);
  }
  const days = new Map<string, string>();
  for (const [elderId, at] of latest) days.set(elderId, toLocalDate(new Date(at)));
  return days;
}

export type DueStatus = 'overdue' | 'due' | 'upcoming';

// Due and overdue, defined once for every screen (Today, 计划, the coordinator's board):
// - An elder's due date is the earliest of: the cadence's next date (the last actual visit plus the
//   tier's interval in the elder's town; today when never visited), their earliest visit still
//   planned, and their earliest missed planned visit dated after the last visit (a missed visit is
//   not a visit: what it was planned for is still owed until someone visits).
// - Overdue: the due date has passed; days overdue counts calendar days from the due date to today.
//   Due: the due date is today. Upcoming: later.
export interface DueItem {
  elderId: string;
  /** The earliest of the cadence's next date, the earliest planned visit and a missed one still owed. */
  dueDate: string;
  status: DueStatus;
  /** Whole days past the due date; 0 unless overdue. */
  daysOverdue: number;
  lastVisitDate: string | null;
  /** The earliest planned visit, which recording a visit will mark done. */
  scheduleId: string | null;
  /** The earliest missed visit since the last visit, still owed; null when none. */
  missedId: string | null;
  /** Why it is due: a planned visit, a missed one still owed, or the tier's minimum frequency. */
  reason: 'schedule' | 'missed' | 'cadence';
}

/** What the due computation reads of an elder and of a planned visit. */
export type DueElder = Pick<Elder, 'id' | 'riskTier' | '_deleted'> &
  Partial<Pick<Elder, 'archivedOn' | 'town'>>;
export type DueSchedule = Pick<Schedule, 'id' | 'elderId' | 'plannedDate' | 'status' | '_deleted'>;

export interface DueInput {
  elders: readonly DueElder[];
  /** The visits, or `lastVisit` (elder id → local day of the latest visit) when already known. */
  visits?: readonly Visit[];
  lastVisit?: ReadonlyMap<string, string>;
  /** Planned and missed visits (others are ignored). */
  schedules: readonly DueSchedule[];
  today: string;
  /** One set of rules for all, or each elder's town's (an elder without a town gets town ''). */
  rules?: RulesOf;
}

/** Each elder's earliest visit still planned: the only planned one that can set their due date. */
export function firstPlannedByElder<S extends DueSchedule>(schedules: readonly S[]): Map<string, S> {
  return earliestByElder(schedules, (schedule) => schedule.status === 'planned');
}

/**
 * Each elder's earliest missed visit dated after their last visit (`lastVisit`, elder id → day):
 * still owed, so it keeps the elder due. One on the day of the last visit was made up that day.
 */
export function firstMissedByElder<S extends DueSchedule>(
  schedules: readonly S[],
  lastVisit: ReadonlyMap<string, string>,
): Map<string, S> {
  return earliestByElder(schedules, (schedule) => {
    if (schedule.status !== 'missed') return false;
    const last = lastVisit.get(schedule.elderId);
    return last === undefined || schedule.plannedDate > last;
  });
}

function earliestByElder<S extends DueSchedule>(
  schedules: readonly S[],
  counts: (schedule: S) => boolean,
): Map<string, S> {
  const first = new Map<string, S>();
  for (const schedule of schedules) {
    if (schedule._deleted || !counts(schedule)) continue;
    const known = first.get(schedule.elderId);
    if (known === undefined || schedule.plannedDate < known.plannedDate)
      first.set(schedule.elderId, schedule);
  }
  return first;
}

/** The planned and missed visits that can set a due date: each elder's first of each (for a snapshot). */
export function schedulesSettingDue<S extends DueSchedule>(
  schedules: readonly S[],
  lastVisit: ReadonlyMap<string, string>,
): S[] {
  return [...firstPlannedByElder(schedules).values(), ...firstMissedByElder(schedules, lastVisit).values()];
}

/** Whether a due date `dueDate` is overdue, due or upcoming on `today`, and by how many days. */
export function dueStatusOn(dueDate: string, today: string): { status: DueStatus; daysOverdue: number } {
  const late = daysBetween(dueDate, today);
  return { status: late > 0 ? 'overdue' : late === 0 ? 'due' : 'upcoming', daysOverdue: Math.max(0, late) };
}

/**
 * One entry per elder on the register, earliest due first, by the definition above: the one
 * function every screen and the board read their due dates and day counts from.
 */
export function computeDue({
  elders,
  visits = [],
  lastVisit = lastVisitDates(visits),
  schedules,
  today,
  rules,
}: DueInput): DueItem[] {
  const firstPlanned = firstPlannedByElder(schedules);
  const firstMissed = firstMissedByElder(schedules, lastVisit);
  const items: DueItem[] = [];
  for (const elder of elders) {
    // An elder off the register is no longer due (their history stays).
    if (elder._deleted || elder.archivedOn != null) continue;
    const last = lastVisit.get(elder.id) ?? null;
    const cadenceDate =
      last === null ? today : addInterval(last, rulesFor(rules, elder.town)[elder.riskTier]);
    const planned = firstPlanned.get(elder.id) ?? null;
    const missed = firstMissed.get(elder.id) ?? null;
    let dueDate = cadenceDate;
    if (missed !== null && missed.plannedDate < dueDate) dueDate = missed.plannedDate;
    if (planned !== null && planned.plannedDate < dueDate) dueDate = planned.plannedDate;
    // On a tie, the planned visit names the reason (there is a visit to make), then the missed one.
    const reason =
      planned !== null && planned.plannedDate === dueDate
        ? 'schedule'
        : missed !== null && missed.plannedDate === dueDate
          ? 'missed'
          : 'cadence';
    items.push({
      elderId: elder.id,
      dueDate,
      ...dueStatusOn(dueDate, today),
      lastVisitDate: last,
      scheduleId: planned?.id ?? null,
      missedId: missed?.id ?? null,
      reason,
    });
  }
  return items.sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : 0));
}
