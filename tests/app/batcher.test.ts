import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { batchByCollection } from '../../src/app/sync/batcher';
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

describe('batching pulls and pushes by collection', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('sends the pulls asked within the window as one request, and gives each its own page', async () => {
    const server = recordingServer();
    const pull = batchByCollection(server.send, { windowMs: WINDOW_MS });

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
    const pull = batchByCollection(server.send, { windowMs: WINDOW_MS });

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
    const pull = batchByCollection(server.send, { windowMs: WINDOW_MS });

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
    const pull = batchByCollection(send, { windowMs: WINDOW_MS });

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
    const pull = batchByCollection(async () => [{ documents: [], checkpoint: null }], {
      windowMs: WINDOW_MS,
    });

    const answered = pull(part('elders'));
    const missing = pull(part('visits')).catch((error: Error) => error.message);
    await vi.advanceTimersByTimeAsync(WINDOW_MS);

    await expect(answered).resolves.toEqual({ documents: [], checkpoint: null });
    expect(await missing).toBe('the server answered nothing for visits');
  });

  it('with one request at a time, holds the parts asked while one is out and sends them together after its answer', async () => {
    const sent: PullPart[][] = [];
    const answers: Array<() => void> = [];
    const send = (parts: PullPart[]) =>
      new Promise<PullResponse[]>((resolve) => {
        sent.push(parts);
        answers.push(() => resolve(parts.map(() => ({ documents: [], checkpoint: null }))));
      });
    const ask = batchByCollection(send, { windowMs: WINDOW_MS, oneAtATime: true });

    const first = ask(part('visits'));
    await vi.advanceTimersByTimeAsync(WINDOW_MS);
    const second = [ask(part('schedules')), ask(part('visits'))];
    await vi.advanceTimersByTimeAsync(WINDOW_MS * 5);
    expect(sent).toEqual([[part('visits')]]);

    answers[0]?.();
    await first;
    await vi.advanceTimersByTimeAsync(0);
    expect(sent).toEqual([[part('visits')], [part('schedules'), part('visits')]]);
    answers[1]?.();
    await expect(Promise.all(second)).resolves.toHaveLength(2);
  });

  it('without that option, sends a request while another is out', async () => {
    const sent: PullPart[][] = [];
    const send = (parts: PullPart[]) =>
      new Promise<PullResponse[]>(() => {
        sent.push(parts);
      });
    const ask = batchByCollection(send, { windowMs: WINDOW_MS });

    void ask(part('visits'));
    await vi.advanceTimersByTimeAsync(WINDOW_MS);
    void ask(part('schedules'));
    await vi.advanceTimersByTimeAsync(WINDOW_MS);

    expect(sent).toEqual([[part('visits')], [part('schedules')]]);
  });
});
