// Tells open change streams that a push was committed. One instance per app (made in createApp or
// passed in), so tests and several apps in one process do not share listeners. With several server
// processes this must become a shared channel (e.g. PostgreSQL LISTEN/NOTIFY) behind the same methods.
import type { CollectionName } from '../../domain/schemas';

export interface ChangeEvent {
  collections: CollectionName[];
  /** Towns of the records written: a listener may skip events that cannot concern its user. */
  towns: string[];
}

export type ChangeListener = (event: ChangeEvent) => void;

export class ChangeNotifier {
  readonly #listeners = new Set<ChangeListener>();

  /** Returns the function that unsubscribes. */
  subscribe(listener: ChangeListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Call only after the transaction committed: a listener's pull must find the change. */
  publish(event: ChangeEvent): void {
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
