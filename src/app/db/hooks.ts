// The UI's only way into the device's database: hooks that give plain records and re-render when
// they change. Screens never import RxDB themselves.
import { createContext } from 'preact';
import { useContext, useEffect, useMemo, useState } from 'preact/hooks';
import { combineLatest, map, Observable } from 'rxjs';
import { shownForReview } from '../../domain/merge/ruleFields';
import type { Elder, Review, Schedule, User, Visit, Volunteer } from '../../domain/schemas';
import type { Session } from '../session';
import type { SyncController, SyncStatus } from '../sync/replication';
import type { TanfangDatabase } from './database';
import type { LastVisitKeeper } from './lastVisits';
import {
  allUsers,
  dueSchedules,
  eldersByName,
  plannedSchedules,
  schedulesBySelector,
  volunteersOf,
} from './queries';
import type { SetAsideEntry } from './rxSchemas';
import { discardSetAside, resolveReview, retrySetAside, updateRecord, type VisitDraft } from './store';
import { type TodayInputs, workerNamesOf } from './todaySnapshot';

export interface AppServices {
  db: TanfangDatabase;
  session: Session;
  sync: SyncController;
  lastVisits: LastVisitKeeper;
  /** Stops sync and the keepers and closes the database (signed out elsewhere, or another user). */
  close(): Promise<void>;
  /** Stops everything and removes this person's database from the phone (signing out). */
  remove(): Promise<void>;
}

export const ServicesContext = createContext<AppServices | null>(null);

export function useServices(): AppServices {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('useServices outside <ServicesContext.Provider>');
  return services;
}

function useObservable<T>(source: () => Observable<T>, deps: unknown[]): T | undefined {
  const [value, setValue] = useState<T | undefined>(undefined);
  const observable = useMemo(source, deps);
  useEffect(() => {
    const sub = observable.subscribe(setValue);
    return () => sub.unsubscribe();
  }, [observable]);
  return value;
}

type Plain<T> = T extends { _deleted: boolean } ? T : never;

function toPlain<T>(docs: { toJSON(): unknown }[]): Plain<T>[] {
  return docs.map((doc) => ({ ...(doc.toJSON() as object), _deleted: false }) as Plain<T>);
}

export function useElders(): Elder[] | undefined {
  const { db } = useServices();
  return useObservable(() => eldersByName(db).$.pipe(map((d) => toPlain<Elder>(d))), [db]);
}

export function useElder(id: string): Elder | null | undefined {
  const { db } = useServices();
  return useObservable(
    () => db.elders.findOne(id).$.pipe(map((doc) => (doc ? (toPlain<Elder>([doc])[0] ?? null) : null))),
    [db, id],
  );
}

export function useVisits(elderId?: string): Visit[] | undefined {
  const { db } = useServices();
  return useObservable(
    () =>
      db.visits
        .find({ selector: elderId ? { elderId } : {}, sort: [{ startedAt: 'desc' }] })
        .$.pipe(map((d) => toPlain<Visit>(d))),
    [db, elderId],
  );
}

/** Elder id → local day of their latest visit (elders never visited are absent). */
export function useLastVisitDates(): ReadonlyMap<string, string> | undefined {
  const { lastVisits } = useServices();
  return useObservable(() => lastVisits.dates$, [lastVisits]);
}

export function useSchedules(elderId?: string): Schedule[] | undefined {
  const { db } = useServices();
  return useObservable(
    () => schedulesBySelector(db, elderId ? { elderId } : {}).$.pipe(map((d) => toPlain<Schedule>(d))),
    [db, elderId],
  );
}

/** Visits still planned (up to `until`, a local day, when given), soonest first. */
export function usePlannedSchedules(until?: string): Schedule[] | undefined {
  const { db } = useServices();
  return useObservable(
    () => plannedSchedules(db, until).$.pipe(map((d) => toPlain<Schedule>(d))),
    [db, until],
  );
}

/** Visits still planned and those missed, soonest first: what due dates are read from. */
export function useDueSchedules(): Schedule[] | undefined {
  const { db } = useServices();
  return useObservable(() => dueSchedules(db).$.pipe(map((d) => toPlain<Schedule>(d))), [db]);
}

export function useUsers(): User[] | undefined {
  const { db } = useServices();
  return useObservable(() => allUsers(db).$.pipe(map((d) => toPlain<User>(d))), [db]);
}

/**
 * What Today draws, from the open database: undefined while there is none (Today draws its snapshot)
 * and until every part has been read, then all parts at once, so the screen is drawn once.
 */
