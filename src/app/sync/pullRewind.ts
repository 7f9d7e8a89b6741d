// RxDB's replication skips a pulled record whose device copy has a change the server has not
// confirmed, trusting the push of that change to meet the server's newer copy. That trust fails when
// the push was already under way: its answer (accepted, or a conflict naming the server's copy at
// that moment) can be older than the copy the pull brought, and once RxDB settles the push the
// device holds the older copy while its checkpoint is past the newer one, which is never asked for
// again (sync property, CI seed 20261129, run 35). So a page that brought a copy of a record other
// than the one being pushed, while that push was under way, is pulled once more, from where it
// started, after the push settled.
import { deepEqual } from 'rxdb/plugins/utils';
import type { Checkpoint } from '../../domain/api';
import type { AnyDocument } from '../../domain/schemas';

/** True when a pull from `a` starts no later than a pull from `b` (null is the very start). */
export function startsNoLater(a: Checkpoint | null, b: Checkpoint | null): boolean {
  if (a === null) return true;
  if (b === null) return false;
  return a.seq < b.seq || (a.seq === b.seq && a.id <= b.id);
}

export interface PendingPull {
  from: Checkpoint | null;
}

/**
 * Where a pull waiting to be made again is kept, so that closing the app before it is made does
 * not forget it: RxDB's checkpoint, saved on the device, is already past the page.
 */
export interface PendingPullStore {
  load(): Promise<PendingPull | null>;
  save(pending: PendingPull | null): Promise<void>;
}

interface Pending extends PendingPull {
  /** A pull from here came back; it is forgotten once RxDB has written that page. */
  answered: boolean;
}

/** One collection's bookkeeping: the replication tells it of every push and asks it on every pull. */
export class PullRewind {
  /** The states in pushes not yet settled, by record (several pushes may hold one record). */
  private readonly underway = new Map<string, AnyDocument[]>();
  /** Where the earliest suspect page started, waiting to be pulled again. */
  private pending: Pending | null = null;
  private readonly loaded: Promise<void>;

  /** @param pullAgain asks the replication for a pull (which will start from `startFrom`). */
  constructor(
    private readonly pullAgain: () => void,
    private readonly store?: PendingPullStore,
  ) {
    this.loaded = store
      ? store.load().then((saved) => {
          if (saved !== null) this.pending ??= { from: saved.from, answered: false };
        })
      : Promise.resolve();
  }

  /**
   * A push of these states starts. Returns what to call once it is settled: failed, or answered
   * and what RxDB made of the answer written to the device. Calling it twice counts once.
   */
  pushStarted(states: readonly AnyDocument[]): () => void {
    for (const state of states) this.underway.set(state.id, [...(this.underway.get(state.id) ?? []), state]);
    let settled = false;
    return () => {
      if (settled) return;
      settled = true;
      for (const state of states) {
        const left = (this.underway.get(state.id) ?? []).filter((other) => other !== state);
        if (left.length > 0) this.underway.set(state.id, left);
        else this.underway.delete(state.id);
      }
      if (this.underway.size === 0 && this.pending !== null && !this.pending.answered) this.pullAgain();
    };
  }

  /**
   * Where to pull from: where RxDB asks, or from an earlier suspect page's start. Asked again until
   * a pull from there comes back: a failed pull is tried again from the same place.
   */
  async startFrom(asked: Checkpoint | null): Promise<Checkpoint | null> {
    await this.loaded;
    const pending = this.pending;
    return pending !== null && !pending.answered && startsNoLater(pending.from, asked) ? pending.from : asked;
  }

  /**
   * A page pulled from `from` came back. If it holds a copy of a record other than the state being
   * pushed, it is pulled again once every push has settled (saved before RxDB saves a checkpoint
   * past it). The pushed state itself coming back is safe: the push's answer will say the server
   * took it. When this was the pull a suspect page waited for, returns what to call once RxDB has
   * written the page to the device.
   */
  async pulled(
    from: Checkpoint | null,
    documents: readonly AnyDocument[],
  ): Promise<(() => Promise<void>) | undefined> {
    const covered = this.pending !== null && startsNoLater(from, this.pending.from) ? this.pending : null;
    if (covered !== null) covered.answered = true;
    const suspect =
      this.underway.size > 0 &&
      documents.some((doc) => (this.underway.get(doc.id) ?? []).some((pushed) => !deepEqual(pushed, doc)));
    if (suspect && (this.pending === null || covered !== null || startsNoLater(from, this.pending.from))) {
      this.pending = { from, answered: false };
      await this.store?.save({ from });
    }
    if (covered === null) return undefined;
    return async () => {
      // Pulls of one collection run one after another, and RxDB went on from this page to the end.
      if (this.pending !== covered) return;
      this.pending = null;
      await this.store?.save(null);
    };
  }
}
