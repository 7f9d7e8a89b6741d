// When the sync tries a failed request again (src/app/sync/retry.ts): later after each failure in a
// row, up to a cap, from the start again after a success, and never while the device is offline.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Backoff, MAX_DOUBLINGS, retryDelay } from '../../src/app/sync/retry';

const FIRST_MS = 1_000;
const HOUR_MS = 3_600_000;

describe('the wait before a failed request is tried again', () => {
  it('doubles after each failure in a row, up to 64 times the first wait', () => {
    const waits = Array.from({ length: 9 }, (_, i) => retryDelay(i + 1, FIRST_MS, 0));
    expect(waits).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 64_000, 64_000, 64_000]);
    expect(2 ** MAX_DOUBLINGS).toBe(64);
  });

  it('takes up to half off at random, so that up to the cap a wait is never shorter than the one before', () => {
    for (let failures = 2; failures <= MAX_DOUBLINGS + 1; failures++) {
      const shortest = retryDelay(failures, FIRST_MS, 0.999_999);
      expect(shortest).toBeGreaterThanOrEqual(retryDelay(failures - 1, FIRST_MS, 0) - 1);
    }
    for (let failures = MAX_DOUBLINGS + 2; failures <= 20; failures++) {
      expect(retryDelay(failures, FIRST_MS, 0.999_999)).toBeGreaterThan(32_000 - 1);
      expect(retryDelay(failures, FIRST_MS, 0)).toBe(64_000);
    }
  });

  it('is none before any failure', () => {
    expect(retryDelay(0, FIRST_MS, 0.5)).toBe(0);
  });
});

describe('requests waiting their turn', () => {
  let online = true;
  let stopped = new AbortController();
  let backoff: Backoff;
  /** When each request went (fake time, ms from the start). */
  let sent: number[] = [];
  let start = 0;

  beforeEach(() => {
    vi.useFakeTimers();
    online = true;
    stopped = new AbortController();
    sent = [];
    start = Date.now();
    backoff = new Backoff({
      firstMs: FIRST_MS,
      isOnline: () => online,
      stopped: stopped.signal,
      random: () => 0,
    });
  });
  afterEach(() => {
    stopped.abort();
    vi.useRealTimers();
  });

  /** A request that fails (no answer) or succeeds, and notes when it went. */
  const request = (fails: boolean) => async () => {
    sent.push(Date.now() - start);
    if (fails) throw new TypeError('fetch failed');
    return 'answer';
  };

  /** Tries the request again as RxDB does, until it succeeds or `tries` ran out. */
  async function retried(fails: (attempt: number) => boolean, tries: number): Promise<void> {
    for (let attempt = 0; attempt < tries; attempt++) {
      const outcome = await backoff.attempt(request(fails(attempt))).then(
        () => 'ok',
        () => 'failed',
      );
      if (outcome === 'ok') return;
    }
  }

  it('sends the first try at once and each try after a failure later than the one before', async () => {
    const done = retried(() => true, 9);
    await vi.advanceTimersByTimeAsync(10 * 64_000);
    await done;
    const gaps = sent.slice(1).map((at, i) => at - (sent[i] as number));
    expect(sent[0]).toBe(0);
    expect(gaps).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 64_000, 64_000]);
  });

  it('starts again from the first wait after a success', async () => {
    const done = retried((attempt) => attempt !== 4, 5);
    await vi.advanceTimersByTimeAsync(20_000);
    await done;
    expect(sent).toHaveLength(5); // four failures, then the success after waiting 8 s
    const afterSuccess = retried(() => true, 2);
    await vi.advanceTimersByTimeAsync(5_000);
    await afterSuccess;
    const [failedAt, retriedAt] = sent.slice(5);
    expect((retriedAt as number) - (failedAt as number)).toBe(FIRST_MS);
  });

  it('counts requests that failed together (the parts of one request) as one failure', async () => {
    const together = Promise.all([retried(() => true, 2), retried(() => true, 2), retried(() => true, 2)]);
    await vi.advanceTimersByTimeAsync(5_000);
    await together;
    // Three first tries at 0, then three second tries together after the first wait, not the third.
    expect(sent).toEqual([0, 0, 0, FIRST_MS, FIRST_MS, FIRST_MS]);
  });

  it('sends nothing while the device is offline, however long, and goes when the signal is back', async () => {
    online = false;
    const done = retried(() => false, 1);
    await vi.advanceTimersByTimeAsync(HOUR_MS);
    expect(sent).toEqual([]);
    backoff.wake(); // "Sync now" with no network: still nothing
    await vi.advanceTimersByTimeAsync(HOUR_MS);
    expect(sent).toEqual([]);
    online = true;
    backoff.wake(); // the `online` event
    await done;
    expect(sent).toEqual([2 * HOUR_MS]);
  });

  it('stops waiting after failures as soon as it is woken ("Sync now", the signal back)', async () => {
    const done = retried((attempt) => attempt < 5, 6);
    await vi.advanceTimersByTimeAsync(1_000 + 2_000 + 4_000 + 8_000);
    expect(sent).toHaveLength(5); // the next try is due 16 s after the fifth
    await vi.advanceTimersByTimeAsync(3_000);
    backoff.wake();
    await done;
    expect(sent.at(-1)).toBe((sent.at(-2) as number) + 3_000);
  });

  it('sends a request that fails after "Sync now" was asked during it again at once, without reporting it', async () => {
    let answer: (fails: boolean) => void = () => undefined;
    const outOnTheNetwork = () => {
      sent.push(Date.now() - start);
      return new Promise<string>((resolve, reject) => {
        answer = (fails) => (fails ? reject(new TypeError('fetch failed')) : resolve('answer'));
      });
    };
    await expect(backoff.attempt(request(true))).rejects.toThrow('fetch failed');
    await vi.advanceTimersByTimeAsync(FIRST_MS);
    const outcome = backoff.attempt(outOnTheNetwork);
    await vi.advanceTimersByTimeAsync(0);
    backoff.wake();
    answer(true); // the answer to the request sent before "Sync now": the connection was down
    await vi.advanceTimersByTimeAsync(0);
    answer(false); // sent again at once, after "Sync now"
    await expect(outcome).resolves.toBe('answer');
    expect(sent).toEqual([0, FIRST_MS, FIRST_MS]);
  });

  it('sends nothing once sync has stopped, and ends the waits', async () => {
    online = false;
    const waiting = backoff.attempt(request(false));
    stopped.abort();
    await expect(waiting).rejects.toThrow('sync stopped');
    await expect(backoff.attempt(request(false))).rejects.toThrow('sync stopped');
    expect(sent).toEqual([]);
  });

  it('pauses a loop of its own for its time online, and offline until woken with the signal back', async () => {
    let paused = false;
    const online5s = backoff.pause(5_000).then(() => {
      paused = true;
    });
    await vi.advanceTimersByTimeAsync(4_999);
    expect(paused).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await online5s;

    online = false;
    paused = false;
    const offline = backoff.pause(5_000).then(() => {
      paused = true;
    });
    await vi.advanceTimersByTimeAsync(HOUR_MS);
    expect(paused).toBe(false);
    online = true;
    backoff.wake();
    await offline;
  });
});
