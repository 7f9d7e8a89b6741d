import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { STREAM_EVENT_CHANGED, STREAM_EVENT_READY } from '../../src/domain/api';
import { relayChanges } from '../../src/server/store/change-relay';
import { ChangeNotifier } from '../../src/server/sync/change-notifier';
import { makeSchedule, makeVisit, twoTowns } from '../support/fixtures';
import { TestServer } from '../support/server';
import { create, databases, listen, postgresCopy, startTestServer } from '../support/test-servers';

const fixture = twoTowns();
const { coordinatorA, workerA1, workerA2, workerB1 } = fixture.users;

/** Reads a server-sent event stream block by block ("event: x\ndata: y" or ": comment"). */
class StreamReader {
  readonly #reader: ReadableStreamDefaultReader<Uint8Array>;
  readonly #decoder = new TextDecoder();
  #buffer = '';

  constructor(body: ReadableStream<Uint8Array>) {
    this.#reader = body.getReader();
  }

  /** Hangs up, as a device does when it goes offline or closes the app. */
  cancel(): Promise<void> {
    return this.#reader.cancel();
  }

  /** The next block, raw. */
  async next(): Promise<string> {
    for (;;) {
      const end = this.#buffer.indexOf('\n\n');
      if (end >= 0) {
        const block = this.#buffer.slice(0, end);
        this.#buffer = this.#buffer.slice(end + 2);
        return block;
      }
      const { value, done } = await this.#reader.read();
      if (done) throw new Error('the stream ended');
      this.#buffer += this.#decoder.decode(value, { stream: true });
    }
  }

  /** The next event (comments skipped) as name and parsed data. */
  async nextEvent(): Promise<{ event: string; data: unknown }> {
    for (;;) {
      const block = await this.next();
      const event = /^event: (.*)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1];
      if (event !== undefined) return { event, data: data === undefined ? undefined : JSON.parse(data) };
    }
  }
}

async function openStream(base: string, token: string, signal: AbortSignal): Promise<StreamReader> {
  const response = await fetch(`${base}/api/sync/stream`, {
    headers: { Authorization: `Bearer ${token}` },
    signal,
  });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/event-stream');
  if (response.body === null) throw new Error('no body');
  const reader = new StreamReader(response.body);
  expect(await reader.nextEvent()).toEqual({ event: STREAM_EVENT_READY, data: {} });
  return reader;
}

/** Pushes a new visit of elder a1 through the HTTP server at `base`, as the app does. */
async function pushVisitOverHttp(base: string, token: string): Promise<void> {
  const push = await fetch(`${base}/api/sync/visits/push`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify([create(makeVisit(fixture.elders.a1))]),
  });
  expect(push.status).toBe(200);
}

async function expectVisitsChanged(stream: StreamReader): Promise<void> {
  expect(await stream.nextEvent()).toEqual({
    event: STREAM_EVENT_CHANGED,
    data: { collections: ['visits'] },
  });
}

