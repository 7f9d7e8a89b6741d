// A planned visit closed by a visit goes up no earlier than that visit: the server accepts a former
// worker's closing (the elder was moved while they were offline) only once it has the visit. The
// same for a new elder's records, and for a new volunteer's pairings. Pushes
// go one request at a time (transport.ts) and the server applies a request's visits before its
// schedules, so a closing may go as soon as its visits are with the transport: in the same request
// as them (a visit recorded and the planned visit it closes go up together) or in a later one.
import { BehaviorSubject, type Observable } from 'rxjs';
import type { PushRow } from '../../domain/api';
import type { AnyDocument } from '../../domain/schemas';
import type { TanfangDatabase } from '../db/database';
import { waitUntilPushed } from '../db/store';
import type { PushOutcome } from './push';

/** How long a closing waits at most for its visits (after that the server judges it as it is). */
const VISIT_FIRST_WAIT_MS = 30_000;

/** The records of one collection whose push is with the transport (waiting for its request, or out), for one sync controller. */
export class RecordsBeingPushed {
  readonly #ids = new BehaviorSubject<ReadonlySet<string>>(new Set());
  readonly ids$: Observable<ReadonlySet<string>> = this.#ids.asObservable();

  /** Marks these visits as being pushed until the returned function is called. */
  handOver(ids: readonly string[]): () => void {
    this.#ids.next(new Set([...this.#ids.value, ...ids]));
    return () => {
      const left = new Set(this.#ids.value);
      for (const id of ids) left.delete(id);
      this.#ids.next(left);
    };
  }

  has(id: string): boolean {
    return this.#ids.value.has(id);
  }
}

/**
 * Before records of elders (schedules, visits, reviews) go up: waits until the elders they belong to
 * that still wait in the outbox (a new elder and its first planned visits) were taken by the server or
 * are being pushed. The server applies a request's elders first, so the same request will do.
 */
export async function eldersBeforeTheirRecords(
  db: TanfangDatabase,
  elders: RecordsBeingPushed,
  rows: readonly PushRow[],
): Promise<void> {
  const ids = new Set(
    rows.flatMap((row) => ('elderId' in row.newDocumentState ? [row.newDocumentState.elderId] : [])),
  );
  await waitUntilPushed(db, 'elders', [...ids], VISIT_FIRST_WAIT_MS, elders.ids$);
}

/**
 * Before elders go up: waits until the volunteers they are paired with that still wait in the outbox
 * (a volunteer entered and paired at once, offline) were taken by the server or are being pushed. The
 * server refuses a pairing with a volunteer it does not hold, and applies a request's volunteers first.
 */
export async function volunteersBeforeTheirPairings(
  db: TanfangDatabase,
  volunteers: RecordsBeingPushed,
  rows: readonly PushRow[],
): Promise<void> {
  const ids = new Set(
    rows.flatMap((row) =>
      'volunteerIds' in row.newDocumentState ? (row.newDocumentState.volunteerIds ?? []) : [],
    ),
  );
  // Most elders are paired with no one: no look-up.
  if (ids.size > 0) await waitUntilPushed(db, 'volunteers', [...ids], VISIT_FIRST_WAIT_MS, volunteers.ids$);
}

function closedVisitIds(docs: readonly AnyDocument[]): string[] {
  return docs.flatMap((doc) => ('visitId' in doc && typeof doc.visitId === 'string' ? [doc.visitId] : []));
}

/** Before schedules go up: waits until the visits they name were taken by the server or are being pushed. */
export async function visitsBeforeTheirClosings(
  db: TanfangDatabase,
  visits: RecordsBeingPushed,
  rows: readonly PushRow[],
): Promise<void> {
  const ids = closedVisitIds(rows.map((row) => row.newDocumentState));
  await waitUntilPushed(db, 'visits', ids, VISIT_FIRST_WAIT_MS, visits.ids$);
}

/**
 * After schedules went up: a closing refused while its visit is still being pushed (the visit was
 * refused in the same request, and is being pushed again without the record that was refused with
 * it) was judged too early. Throws so that RxDB pushes the schedules again later, instead of setting
 * the closing aside.
 */
export function retryClosingsJudgedTooEarly(visits: RecordsBeingPushed, outcome: PushOutcome): void {
  const early = closedVisitIds(outcome.refused.map(({ row }) => row.newDocumentState)).filter((id) =>
    visits.has(id),
  );
  if (early.length > 0) {
    throw new Error(`${early.length} planned visit(s) closed before their visit reached the server`);
  }
}
