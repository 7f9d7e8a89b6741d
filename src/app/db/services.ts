// Opens a signed-in person's database and starts syncing it. Loaded on demand (a separate chunk):
// RxDB and Dexie are most of the app's JavaScript, and Today can be drawn from its snapshot before
// they are even parsed.
import type { ApiClient } from '../api/client';
import type { Session } from '../session';
import { SyncJournal, type SyncReceipt } from '../sync/journal';
import { startSync } from '../sync/replication';
import { httpTransport } from '../sync/transport';
import { databaseNameFor, openDatabase } from './database';
import type { AppServices } from './hooks';
import { keepLastVisits } from './lastVisits';
import { nextTask } from './nextTask';
import { deviceStorage } from './storage';
import { keepTodaySnapshot } from './todaySnapshotKeeper';

export interface ServiceCallbacks {
  onSynced: (receipt: SyncReceipt, receipts: readonly SyncReceipt[]) => void;
  onInSync: (at: string) => void;
  onUnauthorized: () => void;
}

export async function openServices(
  session: Session,
  api: ApiClient,
  callbacks: ServiceCallbacks,
): Promise<AppServices> {
  const journal = new SyncJournal();
  const db = await openDatabase({
    name: databaseNameFor(session.user.id),
    storage: deviceStorage(),
    conflicts: { actorId: session.user.id, journal },
  });
  await nextTask();
  const sync = startSync({
    db,
    journal,
    transport: httpTransport(api),
    identifier: session.user.id,
    lastSyncedAt: session.lastSyncedAt,
    lastReceipt: session.lastReceipt ?? null,
    // A session from before the history kept only the last receipt.
    receipts: session.receipts ?? (session.lastReceipt ? [session.lastReceipt] : []),
    onSynced: callbacks.onSynced,
    onInSync: callbacks.onInSync,
    onUnauthorized: callbacks.onUnauthorized,
  });
  await nextTask();
  const lastVisits = keepLastVisits(db);
  const todaySnapshot = keepTodaySnapshot(db, lastVisits, session.user.id);
  const stop = async () => {
    todaySnapshot.stop();
    lastVisits.stop();
    await sync.stop();
  };
  return {
    db,
    session,
    sync,
    lastVisits,
    close: async () => {
      await stop();
      if (!db.closed) await db.close();
    },
    remove: async () => {
      await stop();
      await db.remove();
    },
  };
}
