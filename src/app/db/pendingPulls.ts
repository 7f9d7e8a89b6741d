// Pulls the sync has to make again (src/app/sync/pullRewind.ts), one per collection, kept in the
// device's database beside the other things it derives, so that they outlast closing the app.
import type { CollectionName } from '../../domain/schemas';
import type { PendingPull, PendingPullStore } from '../sync/pullRewind';
import type { TanfangDatabase } from './database';

const keyOf = (collection: CollectionName) => `pull-again:${collection}`;

/** The stores of these collections, all read with one request as sync starts. */
export function pendingPullStores(
  db: TanfangDatabase,
  collections: readonly CollectionName[],
): (collection: CollectionName) => PendingPullStore {
  const saved = db.digest.findByIds(collections.map(keyOf)).exec();
  return (collection) => ({
    async load() {
      const entry = (await saved).get(keyOf(collection));
      return entry === undefined ? null : (entry.toMutableJSON().value as unknown as PendingPull);
    },
    async save(pending) {
      if (pending === null) await db.digest.bulkRemove([keyOf(collection)]);
      else await db.digest.upsert({ key: keyOf(collection), value: { from: pending.from } });
    },
  });
}
