// The queries more than one reader runs (a screen's hook and the Today snapshot keeper): built in
// one place, so that they are the same query and RxDB runs each once for all its readers.
import type { MangoQuerySelector } from 'rxdb/plugins/core';
import type { Schedule } from '../../domain/schemas';
import type { TanfangDatabase } from './database';

export function eldersByName(db: TanfangDatabase) {
  return db.elders.find({ sort: [{ name: 'asc' }] });
}

/** Schedules matching `selector`, soonest first. */
export function schedulesBySelector(db: TanfangDatabase, selector: MangoQuerySelector<Schedule>) {
  return db.schedules.find({ selector, sort: [{ plannedDate: 'asc' }] });
}

/** Visits still planned (up to `until`, a local day, when given), soonest first. */
export function plannedSchedules(db: TanfangDatabase, until?: string) {
  return schedulesBySelector(db, {
    status: 'planned',
    ...(until !== undefined && { plannedDate: { $lte: until } }),
  });
}

/**
 * Visits still planned and those missed: what an elder's due date is read from (cadence.ts's
 * computeDue: a missed visit stays owed until someone visits).
 */
export function dueSchedules(db: TanfangDatabase) {
  return schedulesBySelector(db, { status: { $in: ['planned', 'missed'] } });
}

export function allUsers(db: TanfangDatabase) {
  return db.users.find();
}

/**
 * The volunteers of `towns` (every town when empty: an admin's), by name; the active ones only,
 * unless `includeInactive` (the register's own list).
 */
export function volunteersOf(db: TanfangDatabase, towns: readonly string[], includeInactive = false) {
  return db.volunteers.find({
    selector: {
      ...(towns.length > 0 && { town: { $in: [...towns] } }),
      ...(!includeInactive && { active: true }),
    },
    sort: [{ name: 'asc' }],
  });
}
