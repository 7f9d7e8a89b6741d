// Tells open change streams that a push was committed. One instance per app (made in createApp or
// passed in), so tests and several apps in one process do not share listeners. With several server
// processes on one PostgreSQL database, a relay passes each event to the other processes
// (store/change-relay.ts, LISTEN/NOTIFY), which deliver it to their own streams.
import { sharesTown } from '../../domain/access';
import type { CollectionName, User } from '../../domain/schemas';

export interface ChangeEvent {
  collections: CollectionName[];
  /** Towns of the records written: a listener may skip events that cannot concern its user. */
  towns: string[];
  /**
   * The workers whose records changed (those the elders written were assigned to, before and after,
   * and those who lost records): a worker's stream hears of no one else's work. Absent when the
   * change is for everyone of the towns (the users, the volunteers register, the places).
   */
  workers?: string[];
}

/** Whether `event` can concern `user`: one of their towns, and for a worker, their own records. */
export function concerns(event: ChangeEvent, user: Pick<User, 'id' | 'role' | 'towns'>): boolean {
  if (!sharesTown(user, event.towns)) return false;
  return user.role !== 'worker' || event.workers === undefined || event.workers.includes(user.id);
}

export type ChangeListener = (event: ChangeEvent) => void;

export class ChangeNotifier {
  readonly #listeners = new Set<ChangeListener>();
  #relay: ChangeListener | undefined;

  /** Also hands every published event to `relay` (for other processes); returns the function that stops it. */
  relayTo(relay: ChangeListener): () => void {
    this.#relay = relay;
    return () => {
      if (this.#relay === relay) this.#relay = undefined;
    };
  }

  /** Returns the function that unsubscribes. */
  subscribe(listener: ChangeListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Call only after the transaction committed: a listener's pull must find the change. */
  publish(event: ChangeEvent): void {
    this.deliver(event);
    this.#relay?.(event);
  }

  /** Tells this process's listeners only: for an event another process published. */
  deliver(event: ChangeEvent): void {
    for (const listener of this.#listeners) {
      try {
        listener(event);
      } catch (error) {
        // One broken stream must not keep the others from hearing about the change.
        console.error('change listener failed', error);
      }
    }
  }

  get listenerCount(): number {
    return this.#listeners.size;
  }
}
