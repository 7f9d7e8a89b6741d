import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { batchPulls } from '../../src/app/sync/pullBatcher';
import type { PullPart, PullResponse } from '../../src/domain/api';

const WINDOW_MS = 10;

/** A server stand-in that answers each part with a page naming it, and records every call. */
function recordingServer() {
  const calls: PullPart[][] = [];
  const send = async (parts: PullPart[]): Promise<PullResponse[]> => {
    calls.push(parts);
    return parts.map((part) => ({
      documents: [],
      checkpoint: { seq: part.limit, id: `${part.collection}-page` },
    }));
  };
  return { calls, send };
}

const part = (collection: PullPart['collection'], limit = 100): PullPart => ({
  collection,
  checkpoint: null,
  limit,
});

describe('batching pulls', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('sends the pulls asked within the window as one request, and gives each its own page', async () => {
    const server = recordingServer();
    const pull = batchPulls(server.send, WINDOW_MS);

    const elders = pull(part('elders', 1));
    await vi.advanceTimersByTimeAsync(WINDOW_MS - 1);
    const visits = pull(part('visits', 2));
    await vi.advanceTimersByTimeAsync(1);

    expect(server.calls).toEqual([[part('elders', 1), part('visits', 2)]]);
    await expect(elders).resolves.toEqual({ documents: [], checkpoint: { seq: 1, id: 'elders-page' } });
    await expect(visits).resolves.toEqual({ documents: [], checkpoint: { seq: 2, id: 'visits-page' } });
  });

  it('waits the window before sending, and sends a pull asked later in a request of its own', async () => {
    const server = recordingServer();
    const pull = batchPulls(server.send, WINDOW_MS);

    const first = pull(part('elders'));
    await vi.advanceTimersByTimeAsync(WINDOW_MS - 1);
    expect(server.calls).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    await first;
    const second = pull(part('users'));
    await vi.advanceTimersByTimeAsync(WINDOW_MS);
    await second;

    expect(server.calls).toEqual([[part('elders')], [part('users')]]);
  });

  it('puts a second pull of the same collection in the next request, since a request names each once', async () => {
    const server = recordingServer();
    const pull = batchPulls(server.send, WINDOW_MS);

    const pages = Promise.all([pull(part('visits', 1)), pull(part('elders')), pull(part('visits', 2))]);
    await vi.advanceTimersByTimeAsync(WINDOW_MS);
    expect(server.calls).toEqual([[part('visits', 1), part('elders')]]);
    await vi.runAllTimersAsync();
    const [firstVisits, , secondVisits] = await pages;

    expect(server.calls).toEqual([[part('visits', 1), part('elders')], [part('visits', 2)]]);
    expect(firstVisits.checkpoint?.seq).toBe(1);
    expect(secondVisits.checkpoint?.seq).toBe(2);
  });

  it('fails every pull of a request that fails, and the next request is sent as usual', async () => {
    let fail = true;
    const send = async (parts: PullPart[]): Promise<PullResponse[]> => {
      if (fail) throw new Error('network unreachable');
      return parts.map(() => ({ documents: [], checkpoint: null }));
    };
    const pull = batchPulls(send, WINDOW_MS);

    const failed = [pull(part('elders')), pull(part('visits'))].map((p) =>
      p.then(
        () => 'answered',
        (error: Error) => error.message,
      ),
    );
    await vi.advanceTimersByTimeAsync(WINDOW_MS);
    fail = false;
    const retried = pull(part('elders'));
    await vi.advanceTimersByTimeAsync(WINDOW_MS);

    expect(await Promise.all(failed)).toEqual(['network unreachable', 'network unreachable']);
    await expect(retried).resolves.toEqual({ documents: [], checkpoint: null });
  });

  it('fails a pull the answer has no page for, rather than leaving it waiting', async () => {
    const pull = batchPulls(async () => [{ documents: [], checkpoint: null }], WINDOW_MS);

    const answered = pull(part('elders'));
    const missing = pull(part('visits')).catch((error: Error) => error.message);
    await vi.advanceTimersByTimeAsync(WINDOW_MS);

    await expect(answered).resolves.toEqual({ documents: [], checkpoint: null });
    expect(await missing).toBe('the server answered no page for visits');
  });
});
