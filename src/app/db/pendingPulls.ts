// Pulls the sync has to make again (src/app/sync/pullRewind.ts), one per collection, kept in the
// device's database beside the other things it derives, so that they outlast closing the app.
import type { CollectionName } from '../../domain/schemas';
import type { PendingPull, PendingPullStore } from '../sync/pullRewind';
import type { TanfangDatabase } from './database';

const keyOf = (collection: CollectionName) => `pull-again:${collection}`;

export function pendingPullStore(db: TanfangDatabase, collection: CollectionName): PendingPullStore {
  return {
    async load() {
      const entry = await db.digest.findOne(keyOf(collection)).exec();
      return entry === null ? null : (entry.toMutableJSON().value as unknown as PendingPull);
    },
    async save(pending) {
      if (pending === null) await db.digest.bulkRemove([keyOf(collection)]);
      else await db.digest.upsert({ key: keyOf(collection), value: { from: pending.from } });
    },
  };
}
