// Visit cadence: how often an elder must be visited, and which visits are due or overdue.
// Dates are calendar days (YYYY-MM-DD) in the device's local time zone, as a worker counts them.
import { addDays, addMonths, addWeeks, differenceInCalendarDays, lightFormat, parseISO } from 'date-fns';
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

export function addInterval(date: string, rule: CadenceRule): string {
  const start = parseISO(date);
  const next =
    rule.unit === 'day'
      ? addDays(start, rule.every)
      : rule.unit === 'week'
        ? addWeeks(start, rule.every)
        : addMonths(start, rule.every);
  return toLocalDate(next);
}

export function toLocalDate(date: Date): string {
  return lightFormat(date, 'yyyy-MM-dd');
}

/** The local calendar day of an instant such as a visit's start. */
export function localDateOf(instant: string): string {
  return toLocalDate(new Date(instant));
}

export function daysBetween(from: string, to: string): number {
  return differenceInCalendarDays(parseISO(to), parseISO(from));
}

/** The local day of each elder's latest visit (deleted visits do not count). */
export function lastVisitDates(visits: readonly Visit[]): Map<string, string> {
  const lastVisit = new Map<string, string>();
  for (const visit of visits) {
    if (visit._deleted) continue;
    const day = localDateOf(visit.startedAt);
    const known = lastVisit.get(visit.elderId);
    if (known === undefined || day > known) lastVisit.set(visit.elderId, day);
  }
  return lastVisit;
}

export type DueStatus = 'overdue' | 'due' | 'upcoming';

export interface DueItem {
  elderId: string;
  /** The earlier of the cadence's next date and the earliest planned visit. */
  dueDate: string;
  status: DueStatus;
  /** Whole days past the due date; 0 unless overdue. */
  daysOverdue: number;
  lastVisitDate: string | null;
  /** The earliest planned visit, which recording a visit will mark done. */
  scheduleId: string | null;
  /** Why it is due: a planned visit, or the tier's minimum frequency. */
  reason: 'schedule' | 'cadence';
}

export interface DueInput {
  elders: readonly Elder[];
  visits: readonly Visit[];
  schedules: readonly Schedule[];
  today: string;
  rules?: CadenceRules;
}

/**
 * One entry per elder, earliest due first. An elder never visited is due today; otherwise the
 * cadence counts from the last visit. A planned visit earlier than that makes it due sooner.
 */
export function computeDue({
  elders,
  visits,
  schedules,
  today,
  rules = DEFAULT_CADENCE,
}: DueInput): DueItem[] {
  const lastVisit = new Map<string, string>();
  for (const visit of visits) {
    if (visit._deleted) continue;
    const day = localDateOf(visit.startedAt);
    const known = lastVisit.get(visit.elderId);
    if (known === undefined || day > known) lastVisit.set(visit.elderId, day);
  }
  const firstPlanned = new Map<string, Schedule>();
  for (const schedule of schedules) {
    if (schedule._deleted || schedule.status !== 'planned') continue;
    const known = firstPlanned.get(schedule.elderId);
    if (known === undefined || schedule.plannedDate < known.plannedDate)
      firstPlanned.set(schedule.elderId, schedule);
  }

  const items: DueItem[] = [];
  for (const elder of elders) {
    if (elder._deleted) continue;
    const last = lastVisit.get(elder.id) ?? null;
    const cadenceDate = last === null ? today : addInterval(last, rules[elder.riskTier]);
    const planned = firstPlanned.get(elder.id) ?? null;
    const bySchedule = planned !== null && planned.plannedDate <= cadenceDate;
    const dueDate = bySchedule && planned ? planned.plannedDate : cadenceDate;
    const late = daysBetween(dueDate, today);
    items.push({
      elderId: elder.id,
      dueDate,
      status: late > 0 ? 'overdue' : late === 0 ? 'due' : 'upcoming',
      daysOverdue: Math.max(0, late),
      lastVisitDate: last,
      scheduleId: planned?.id ?? null,
      reason: bySchedule ? 'schedule' : 'cadence',
    });
  }
  return items.sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : 0));
}
