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

export interface SyncReceipt extends SyncCounts {
  startedAt: string;
  finishedAt: string;
  /** Null when the run reached the point where device and server agree. */
  error: string | null;
}

const ZERO: SyncCounts = { sent: 0, received: 0, merged: 0, review: 0, refused: 0 };

export class SyncJournal {
  #counts: SyncCounts = { ...ZERO };
  readonly #refused = new Set<string>();
  /** Records merged in this run: RxDB may resolve one record more than once while it catches up. */
  readonly #merged = new Set<string>();
  readonly #listeners = new Set<(counts: SyncCounts) => void>();

  count(kind: keyof SyncCounts, n = 1): void {
    if (n === 0) return;
    this.#counts = { ...this.#counts, [kind]: this.#counts[kind] + n };
    for (const listener of this.#listeners) listener(this.#counts);
  }

  get counts(): SyncCounts {
    return this.#counts;
  }

  /** Counts a merged record once per run, however many times it was resolved. */
  countMerged(collection: CollectionName, id: string): void {
    const key = `${collection}:${id}`;
    if (this.#merged.has(key)) return;
    this.#merged.add(key);
    this.count('merged');
  }

  /** Starts counting afresh, for one run of "Sync now". */
  reset(): void {
    this.#merged.clear();
    this.#counts = { ...ZERO };
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
