// Pulls asked within a few milliseconds of each other go to the server as one request. Every sync
// starts with a pull of each collection (five replications, started together); one request instead of
// five saves a round trip on a slow mobile connection, and the server a session check and a request
// each: at the end of a shift, when everyone syncs at once, that is a third of its work.
import type { PullPart, PullResponse } from '../../domain/api';

/** How long a pull waits for others: the replications' first pulls come within about 10 ms. */
const PULL_WINDOW_MS = 10;

interface Waiting {
  part: PullPart;
  resolve: (page: PullResponse) => void;
  reject: (error: unknown) => void;
}

/**
 * A `pull` that gathers the parts asked within `windowMs` of the first and sends them with one call
 * of `send`, which answers one page per part in the order given. When the call fails, every pull in
 * it fails with that error, as each would have on its own.
 */
export function batchPulls(
  send: (parts: PullPart[]) => Promise<PullResponse[]>,
  windowMs: number = PULL_WINDOW_MS,
): (part: PullPart) => Promise<PullResponse> {
  let waiting: Waiting[] = [];
  let scheduled = false;

  function schedule(delayMs: number): void {
    scheduled = true;
    setTimeout(flush, delayMs);
  }

  function flush(): void {
    scheduled = false;
    // A request names each collection once: a second pull of one waits for the next request.
    const asked = new Set<string>();
    const now: Waiting[] = [];
    const later: Waiting[] = [];
    for (const pull of waiting) {
      (asked.has(pull.part.collection) ? later : now).push(pull);
      asked.add(pull.part.collection);
    }
    waiting = later;
    if (later.length > 0) schedule(0);
    send(now.map((pull) => pull.part)).then(
      (pages) => {
        for (const [index, pull] of now.entries()) {
          const page = pages[index];
          if (page === undefined)
            pull.reject(new Error(`the server answered no page for ${pull.part.collection}`));
          else pull.resolve(page);
        }
      },
      (error: unknown) => {
        for (const pull of now) pull.reject(error);
      },
    );
  }

  return (part) =>
    new Promise<PullResponse>((resolve, reject) => {
      waiting.push({ part, resolve, reject });
      if (!scheduled) schedule(windowMs);
    });
}
