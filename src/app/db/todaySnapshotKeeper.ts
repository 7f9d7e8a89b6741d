// Keeps the Today snapshot (todaySnapshot.ts) equal to what Today would draw from the database:
// whenever the elders, their planned visits, their latest visits or the users change, whichever
// screen is open. A write waits until the data has been still a moment, so a sync that pulls
// thousands of records writes once, after it settles; going to the background writes at once (a
// phone may close the app then). Writes are skipped when nothing Today draws changed.
import {
  combineLatest,
  concatMap,
  debounce,
  filter,
  fromEvent,
  map,
  NEVER,
  type Observable,
  race,
  type Subscription,
  timer,
} from 'rxjs';
import type { TanfangDatabase } from './database';
import type { LastVisitKeeper } from './lastVisits';
import { allUsers, dueSchedules, eldersByName } from './queries';
import { encodeTodaySnapshot, workerNamesOf, writeTodaySnapshot } from './todaySnapshot';

/** How long the inputs must be still before a write; a visit recorded and closed is one write. */
const QUIET_MS = 400;

function goingToBackground(): Observable<unknown> {
  if (typeof document === 'undefined') return NEVER;
  return fromEvent(document, 'visibilitychange').pipe(filter(() => document.visibilityState === 'hidden'));
}

export interface TodaySnapshotKeeper {
  stop(): void;
}

export interface KeeperOptions {
  write?: (userId: string, encoded: string) => Promise<void>;
  quietMs?: number;
  /** Emits when the app goes to the background. */
  background?: Observable<unknown>;
}

export function keepTodaySnapshot(
  db: TanfangDatabase,
  lastVisits: LastVisitKeeper,
  userId: string,
  { write = writeTodaySnapshot, quietMs = QUIET_MS, background = goingToBackground() }: KeeperOptions = {},
): TodaySnapshotKeeper {
  let written: string | null = null;
  const subscription: Subscription = combineLatest([
    eldersByName(db).$,
    dueSchedules(db).$,
    lastVisits.dates$,
    allUsers(db).$,
  ])
    .pipe(
      debounce(() => race(timer(quietMs), background)),
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