export function useTodayInputs(services: AppServices | null): TodayInputs | undefined {
  const read = useObservable(() => {
    // Nothing to read yet (rxjs's EMPTY would add a file to the first load).
    if (!services) return new Observable<never>((subscriber) => subscriber.complete());
    const { db, lastVisits } = services;
    return combineLatest([eldersByName(db).$, lastVisits.dates$, dueSchedules(db).$, allUsers(db).$]).pipe(
      map(([elders, lastVisit, schedules, users]) => ({
        services,
        inputs: {
          // Elders who left the register keep their history (their profile) but are not Today's.
          elders: toPlain<Elder>(elders).filter((elder) => elder.archivedOn == null),
          lastVisit,
          // Only planned and missed visits matter here: they may set the due date (cadence.ts).
          schedules: toPlain<Schedule>(schedules),
          workerNames: workerNamesOf(toPlain<User>(users)),
        },
      })),
    );
  }, [services]);
  // Nothing from a database that is no longer this screen's (signed out, or another person).
  return services && read?.services === services ? read.inputs : undefined;
}

/** How many local changes the server has not confirmed yet. */
export function usePendingCount(): number | undefined {
  const { db } = useServices();
  return useObservable(() => db.outbox.count().$, [db]);
}

/** The changes waiting, counted by collection (the sync bar names them: visits, planned visits…). */
export function usePendingKinds(): Partial<Record<string, number>> | undefined {
  const { db } = useServices();
  return useObservable(
    () =>
      db.outbox.find().$.pipe(
        map((entries) => {
          const counts: Partial<Record<string, number>> = {};
          for (const entry of entries) counts[entry.collectionName] = (counts[entry.collectionName] ?? 0) + 1;
          return counts;
        }),
      ),
    [db],
  );
}

export function useSyncStatus(): SyncStatus | undefined {
  const { sync } = useServices();
  return useObservable(() => sync.status$, [sync]);
}

export function useRecordVisit(): (draft: VisitDraft) => Promise<Visit> {
  const { db, session } = useServices();
  // The planning that follows a visit loads with the first visit recorded, not with the app.
  return async (draft) => {
    const { recordVisitAndReplan } = await import('./visitRecording');
    return recordVisitAndReplan(db, session.user.id, draft);
  };
}

/** Review entries, open ones first, newest first. */
export function useReviews(): Review[] | undefined {
  const { db } = useServices();
  return useObservable(
    () =>
      db.reviews
        .find({ sort: [{ status: 'asc' }, { updatedAt: 'desc' }] })
        .$.pipe(map((d) => toPlain<Review>(d))),
    [db],
  );
}

/**
 * Open review entries the review list shows: not those on fields settled by rule, which an older
 * version of the app may have saved (the list hides them, so the bar must not count them).
 */
export function useOpenReviewCount(): number | undefined {
  const { db } = useServices();
  return useObservable(
    () =>
      db.reviews
        .find({ selector: { status: 'open' } })
        .$.pipe(map((docs) => docs.filter((doc) => shownForReview(doc)).length)),
    [db],
  );
}

export function useSetAside(): SetAsideEntry[] | undefined {
  const { db } = useServices();
  return useObservable(
    () =>
      db.setaside.find({ sort: [{ at: 'desc' }] }).$.pipe(map((docs) => docs.map((d) => d.toMutableJSON()))),
    [db],
  );
}

export function useReviewActions() {
  const { db, session } = useServices();
  return {
    keep: (id: string, side: 'kept' | 'other') => resolveReview(db, session.user.id, id, side),
  };
}

export function useSetAsideActions() {
  const { db, session } = useServices();
  return {
    retry: (key: string) => retrySetAside(db, session.user.id, key),
    discard: (key: string) => discardSetAside(db, key),
  };
}

export function useUpdateElder(): (id: string, patch: Partial<Elder>) => Promise<Elder> {
  const { db, session } = useServices();
  return (id, patch) => updateRecord(db, 'elders', session.user.id, id, patch);
}

export function useUpdateSchedule(): (id: string, patch: Partial<Schedule>) => Promise<Schedule> {
  const { db, session } = useServices();
  return (id, patch) => updateRecord(db, 'schedules', session.user.id, id, patch);
}

export function useUpdateVisit(): (id: string, patch: Partial<Visit>) => Promise<Visit> {
  const { db, session } = useServices();
  return (id, patch) => updateRecord(db, 'visits', session.user.id, id, patch);
}

/**
 * The volunteers of the signed-in person's towns (an admin's: every town), sorted by name: the active
 * ones, for the visit form and pairing; with `includeInactive`, the whole register.
 */
export function useVolunteers({ includeInactive = false } = {}): Volunteer[] | undefined {
  const { db, session } = useServices();
  const towns = session.user.role === 'admin' ? [] : session.user.towns;
  const key = towns.join('\n');
  return useObservable(
    () => volunteersOf(db, towns, includeInactive).$.pipe(map((d) => toPlain<Volunteer>(d))),
    [db, key, includeInactive],
  );
}
