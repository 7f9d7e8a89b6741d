// What the coordinator's board (src/domain/board.ts) is computed from, read from the device's
// database, so it works offline. Kept out of hooks.ts: only the Manage screens load it, and the
// first load stays as it was.
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { BoardVisit } from '../../domain/board';
import { URGENT_LEVELS } from '../../domain/board';
import type { Elder, Schedule, User, Visit } from '../../domain/schemas';
import { useDueSchedules, useElders, useLastVisitDates, useServices, useUsers } from './hooks';
import { plain } from './store';

export interface BoardData {
  /** By name. */
  elders: Elder[];
  /** Planned and missed visits (a missed one stays owed; some report an elder to archive). */
  schedules: Schedule[];
  /**
   * Visits asking for an urgent follow-up not marked done; undefined while they are still being
   * read. Finding them reads every visit on the device (the fields have no index), which at city
   * size takes seconds on a phone: the board is drawn without waiting for them.
   */
  visits: BoardVisit[] | undefined;
  lastVisit: ReadonlyMap<string, string>;
  users: User[];
}

/**
 * The visits whose urgent follow-up is still open, as the database holds them now and after each
 * change. A city holds about ten visits per elder; only these few reach the screen.
 */
function useUrgentFollowUpVisits(): Visit[] | undefined {
  const { db } = useServices();
  const [visits, setVisits] = useState<Visit[] | undefined>(undefined);
  useEffect(() => {
    const query = db.visits.find({
      selector: {
        'followUp.needed': true,
        'followUp.urgency': { $in: [...URGENT_LEVELS] },
        followUpDoneAt: { $exists: false },
      },
    });
    const subscription = query.$.subscribe((docs) => setVisits(docs.map((doc) => plain<Visit>(doc))));
    return () => subscription.unsubscribe();
  }, [db]);
  return visits;
}

/** The board's inputs; undefined until every part but the follow-up visits has been read. */
export function useBoardData(): BoardData | undefined {
  const elders = useElders();
  const schedules = useDueSchedules();
  const visits = useUrgentFollowUpVisits();
  const lastVisit = useLastVisitDates();
  const users = useUsers();
  return useMemo(
    () =>
      elders && schedules && lastVisit && users ? { elders, schedules, visits, lastVisit, users } : undefined,
    [elders, schedules, visits, lastVisit, users],
  );
}
