// A session the server has ended (a new password, a disabled account) signs the person out at the
// next sync: RxDB hands the sync a plain copy of the transport's error, and the 401 must survive it.
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiRequestError } from '../../src/app/api/client';
import { openDatabase, type TanfangDatabase } from '../../src/app/db/database';
import { SyncJournal } from '../../src/app/sync/journal';
import { startSync } from '../../src/app/sync/replication';
import type { SyncTransport } from '../../src/app/sync/transport';
import { WORKER_ID } from '../support/fixtures';

let db: TanfangDatabase | undefined;
afterEach(async () => {
  await db?.remove();
  db = undefined;
});

/** A server that answers every request with `status`. */
function refusingTransport(status: number): SyncTransport {
  const refuse = () =>
    Promise.reject(new ApiRequestError(status, { error: 'unauthorized', message: 'sign in again' }));
  return { pull: refuse, push: refuse, watchChanges: () => new Promise(() => undefined) };
}

async function syncAgainst(status: number) {
  db = await openDatabase({
    name: `unauthorized_${process.pid}_${status}`,
    storage: getRxStorageMemory(),
    multiInstance: false,
  });
  let signedOut = 0;
  const sync = startSync({
    db,
    journal: new SyncJournal(),
    transport: refusingTransport(status),
    identifier: WORKER_ID,
    isOnline: () => true,
    onUnauthorized: () => {
      signedOut += 1;
    },
  });
  const error = await sync.syncNow().then(
    () => null,
    (e: unknown) => e,
  );
  await sync.stop();
  return { signedOut, error };
}

describe('a sync the server refuses', () => {
  it('signs the person out when the session has ended (401)', async () => {
    const { signedOut, error } = await syncAgainst(401);
    expect(error).toBeInstanceOf(Error);
    expect(signedOut).toBeGreaterThan(0);
  });

  it('keeps the person signed in when the server fails otherwise (500)', async () => {
    const { signedOut, error } = await syncAgainst(500);
    expect(error).toBeInstanceOf(Error);
    expect(signedOut).toBe(0);
  });
});
