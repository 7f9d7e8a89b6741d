// Each elder's latest visit, kept up to date beside the visits themselves. Today and the elder list
// need only that one date per elder; reading every visit to find it made a start with tens of
// thousands of visits take many seconds on a cheap phone.
//
// The entries live in the device's database (the `digest` collection) with a checkpoint in RxDB's
// own order of changes to the visits: whatever wrote a visit (a visit recorded here, a pull, a
// merge, another tab), the keeper reads the changes since its checkpoint, on start and after each
// write, so an app closed mid-way catches up on its next start. The first start after an update
// reads every visit once.
import { getChangedDocumentsSince } from 'rxdb/plugins/core';
import { BehaviorSubject, filter, type Observable, type Subscription } from 'rxjs';
import { toLocalDate } from '../../domain/cadence';
import type { Visit } from '../../domain/schemas';
import type { TanfangDatabase } from './database';

interface Latest {
  visitId: string;
  startedAt: string;
}

interface ChangeCheckpoint {
  id: string;
  lwt: number;
}

const CHECKPOINT_KEY = 'visits-checkpoint';
const ENTRY_PREFIX = 'last-visit:';
const PAGE = 500;

export interface LastVisitKeeper {
  /** Elder id → local day of their latest visit; emits once caught up, then after each change. */
  dates$: Observable<ReadonlyMap<string, string>>;
  stop(): void;
}

export function keepLastVisits(db: TanfangDatabase): LastVisitKeeper {
  const latest = new Map<string, Latest>();
  const dates = new BehaviorSubject<ReadonlyMap<string, string> | null>(null);
  let checkpoint: ChangeCheckpoint | undefined;
  let stopped = false;
  let running: Promise<void> | null = null;
  let again = false;
  let changes: Subscription | undefined;

  async function load(): Promise<void> {
    const entries = await db.digest.find().exec();
    for (const entry of entries) {
      if (entry.key === CHECKPOINT_KEY) checkpoint = entry.value as unknown as ChangeCheckpoint;
      else if (entry.key.startsWith(ENTRY_PREFIX)) {
        latest.set(entry.key.slice(ENTRY_PREFIX.length), entry.value as unknown as Latest);
      }
    }
  }

  /** Applies the visits changed since the checkpoint, page by page, each page saved with its checkpoint. */
  async function catchUp(): Promise<void> {
    for (;;) {
      if (stopped) return;
      const page = await getChangedDocumentsSince<Visit, ChangeCheckpoint>(
        db.visits.storageInstance,
        PAGE,
        checkpoint,
      );
      if (page.documents.length === 0) break;
      const touched = await apply(page.documents);
      await save(touched, page.checkpoint);
      checkpoint = page.checkpoint;
      if (page.documents.length < PAGE) break;
    }
    if (!stopped) dates.next(toDates(latest));
  }

  /** Updates the in-memory entries for these visits; returns the elders whose entry changed. */
  async function apply(visits: readonly Visit[]): Promise<Set<string>> {
    const touched = new Set<string>();
    const recount = new Set<string>();
    const byVisit = new Map([...latest].map(([elderId, entry]) => [entry.visitId, elderId] as const));
    for (const visit of visits) {
      // The entry this visit was (it may have moved to another elder, been deleted or re-dated).
      const holder = byVisit.get(visit.id);
      if (holder !== undefined) recount.add(holder);
      if (visit._deleted) continue;
      const known = latest.get(visit.elderId);
      if (known === undefined || Date.parse(visit.startedAt) > Date.parse(known.startedAt)) {
        latest.set(visit.elderId, { visitId: visit.id, startedAt: visit.startedAt });
        byVisit.set(visit.id, visit.elderId);
        touched.add(visit.elderId);
      }
    }
    for (const elderId of recount) {
      const found = await db.visits.find({ selector: { elderId } }).exec();
      let best: Latest | undefined;
      for (const doc of found) {
        if (best === undefined || Date.parse(doc.startedAt) > Date.parse(best.startedAt)) {
          best = { visitId: doc.id, startedAt: doc.startedAt };
        }
      }
      if (best) latest.set(elderId, best);
      else latest.delete(elderId);
      touched.add(elderId);
    }
    return touched;
  }

  async function save(touched: ReadonlySet<string>, next: ChangeCheckpoint): Promise<void> {
    const kept = [...touched].flatMap((elderId) => {
      const entry = latest.get(elderId);
      return entry ? [{ key: ENTRY_PREFIX + elderId, value: { ...entry } }] : [];
    });
    const gone = [...touched].filter((elderId) => !latest.has(elderId)).map((id) => ENTRY_PREFIX + id);
    if (gone.length > 0) await db.digest.bulkRemove(gone);
    // The checkpoint goes with the entries: a start after a crash reapplies at most this page.
    await db.digest.bulkUpsert([...kept, { key: CHECKPOINT_KEY, value: { ...next } }]);
  }

  /** One catch-up at a time; a change during one asks for another right after. */
  function schedule(): void {
    if (running) {
      again = true;
      return;
    }
    running = catchUp()
      .catch((error: unknown) => {
        // A closed database at sign-out ends the keeper; anything else is a bug worth seeing.
        if (!stopped) console.error('last visits: catching up failed', error);
      })
      .finally(() => {
        running = null;
        if (again && !stopped) {
          again = false;
          schedule();
        }
      });
  }

  load()
    .then(() => {
      if (stopped) return;
      changes = db.visits.$.subscribe(() => schedule());
      schedule();
    })
    .catch((error: unknown) => {
      if (!stopped) console.error('last visits: loading failed', error);
    });

  return {
    dates$: dates.pipe(filter((value): value is ReadonlyMap<string, string> => value !== null)),
    stop() {
      stopped = true;
      changes?.unsubscribe();
    },
  };
}

function toDates(latest: ReadonlyMap<string, Latest>): Map<string, string> {
  const dates = new Map<string, string>();
  for (const [elderId, entry] of latest) dates.set(elderId, toLocalDate(new Date(entry.startedAt)));
  return dates;
}
