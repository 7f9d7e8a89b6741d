// The states of records this device has pushed and the server has not yet confirmed.
// Why: when a push's answer is lost and the app is closed before it retries, RxDB no longer knows
// the server took that state. It pushes the next state against the older base, and the server
// answers with a conflict whose "server copy" is the device's own earlier push. Merged against the
// older base, that copy looked like someone else's edit: an item the worker took out of a set came
// back, and the worker's own values went on the review list. Knowing it sent that copy, the device
// merges on top of it instead (see conflicts.ts), also when others have edited on top of it.
// Kept in IndexedDB, so it survives the restart. The hashing loads with the first push.
import type { AnyDocument, CollectionName } from '../../domain/schemas';
import type { TanfangDatabase } from './database';

function entryKey(collection: CollectionName, id: string, print: string): string {
  return `${collection}:${id}:${print}`;
}

/** Notes the states about to be pushed; call before the request goes out. */
export async function noteSent(
  db: TanfangDatabase,
  collection: CollectionName,
  states: readonly AnyDocument[],
): Promise<void> {
  if (states.length === 0) return;
  const { fingerprint } = await import('../../domain/fingerprint');
  await db.sent.bulkUpsert(
    states.map((state) => ({
      key: entryKey(collection, state.id, fingerprint(state)),
      collectionName: collection,
      docId: state.id,
      doc: { ...state },
    })),
  );
}

/**
 * Forgets every state sent for these records: the server has just accepted a state of each, so no
 * earlier one is its copy any more, and pushes of one collection go one at a time.
 */
export async function forgetSent(
  db: TanfangDatabase,
  collection: CollectionName,
  ids: readonly string[],
): Promise<void> {
  if (ids.length === 0) return;
  const entries = await db.sent.find({ selector: { docId: { $in: [...ids] } } }).exec();
  const mine = entries.filter((entry) => entry.collectionName === collection);
  if (mine.length > 0) await db.sent.bulkRemove(mine.map((entry) => entry.key));
}

/** The states of this record this device pushed and has not heard were taken, latest first. */
export async function sentStates<T extends AnyDocument>(
  db: TanfangDatabase,
  collection: CollectionName,
  id: string,
): Promise<T[]> {
  const entries = await db.sent.find({ selector: { docId: id } }).exec();
  return entries
    .filter((entry) => entry.collectionName === collection)
    .map((entry) => entry.toMutableJSON().doc as unknown as T)
    .sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0));
}
