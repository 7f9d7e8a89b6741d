// What the server has answered must survive a power cut, not only a crash of its process
// (tests/sync/server-crash.test.ts). SQLite commits without syncing its write-ahead log, and the
// server syncs the log off the event loop before any answer leaves (src/server/store/log-sync.ts).
// The sync itself (FileHandle.datasync) is held in these tests, so what waits for it can be seen.
import { mkdtempSync, rmSync } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { openDatabase } from '../../src/server/store/database';
import { makeVisit, twoTowns } from '../support/fixtures';
import { create, databases, startTestServer } from '../support/test-servers';
import { watch } from '../support/watch';

const dir = mkdtempSync(join(tmpdir(), 'tanfang-durability-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const fixture = twoTowns();
const { workerA1, coordinatorA } = fixture.users;
const sqlite = databases.find((database) => database.name === 'SQLite');
if (sqlite === undefined) throw new Error('the harness has no SQLite database');

/** Spies on every FileHandle's datasync; while held, the syncs wait for `release`. */
class HeldDatasync {
  calls = 0;
  #held = false;
  #release: () => void = () => {};
  #gate = Promise.resolve();
  failWith: Error | undefined;

  async install(): Promise<void> {
    const probe = await open(join(dir, 'probe'), 'w');
    const prototype = Object.getPrototypeOf(probe) as FileHandle;
    await probe.close();
    const real = prototype.datasync;
    const held = this;
    vi.spyOn(prototype, 'datasync').mockImplementation(function (this: FileHandle) {
      held.calls += 1;
      const failure = held.failWith;
      return held.#gate.then(() => (failure ? Promise.reject(failure) : real.call(this)));
    });
    onTestFinished(() => {
      if (this.#held) this.release(); // so closing the database does not wait for ever
      vi.restoreAllMocks();
    });
  }

  hold(): void {
    this.#held = true;
    this.#gate = new Promise((resolve) => {
      this.#release = resolve;
    });
  }

  release(): void {
    if (!this.#held) throw new Error('not held');
    this.#held = false;
    this.#release();
  }
}

let syncs: HeldDatasync;
beforeEach(async () => {
  syncs = new HeldDatasync();
  await syncs.install();
});

describe('on SQLite', () => {
  it('commits without syncing the log itself, in WAL mode (the server syncs it)', async () => {
    // As the server opens it (src/server/main.ts: checkpoints in the background).
    const database = await openDatabase({
      kind: 'sqlite',
      file: join(dir, 'server.sqlite'),
      backgroundCheckpoints: true,
    });
    onTestFinished(() => database.close());
    const { rows: journal } = await sql<{ journal_mode: string }>`PRAGMA journal_mode`.execute(database.db);
    const { rows: sync } = await sql<{ synchronous: number }>`PRAGMA synchronous`.execute(database.db);
    // 1 is NORMAL: the log synced at checkpoints only, unless someone syncs it (log-sync.ts).
    expect({ journal: journal[0]?.journal_mode, synchronous: sync[0]?.synchronous }).toEqual({
      journal: 'wal',
      synchronous: 1,
    });
  });

  it('answers a push only once the log holding it is synced to disk', async () => {
    const server = await startTestServer(sqlite, fixture);
    const token = await server.login(workerA1);
    const visit = makeVisit(fixture.elders.a1);

    syncs.hold();
    const callsBefore = syncs.calls;
    const answer = watch(server.push(token, 'visits', [create(visit)]));
    await expect.poll(() => syncs.calls).toBeGreaterThan(callsBefore);

    // Committed, but not answered: the sync that covers it has not finished.
    expect(await server.storedRow('visits', visit.id)).toBeDefined();
    expect(answer.settled).toBe(false);
    syncs.release();
    await expect.poll(() => answer.settled).toBe(true);
    expect(answer.value?.status).toBe(200);
    expect(answer.value?.body).toEqual([]);
  });

  it('answers a sign-in only once its session, written outside any transaction, is on disk', async () => {
    const server = await startTestServer(sqlite, fixture);

    syncs.hold();
    const signedIn = watch(server.login(workerA1));
    await expect.poll(() => syncs.calls).toBeGreaterThan(0);
    expect(await server.database.db.selectFrom('sessions').select('user_id').execute()).toEqual([
      { user_id: workerA1.id },
    ]);
    expect(signedIn.settled).toBe(false);

    syncs.release();
    await expect.poll(() => signedIn.settled).toBe(true);
  });

  it('holds a pull that read rows not yet synced until they are', async () => {
    const server = await startTestServer(sqlite, fixture);
    const writer = await server.login(workerA1);
    const reader = await server.login(coordinatorA); // another device of the town, which sees elder A1's visits
    const { checkpoint } = await server.pullAll(reader, 'visits');
    const visit = makeVisit(fixture.elders.a1);

    // A request has done its work once it asks whether what it wrote or read is on disk.
    const durabilityAsked = vi.spyOn(server.repository, 'whenDurable');
    syncs.hold();
    const pushed = watch(server.push(writer, 'visits', [create(visit)]));
    await expect.poll(() => durabilityAsked.mock.calls.length).toBe(1);
    expect(await server.storedRow('visits', visit.id)).toBeDefined();
    const pulled = watch(server.pull(reader, 'visits', { limit: 100, checkpoint }));
    await expect.poll(() => durabilityAsked.mock.calls.length).toBe(2);
    await new Promise((resolve) => setImmediate(resolve)); // an answer that did not wait is in by now
    expect({ pushed: pushed.settled, pulled: pulled.settled }).toEqual({ pushed: false, pulled: false });

    syncs.release();
    await expect.poll(() => pulled.settled && pushed.settled).toBe(true);
    expect(pulled.value?.body.documents.map((doc) => doc.id)).toEqual([visit.id]);
  });

  it('answers a read at once, with no sync, when no commit is waiting', async () => {
    const server = await startTestServer(sqlite, fixture);
    const token = await server.login(workerA1);
    await server.repository.whenDurable(); // the sign-in's session is on disk

    syncs.hold();
    const callsBefore = syncs.calls;
    const page = await server.pull(token, 'elders', { limit: 100 });

    expect(page.status).toBe(200);
    expect(syncs.calls).toBe(callsBefore);
    syncs.release();
  });

  it('answers 500 and takes nothing as stored once the log could not be synced', async () => {
    const failures: unknown[] = [];
    const server = await startTestServer(sqlite, fixture, {}, { onLogSyncFailure: (e) => failures.push(e) });
    const token = await server.login(workerA1);

    syncs.failWith = new Error('EIO: i/o error, fdatasync');
    const answer = await server.push(token, 'visits', [create(makeVisit(fixture.elders.a1))]);

    expect(answer.status).toBe(500);
    expect(failures).toEqual([syncs.failWith]);
    // Nothing later is answered as if it were on disk, even a read.
    expect((await server.pull(token, 'elders', { limit: 100 })).status).toBe(500);
  });
});
