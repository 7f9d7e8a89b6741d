// What the Today screen is drawn from, kept as one small record beside the database, so that a cold
// start draws Today before RxDB has opened its databases (seconds on a cheap phone). The record is
// rewritten whenever what Today shows changes (todaySnapshotKeeper.ts); the live database replaces
// it on screen as soon as it is open. Due dates are computed at drawing time, so a snapshot written
// yesterday still gives today's overdue days. This file stays off RxDB: it is on the first load.
import { createStore, del, get, set, type UseStore } from 'idb-keyval';
import { schedulesSettingDue } from '../../domain/cadence';
import type { Elder, Schedule, User } from '../../domain/schemas';

/** What Today reads of an elder. */
export type TodayElder = Pick<
  Elder,
  | 'id'
  | 'name'
  | 'riskTier'
  | 'town'
  | 'community'
  | 'address'
  | 'assignedWorkerId'
  | '_deleted'
  | 'archivedOn'
>;
/** What Today reads of a planned or missed visit. */
export type TodaySchedule = Pick<
  Schedule,
  'id' | 'elderId' | 'plannedDate' | 'kind' | 'status' | '_deleted'
> &
  Partial<Pick<Schedule, 'missedReason'>>;

export interface TodayInputs {
  /** By name. */
  elders: readonly TodayElder[];
  /** Elder id → local day of their latest visit. */
  lastVisit: ReadonlyMap<string, string>;
  /** Planned and missed visits; cadence.ts's computeDue picks the ones that count. */
  schedules: readonly TodaySchedule[];
  /** User id → display name (a coordinator's list names each elder's worker). */
  workerNames: ReadonlyMap<string, string>;
}

/** Bumped when the stored shape changes: an older snapshot is then ignored, never misread. */
// 2: elders carry their town, whose cadence makes them due.
// 3: a missed visit still owed is kept too (it keeps the elder due).
const VERSION = 3;

interface StoredSnapshot {
  version: number;
  userId: string;
  elders: TodayElder[];
  lastVisit: [string, string][];
  schedules: TodaySchedule[];
  workerNames: [string, string][];
}

/** Where the snapshot lives: its own small IndexedDB database, one record per person. */
export const SNAPSHOT_DATABASE = 'tanfang-today';
export const SNAPSHOT_STORE = 'snapshots';

let store: UseStore | undefined;
function snapshotStore(): UseStore {
  // Made on first use: creating it opens the database.
  store ??= createStore(SNAPSHOT_DATABASE, SNAPSHOT_STORE);
  return store;
}

/**
 * The inputs as stored: only the fields Today draws, and of the planned visits only those that can
 * set a due date (each elder's earliest planned one, and earliest missed one still owed).
 */
export function encodeTodaySnapshot(userId: string, inputs: TodayInputs): string {
  const stored: StoredSnapshot = {
    version: VERSION,
    userId,
    // Elders off the register are not Today's: they are neither due nor in the caseload.
    elders: inputs.elders
      .filter((e) => !e._deleted && e.archivedOn == null)
      .map(({ id, name, riskTier, town, community, address, assignedWorkerId }) => ({
        id,
        name,
        riskTier,
        town,
        community,
        address,
        assignedWorkerId,
        _deleted: false,
      })),
    lastVisit: [...inputs.lastVisit],
    schedules: schedulesSettingDue(inputs.schedules, inputs.lastVisit).map(
      ({ id, elderId, plannedDate, kind, status, missedReason }) => ({
        id,
        elderId,
        plannedDate,
        kind,
        status,
        ...(status === 'missed' && { missedReason }),
        _deleted: false,
      }),
    ),
    workerNames: [...inputs.workerNames],
  };
  return JSON.stringify(stored);
}

/** The inputs back, or null when the text is not a snapshot of this version for this user. */
export function decodeTodaySnapshot(userId: string, text: string): TodayInputs | null {
  try {
    const stored = JSON.parse(text) as Partial<StoredSnapshot>;
    if (stored.version !== VERSION || stored.userId !== userId) return null;
    if (!Array.isArray(stored.elders) || !Array.isArray(stored.schedules)) return null;
    return {
      elders: stored.elders,
      lastVisit: new Map(stored.lastVisit ?? []),
      schedules: stored.schedules,
      workerNames: new Map(stored.workerNames ?? []),
    };
  } catch {
    return null;
  }
}

export async function readTodaySnapshot(userId: string): Promise<TodayInputs | null> {
  try {
    const text = await get<string>(userId, snapshotStore());
    return typeof text === 'string' ? decodeTodaySnapshot(userId, text) : null;
  } catch {
    // No IndexedDB (a private window) or a damaged store: Today waits for the database instead.
    return null;
  }
}

export async function writeTodaySnapshot(userId: string, encoded: string): Promise<void> {
  await set(userId, encoded, snapshotStore());
}

/** Forgets this person's snapshot (signing out leaves nothing of theirs on the phone). */
export async function clearTodaySnapshot(userId: string): Promise<void> {
  await del(userId, snapshotStore()).catch(() => undefined);
}

export function workerNamesOf(users: readonly Pick<User, 'id' | 'displayName'>[]): Map<string, string> {
  return new Map(users.map((u) => [u.id, u.displayName]));
}