describe.each(databases)('the change stream ($name)', (database) => {
  it('announces a committed push to a listening device', async () => {
    const server = await startTestServer(database, fixture);
    const base = await listen(server);
    const token = await server.login(workerA1);
    const disconnect = new AbortController();
    onTestFinished(() => disconnect.abort());
    const stream = await openStream(base, token, disconnect.signal);

    await pushVisitOverHttp(base, token);
    await expectVisitsChanged(stream);
  });

  it('says nothing about changes in towns the listener does not belong to', async () => {
    const server = await startTestServer(database, fixture);
    const base = await listen(server);
    const disconnect = new AbortController();
    onTestFinished(() => disconnect.abort());
    const stream = await openStream(base, await server.login(workerA1), disconnect.signal);

    // First a change in the other town, then one in the listener's: the first event must be the second.
    await server.push(await server.login(workerB1), 'schedules', [create(makeSchedule(fixture.elders.b1))]);
    await server.push(await server.login(workerA1), 'visits', [create(makeVisit(fixture.elders.a1))]);
    expect(await stream.nextEvent()).toEqual({
      event: STREAM_EVENT_CHANGED,
      data: { collections: ['visits'] },
    });
  });

  it("says nothing to a worker about a colleague's work in the same town, but tells the coordinator", async () => {
    const server = await startTestServer(database, fixture);
    const base = await listen(server);
    const disconnect = new AbortController();
    onTestFinished(() => disconnect.abort());
    const worker = await openStream(base, await server.login(workerA1), disconnect.signal);
    const coordinator = await openStream(base, await server.login(coordinatorA), disconnect.signal);

    // First worker a2's visit of their own elder, then a coordinator's plan for a1's elder: the
    // first event worker a1 hears of must be the second.
    const a2 = await server.login(workerA2);
    expect((await server.push(a2, 'visits', [create(makeVisit(fixture.elders.a2))])).body).toEqual([]);
    const plan = { ...makeSchedule(fixture.elders.a1), updatedBy: coordinatorA.id };
    expect((await server.push(await server.login(coordinatorA), 'schedules', [create(plan)])).body).toEqual(
      [],
    );

    expect(await worker.nextEvent()).toEqual({
      event: STREAM_EVENT_CHANGED,
      data: { collections: ['schedules'] },
    });
    expect(await coordinator.nextEvent()).toEqual({
      event: STREAM_EVENT_CHANGED,
      data: { collections: ['visits'] },
    });
  });

  it('announces nothing for a push that wrote nothing', async () => {
    const server = await startTestServer(database, fixture);
    const base = await listen(server);
    const token = await server.login(workerA1);
    const disconnect = new AbortController();
    onTestFinished(() => disconnect.abort());
    const stream = await openStream(base, token, disconnect.signal);

    // A retry of the fixture's own visit changes nothing; the schedule push after it does.
    await server.push(token, 'visits', [create(fixture.visits.a1)]);
    await server.push(token, 'schedules', [create(makeSchedule(fixture.elders.a1))]);
    expect(await stream.nextEvent()).toEqual({
      event: STREAM_EVENT_CHANGED,
      data: { collections: ['schedules'] },
    });
  });

  it('sends heartbeat comments and forgets a device that disconnects', async () => {
    const server = await startTestServer(database, fixture, { heartbeatMs: 20 });
    const base = await listen(server);
    const disconnect = new AbortController();
    const stream = await openStream(base, await server.login(workerA1), disconnect.signal);
    expect(server.notifier.listenerCount).toBe(1);
    expect(await stream.next()).toBe(': heartbeat');

    disconnect.abort();
    await vi.waitFor(() => expect(server.notifier.listenerCount).toBe(0));
  });

  it('also streams through app.request, for tests and tools without a socket', async () => {
    const server = await startTestServer(database, fixture);
    const token = await server.login(workerA1);
    const response = await server.app.request('/api/sync/stream', {
      headers: { Authorization: `Bearer ${token}` },
    });
    if (response.body === null) throw new Error('no body');
    const stream = new StreamReader(response.body);
    expect((await stream.nextEvent()).event).toBe(STREAM_EVENT_READY);
    await server.push(token, 'visits', [create(makeVisit(fixture.elders.a1))]);
    expect((await stream.nextEvent()).data).toEqual({ collections: ['visits'] });
    await stream.cancel();
    await vi.waitFor(() => expect(server.notifier.listenerCount).toBe(0));
  });
});

describe('the change stream with several server processes on one PostgreSQL database', () => {
  /** A server process of its own: its own connection pool, notifier, relay and HTTP listener. */
  async function serverProcess(url: string): Promise<{ server: TestServer; base: string }> {
    const notifier = new ChangeNotifier();
    const stopRelay = await relayChanges(notifier, url);
    const server = await TestServer.open({ kind: 'postgres', url }, { notifier });
    onTestFinished(async () => {
      await stopRelay();
      await server.close();
    });
    return { server, base: await listen(server) };
  }

  it('tells a device streaming from one process of a push another process took', async () => {
    const url = await postgresCopy(fixture.dataset);
    const [one, other] = [await serverProcess(url), await serverProcess(url)];
    const disconnect = new AbortController();
    onTestFinished(() => disconnect.abort());
    const stream = await openStream(one.base, await one.server.login(workerA1), disconnect.signal);

    const token = await other.server.login(workerA1);
    await pushVisitOverHttp(other.base, token);
    await expectVisitsChanged(stream);
  });
});
