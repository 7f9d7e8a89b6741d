// RxDB's conflict handlers: when the server answers a push with its own, different copy, the
// device merges field by field with the shared rules (src/domain/merge.ts). Clashes become review
// entries; the merged record is pushed on the next cycle.
import type { RxConflictHandler, WithDeleted } from 'rxdb/plugins/core';
import { deepEqual } from 'rxdb/plugins/utils';
import type { MergeContext } from '../../domain/merge';
import type { DocumentTypes, MergedCollection, Review } from '../../domain/schemas';
import type { TanfangDatabase } from '../db/database';
import { sentStates } from '../db/sent';
import { displayNames, dropFromOutbox, noteInOutbox, saveReviews } from '../db/store';
import type { SyncJournal } from './journal';

export interface ConflictOptions {
  actorId: string;
  journal: SyncJournal;
  now?: () => Date;
}

async function mergeContext(db: TanfangDatabase, options: ConflictOptions): Promise<MergeContext> {
  return {
    now: (options.now?.() ?? new Date()).toISOString(),
    actorId: options.actorId,
    nameOf: await displayNames(db),
  };
}

export function recordConflictHandler<C extends MergedCollection>(
  collection: C,
  db: () => TanfangDatabase,
  options: ConflictOptions,
): RxConflictHandler<DocumentTypes[C]> {
  type Doc = DocumentTypes[C];
  return {
    isEqual: (a, b) => deepEqual(a, b),
    async resolve({ newDocumentState, assumedMasterState, realMasterState }) {
      const database = db();
      const mine = newDocumentState as Doc;
      const theirs = realMasterState as Doc;
      if (options.journal.takeRefused(collection, mine.id)) {
        // The server refused this state: it is kept in the set-aside list, the record goes back
        // to the server's copy and is no longer waiting.
        await dropFromOutbox(database, collection, mine.id);
        return realMasterState;
      }
      // Loaded on the first conflict: the merge rules and schemas stay off the app's first load.
      const { descendsFrom, mergeRecord } = await import('../../domain/merge');
      const context = await mergeContext(database, options);
      // The server's copy may be this device's own earlier push whose answer was lost (sent.ts), or
      // a record others made from it: mine was made on top of that push, so it is the base.
      const assumed = (assumedMasterState as Doc | undefined) ?? null;
      const sent = await sentStates<Doc>(database, collection, mine.id);
      const pushed = sent.find((state) => descendsFrom(collection, theirs, state, assumed));
      const base = pushed ?? assumed;
      const { merged, reviews } = mergeRecord(collection, base, mine, theirs, context);
      if (!deepEqual(pushed, theirs)) options.journal.countMerged(collection, mine.id);
      if (reviews.length > 0) options.journal.count('review', await saveReviews(database, reviews));
      if (deepEqual(merged, theirs)) await dropFromOutbox(database, collection, mine.id);
      else await noteInOutbox(database, collection, merged);
      return merged as WithDeleted<Doc>;
    },
  };
}

export function reviewConflictHandler(
  db: () => TanfangDatabase,
  options: ConflictOptions,
): RxConflictHandler<Review> {
  return {
    isEqual: (a, b) => deepEqual(a, b),
    async resolve({ newDocumentState, assumedMasterState, realMasterState }) {
      const database = db();
      const { mergeReview } = await import('../../domain/merge');
      const context = await mergeContext(database, options);
      const merged = mergeReview(assumedMasterState ?? null, newDocumentState, realMasterState, context);
      if (deepEqual(merged, realMasterState)) await dropFromOutbox(database, 'reviews', merged.id);
      else await noteInOutbox(database, 'reviews', merged);
      return merged;
    },
  };
}
