// A pull page the server cut by its size holds fewer records than asked for, which RxDB would take
// as the last page: the sync asks for the next at once, and the device gets every record.
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type TanfangDatabase } from '../../src/app/db/database';
import { SyncJournal } from '../../src/app/sync/journal';
import { startSync } from '../../src/app/sync/replication';
import type { SyncTransport } from '../../src/app/sync/transport';
import type { Checkpoint, PullResponse } from '../../src/domain/api';
import type { AnyDocument, CollectionName, Elder } from '../../src/domain/schemas';
import { makeElder, WORKER_ID } from '../support/fixtures';

let db: TanfangDatabase | undefined;
afterEach(async () => {
  await db?.remove();
  db = undefined;
});

/** A server holding `elders`, whose pages stop after `perPage` of them and say there is more. */
function serverCuttingPages(elders: readonly Elder[], perPage: number) {
  const pulls: (Checkpoint | null)[] = [];
  const transport: SyncTransport = {
    async pull<T extends AnyDocument>(collection: CollectionName, checkpoint: Checkpoint | null) {
      if (collection !== 'elders') return { documents: [], checkpoint: null } as PullResponse<T>;
      pulls.push(checkpoint);
      const from = checkpoint === null ? 0 : checkpoint.seq;
      const documents = elders.slice(from, from + perPage);
      const last = from + documents.length;
      const page: PullResponse<T> = {
        documents: documents as unknown as T[],
        checkpoint: documents.length === 0 ? checkpoint : { seq: last, id: elders[last - 1]?.id ?? '' },
      };
      return last < elders.length ? { ...page, more: true } : page;
    },
    push: async () => [],
    watchChanges: () => new Promise(() => undefined),
  };
  return { transport, pulls };
}

describe('a pull page cut by its size', () => {
  it('is followed by the next page at once, until the device holds every record', async () => {
    db = await openDatabase({
      name: `cut_${process.pid}`,
      storage: getRxStorageMemory(),
      multiInstance: false,
    });
    const elders = Array.from({ length: 7 }, () => makeElder());
    const { transport, pulls } = serverCuttingPages(elders, 3);
    const sync = startSync({
      db,
      journal: new SyncJournal(),
      transport,
      identifier: WORKER_ID,
      isOnline: () => true,
      onUnauthorized: () => undefined,
    });
    try {
      await sync.syncNow();
      await expect.poll(async () => (await db?.elders.find().exec())?.length, { timeout: 5_000 }).toBe(7);
      expect(pulls.map((checkpoint) => checkpoint?.seq ?? 0)).toEqual(expect.arrayContaining([0, 3, 6]));
    } finally {
      await sync.stop();
    }
  });
});
