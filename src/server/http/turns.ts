// Requests start in arrival order, one per turn of the event loop. libuv accepts one new connection
// per turn, and without this a turn lasts as long as every request that is ready in it takes to
// finish (better-sqlite3 is synchronous, so a request's queries all run in the turn it started in).
// Under a rush a turn then takes up to a second: connections wait in the accept queue for the whole
// rush while the connections already open are served again and again. One request per turn keeps
// turns short, so new connections are accepted as fast as requests are answered, and served in their
// order.

export class Turns {
  readonly #waiting: Array<() => void> = [];
  #pumping = false;

  /** Resolves on this request's turn. */
  wait(): Promise<void> {
    return new Promise((resolve) => {
      this.#waiting.push(resolve);
      if (!this.#pumping) {
        this.#pumping = true;
        setImmediate(this.#next);
      }
    });
  }

  readonly #next = (): void => {
    const resolve = this.#waiting.shift();
    if (resolve === undefined) {
      this.#pumping = false;
      return;
    }
    resolve();
    // Scheduled from an immediate, this runs on the next turn, after the loop has polled again.
    setImmediate(this.#next);
  };
}
