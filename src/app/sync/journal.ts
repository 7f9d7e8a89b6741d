// What one device's sync has done, counted for the receipt shown after "Sync now", and the records
// the server refused in this session. One journal per signed-in session, never module-level.
import type { CollectionName } from '../../domain/schemas';

export interface SyncCounts {
  /** Local changes the server took. */
  sent: number;
  /** Records that came down from the server. */
  received: number;
  /** Records edited on both sides and merged field by field. */
  merged: number;
  /** Clashes put on the review list. */
  review: number;
  /** Records the server refused, set aside on the device with its reason. */
  refused: number;
}

/** A count per collection: what went up or came down, in things a worker knows (visits, plans…). */
export type KindCounts = Partial<Record<CollectionName, number>>;

export interface SyncReceipt extends SyncCounts {
  /** `sent` and `received` by collection; absent in receipts kept by earlier versions of the app. */
  sentBy?: KindCounts;
  receivedBy?: KindCounts;
  /** `refused` by collection. */
  refusedBy?: KindCounts;
  startedAt: string;
  finishedAt: string;
  /**
   * Null when the run reached the point where device and server agree; otherwise why it did not,
   * as a SyncFailure the Sync screen puts in words (receipts kept by earlier versions of the app
   * hold the error's raw message, shown as 'other').
   */
  error: SyncFailure | string | null;
}

/** Why a sync did not finish, in the few kinds a worker can act on. */
export const SYNC_FAILURES = ['unreachable', 'signed-out', 'server', 'refused', 'other'] as const;
export type SyncFailure = (typeof SYNC_FAILURES)[number];

/** A receipt's error as one of the kinds, an unknown text (an older receipt) as 'other'. */
export function failureOfReceipt(error: string): SyncFailure {
  return (SYNC_FAILURES as readonly string[]).includes(error) ? (error as SyncFailure) : 'other';
}

const ZERO: SyncCounts = { sent: 0, received: 0, merged: 0, review: 0, refused: 0 };

/** The counts kept per collection as well. */
type ByKind = Record<'sent' | 'received' | 'refused', KindCounts>;

export class SyncJournal {
  #counts: SyncCounts = { ...ZERO };
  #byKind: ByKind = { sent: {}, received: {}, refused: {} };
  readonly #refused = new Set<string>();
  /** Records merged in this run: RxDB may resolve one record more than once while it catches up. */
  readonly #merged = new Set<string>();
  readonly #listeners = new Set<(counts: SyncCounts) => void>();

  count(kind: keyof SyncCounts, n = 1, collection?: CollectionName): void {
    if (n === 0) return;
    this.#counts = { ...this.#counts, [kind]: this.#counts[kind] + n };
    if (collection !== undefined && (kind === 'sent' || kind === 'received' || kind === 'refused')) {
      const counts = this.#byKind[kind];
      this.#byKind = { ...this.#byKind, [kind]: { ...counts, [collection]: (counts[collection] ?? 0) + n } };
    }
    for (const listener of this.#listeners) listener(this.#counts);
  }

  get counts(): SyncCounts {
    return this.#counts;
  }

  /** The counts for a receipt: the totals and, per collection, what went up, came down or was refused. */
  get receiptCounts(): SyncCounts & Required<Pick<SyncReceipt, 'sentBy' | 'receivedBy' | 'refusedBy'>> {
    const { sent, received, refused } = this.#byKind;
    return { ...this.#counts, sentBy: sent, receivedBy: received, refusedBy: refused };
  }

  /** Counts a merged record once per run, however many times it was resolved. */
  countMerged(collection: CollectionName, id: string): void {
    const key = `${collection}:${id}`;
    if (this.#merged.has(key)) return;
    this.#merged.add(key);
    this.count('merged');
  }

  /** Starts counting afresh, once a receipt has taken what was counted. */
  reset(): void {
    this.#merged.clear();
    this.#counts = { ...ZERO };
    this.#byKind = { sent: {}, received: {}, refused: {} };
    for (const listener of this.#listeners) listener(this.#counts);
  }

  onChange(listener: (counts: SyncCounts) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Notes that the server refused this record, so its conflict resolves to the server's state. */
  markRefused(collection: CollectionName, id: string): void {
    this.#refused.add(`${collection}:${id}`);
  }

  /** True once for a record marked refused: the conflict handler asks when it resolves it. */
  takeRefused(collection: CollectionName, id: string): boolean {
    return this.#refused.delete(`${collection}:${id}`);
  }
}
