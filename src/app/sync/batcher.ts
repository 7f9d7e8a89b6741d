// Pulls, or pushes, of several collections asked within a few milliseconds of each other go to the
// server as one request. Every sync starts with a pull of each collection (five replications, started
// together), and a visit recorded is pushed with the planned visit it closes; one request instead of
// several saves a round trip on a slow mobile connection, and the server a session check, a request
// and (for pushes) a commit each: at the end of a shift, when everyone syncs at once, that is most of
// its work.

/** How long a part waits for others: the replications' first pulls come within about 10 ms. */
const BATCH_WINDOW_MS = 10;

interface Waiting<Part, Answer> {
  part: Part;
  resolve: (answer: Answer) => void;
  reject: (error: unknown) => void;
}

export interface BatchOptions {
  /** How long the first part waits for others. */
  windowMs?: number;
  /**
   * At most one call of `send` at a time: parts asked while one is out wait for its answer and go
   * in the next. The server then sees the parts in the order they were asked, even across requests.
   */
  oneAtATime?: boolean;
}

/**
 * A function that gathers the parts asked within `windowMs` of the first and sends them with one
 * call of `send`, which answers one answer per part in the order given. When the call fails, every
 * part in it fails with that error, as each would have on its own.
 */
export function batchByCollection<Part extends { collection: string }, Answer>(
  send: (parts: Part[]) => Promise<Answer[]>,
  { windowMs = BATCH_WINDOW_MS, oneAtATime = false }: BatchOptions = {},
): (part: Part) => Promise<Answer> {
  let waiting: Waiting<Part, Answer>[] = [];
  let scheduled = false;
  let sending = false;

  function schedule(delayMs: number): void {
    if (scheduled) return;
    scheduled = true;
    setTimeout(flush, delayMs);
  }

  function flush(): void {
    scheduled = false;
    if (oneAtATime && sending) return; // sent once the request out is answered
    // A request names each collection once: a second part for one waits for the next request.
    const asked = new Set<string>();
    const now: Waiting<Part, Answer>[] = [];
    const later: Waiting<Part, Answer>[] = [];
    for (const waiter of waiting) {
      (asked.has(waiter.part.collection) ? later : now).push(waiter);
      asked.add(waiter.part.collection);
    }
    waiting = later;
    if (now.length === 0) return;
    sending = true;
    send(now.map((waiter) => waiter.part))
      .then(
        (answers) => {
          for (const [index, waiter] of now.entries()) {
            const answer = answers[index];
            if (answer === undefined)
              waiter.reject(new Error(`the server answered nothing for ${waiter.part.collection}`));
            else waiter.resolve(answer);
          }
        },
        (error: unknown) => {
          for (const waiter of now) waiter.reject(error);
        },
      )
      .finally(() => {
        sending = false;
        if (oneAtATime && waiting.length > 0) schedule(0);
      });
    if (!oneAtATime && later.length > 0) schedule(0);
  }

  return (part) =>
    new Promise<Answer>((resolve, reject) => {
      waiting.push({ part, resolve, reject });
      schedule(windowMs);
    });
}
