// Keeps the Today snapshot (todaySnapshot.ts) equal to what Today would draw from the database:
// whenever the elders, their planned visits, their latest visits or the users change, whichever
// screen is open. Writes are spaced out and skipped when nothing Today draws changed, so a sync
// that pulls thousands of records writes once, after it settles.
import { auditTime, combineLatest, concatMap, filter, map, type Subscription } from 'rxjs';
import type { TanfangDatabase } from './database';
import type { LastVisitKeeper } from './lastVisits';
import { allUsers, eldersByName, plannedSchedules } from './queries';
import { encodeTodaySnapshot, workerNamesOf, writeTodaySnapshot } from './todaySnapshot';

/** How long the inputs must be still before a write; a visit recorded and closed is one write. */
const QUIET_MS = 400;

export interface TodaySnapshotKeeper {
  stop(): void;
}

export function keepTodaySnapshot(
  db: TanfangDatabase,
  lastVisits: LastVisitKeeper,
  userId: string,
  write: (userId: string, encoded: string) => Promise<void> = writeTodaySnapshot,
): TodaySnapshotKeeper {
  let written: string | null = null;
  const subscription: Subscription = combineLatest([
    eldersByName(db).$,
    plannedSchedules(db).$,
    lastVisits.dates$,
    allUsers(db).$,
  ])
    .pipe(
      auditTime(QUIET_MS),
      map(([elders, schedules, lastVisit, users]) =>
        encodeTodaySnapshot(userId, {
          elders: elders.map((d) => d.toJSON()),
          schedules: schedules.map((d) => d.toJSON()),
          lastVisit,
          workerNames: workerNamesOf(users),
        }),
      ),
      filter((encoded) => encoded !== written),
      concatMap(async (encoded) => {
        try {
          await write(userId, encoded);
          written = encoded;
        } catch {
          // Storage full or gone: the next start waits for the database, as without a snapshot.
        }
      }),
    )
    .subscribe();
  return { stop: () => subscription.unsubscribe() };
}
