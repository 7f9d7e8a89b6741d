// When a failed pull or push is tried again. RxDB retries a failed request for as long as it fails,
// every `retryTime` (5 s here before), whatever the failures before it and whether the phone has a
// network at all: hours without signal were a request every 5 s, each one waking the radio. Here
// every request of a sync waits for its turn:
// - after failures in a row, longer each time: the first wait, doubled after each further failure,
//   at most six times (1 s, 2 s, 4 s … 64 s), less up to half of it at random, so that the devices a
//   server restart cut off together do not all come back in the same second; a success starts over;
// - with no network at all (the browser says offline), never: no timer runs and nothing is sent
//   until the browser says online again and its `online` event wakes the waits;
// - when woken (the `online` event, "Sync now", the change stream open again), at once.
// One count for the whole sync, pulls and pushes: a request that got through shows the server within
// reach. The pulls of all collections go in one request (batcher.ts), fail together and wait for the
// same moment, so they go again as one request: a failed request is one failure, not one per
// collection.

/** How many times the first wait is doubled at most: 1 s becomes at most 64 s. */
export const MAX_DOUBLINGS = 6;

/**
 * The wait after `failures` failures in a row: `firstMs` doubled for each failure after the first,
 * at most MAX_DOUBLINGS times, less up to half of it (`random` in [0, 1)). The waits never shrink
 * while the failures go on: the longest of one is the shortest of the next, until the cap.
 */
export function retryDelay(failures: number, firstMs: number, random: number): number {
  if (failures <= 0) return 0;
  const full = firstMs * 2 ** Math.min(failures - 1, MAX_DOUBLINGS);
  return full - (full / 2) * random;
}

export interface BackoffOptions {
  /** The wait after the first failure. */
  firstMs: number;
  /** False when the device has no network at all (navigator.onLine). */
  isOnline: () => boolean;
  /** Aborted when sync stops: every wait ends, and no request goes any more. */
  stopped: AbortSignal;
  now?: () => number;
  random?: () => number;
}

/** The requests of one sync controller and their failures in a row. */
export class Backoff {
  #failures = 0;
  /** Failures counted so far: a request's failure counts only if none was counted since it started. */
  #counted = 0;
  /** Times woken so far: a request that fails after a wake during it was asked for again. */
  #wakes = 0;
  /** When the next request may go (epoch ms); 0: at once. */
  #nextAt = 0;
  readonly #sleepers = new Set<() => void>();
  readonly #now: () => number;
  readonly #random: () => number;

  constructor(private readonly options: BackoffOptions) {
    this.#now = options.now ?? Date.now;
    this.#random = options.random ?? Math.random;
    options.stopped.addEventListener('abort', () => this.#wakeSleepers(), { once: true });
  }

  /**
   * Sends `request` when its turn comes (`turn`) and counts how it went. Requests started together
   * and failing together (the parts of one request) count as one failure. A request that fails
   * after a wake while it was out (the signal back, "Sync now" asked) was sent before anyone asked:
   * it goes again at once, and its failure is neither counted nor reported.
   */
  async attempt<T>(request: () => Promise<T>): Promise<T> {
    for (;;) {
      await this.turn();
      const counted = this.#counted;
      const wakes = this.#wakes;
      try {
        const result = await request();
        this.#failures = 0;
        this.#nextAt = 0;
        return result;
      } catch (error) {
        if (this.options.stopped.aborted) throw error;
        if (wakes !== this.#wakes) continue;
        if (counted === this.#counted) {
          this.#counted += 1;
          this.#failures += 1;
          this.#nextAt = this.#now() + retryDelay(this.#failures, this.options.firstMs, this.#random());
        }
        throw error;
      }
    }
  }

  /**
   * Resolves when a request may go: at once, unless requests have failed and their wait is not
   * over, or the device is offline. Rejects once sync has stopped.
   */
  async turn(): Promise<void> {
    let woken = false;
    for (;;) {
      if (this.options.stopped.aborted) throw new Error('sync stopped');
      if (!this.options.isOnline()) {
        // No timer: nothing to do until the signal is back or someone asks.
        await this.#sleep(null);
        woken = true;
        continue;
      }
      const left = this.#nextAt - this.#now();
      if (woken || left <= 0) return;
      await this.#sleep(left);
      woken = true;
    }
  }

  /**
   * Waits `ms`, or until woken; offline, only until woken (online again, "Sync now"). For a loop of
   * its own (the change stream's reconnections). Resolves at once once sync has stopped.
   */
  async pause(ms: number): Promise<void> {
    if (this.options.isOnline()) await this.#sleep(ms);
    await this.untilOnline();
  }

  /** Resolves at once when online (or once sync has stopped); offline, once woken with the signal back. */
  async untilOnline(): Promise<void> {
    while (!this.options.stopped.aborted && !this.options.isOnline()) await this.#sleep(null);
  }

  /** The signal is back or "Sync now" was asked: every wait ends, and the next request goes at once. */
  wake(): void {
    this.#wakes += 1;
    this.#nextAt = 0;
    this.#wakeSleepers();
  }

  #wakeSleepers(): void {
    const sleepers = [...this.#sleepers];
    this.#sleepers.clear();
    for (const wake of sleepers) wake();
  }

  /** Resolves after `ms` (never, for null) or when woken or stopped. */
  #sleep(ms: number | null): Promise<void> {
    if (this.options.stopped.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const wake = () => {
        clearTimeout(timer);
        this.#sleepers.delete(wake);
        resolve();
      };
      if (ms !== null) timer = setTimeout(wake, ms);
      this.#sleepers.add(wake);
    });
  }
}
