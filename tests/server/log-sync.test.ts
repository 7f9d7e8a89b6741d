// LogSync decides when the commits noted so far are on disk. The file's sync is the edge here: each
// test holds it open and ends it by hand, so what waits for which sync can be seen.
import { describe, expect, it } from 'vitest';
import { LogSync } from '../../src/server/store/log-sync';
import { watch } from '../support/watch';

/** A sync of the log that finishes only when the test says. */
class HeldSyncs {
  readonly started: Array<{ finish(): void; fail(error: Error): void }> = [];
  readonly run = () =>
    new Promise<void>((resolve, reject) => {
      this.started.push({ finish: resolve, fail: reject });
    });

  latest() {
    const sync = this.started.at(-1);
    if (sync === undefined) throw new Error('no sync has started');
    return sync;
  }
}

/** A LogSync whose file syncs finish only when the test says. */
function heldLog(onFailure: (error: unknown) => void = () => {}) {
  const syncs = new HeldSyncs();
  return { syncs, log: new LogSync(syncs.run, onFailure) };
}

/** Lets every settled promise's callbacks run. */
const callbacksRun = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('LogSync', () => {
  it('answers at once, with no sync, when no commit is waiting', async () => {
    const { syncs, log } = heldLog();

    await log.whenDurable();

    expect(syncs.started).toHaveLength(0);
  });

  it('holds a wait after a commit until a sync started after that commit has finished', async () => {
    const { syncs, log } = heldLog();

    log.noteCommit();
    const wait = watch(log.whenDurable());
    await callbacksRun();
    expect(syncs.started).toHaveLength(1);
    expect(wait.settled).toBe(false);

    syncs.latest().finish();
    await callbacksRun();
    expect(wait).toEqual({ settled: true, error: undefined });
    await log.whenDurable(); // nothing new since: at once
    expect(syncs.started).toHaveLength(1);
  });

  it('makes a commit noted while a sync runs wait for the next sync, not that one', async () => {
    const { syncs, log } = heldLog();
    log.noteCommit();
    const first = watch(log.whenDurable());

    log.noteCommit(); // after the first sync started: it may not be in what that sync wrote
    const second = watch(log.whenDurable());
    syncs.latest().finish();
    await callbacksRun();

    expect(first.settled).toBe(true);
    expect(second.settled).toBe(false);
    expect(syncs.started).toHaveLength(2);
    syncs.latest().finish();
    await callbacksRun();
    expect(second.settled).toBe(true);
  });

  it('covers every commit that waited during a sync with one more sync', async () => {
    const { syncs, log } = heldLog();
    log.noteCommit();
    const running = watch(log.whenDurable());
    const waiting = Array.from({ length: 5 }, () => {
      log.noteCommit();
      return watch(log.whenDurable());
    });

    syncs.latest().finish();
    await callbacksRun();
    syncs.latest().finish();
    await callbacksRun();

    expect([running, ...waiting].every((wait) => wait.settled && wait.error === undefined)).toBe(true);
    expect(syncs.started).toHaveLength(2);
  });

  it('fails every wait, then and later, once a sync has failed, and says so once', async () => {
    const failures: unknown[] = [];
    const { syncs, log } = heldLog((error) => failures.push(error));
    log.noteCommit();
    const waits = [watch(log.whenDurable()), watch(log.whenDurable())];

    const diskError = new Error('EIO: i/o error, fdatasync');
    syncs.latest().fail(diskError);
    await callbacksRun();

    expect(waits).toEqual([
      { settled: true, error: diskError },
      { settled: true, error: diskError },
    ]);
    expect(failures).toEqual([diskError]);
    // Even with nothing new committed: what the failed sync should have written is not known to be on disk.
    await expect(log.whenDurable()).rejects.toBe(diskError);
    expect(syncs.started).toHaveLength(1);
  });
});
