// What replication needs from the server, as an interface: the HTTP client is one implementation,
// tests can supply an in-memory one.
import type { Checkpoint, PullPart, PullResponse, PushPart, PushPartAnswer, PushRow } from '../../domain/api';
import type { AnyDocument, CollectionName } from '../../domain/schemas';
import { STREAM_EVENT_CHANGED } from '../../domain/stream';
import { type ApiClient, ApiRequestError } from '../api/client';
import { batchByCollection } from './batcher';

export interface SyncTransport {
  pull<T extends AnyDocument>(
    collection: CollectionName,
    checkpoint: Checkpoint | null,
    limit: number,
  ): Promise<PullResponse<T>>;
  /**
   * Resolves with the server's copies of the conflicting rows. A push asked after another reaches the
   * server no earlier than it: in the same request (which the server applies visits first) or a
   * later one. visitsFirst.ts counts on that order.
   */
  push<T extends AnyDocument>(collection: CollectionName, rows: PushRow<T>[]): Promise<T[]>;
  /** Calls `onOpen` once connected and `onChanged` whenever the server has news; returns when the stream ends. */
  watchChanges(handlers: { onOpen: () => void; onChanged: () => void }, signal: AbortSignal): Promise<void>;
}

export function httpTransport(api: ApiClient): SyncTransport {
  // Pulls asked together (a sync starts one per collection) go to the server as one request; so do
  // pushes (a visit recorded, and the planned visit it closes). Pushes go one request at a time, so
  // the server sees them in the order they were asked (visitsFirst.ts counts on it).
  const pull = batchByCollection<PullPart, PullResponse>((parts) => api.pullBatch(parts));
  const push = batchByCollection<PushPart, PushPartAnswer>((parts) => api.pushBatch(parts), {
    oneAtATime: true,
  });
  return {
    // The page is the server's answer for this collection, whose documents are of its type.
    pull: <T extends AnyDocument>(collection: CollectionName, checkpoint: Checkpoint | null, limit: number) =>
      pull({ collection, checkpoint, limit }) as Promise<PullResponse<T>>,
    // A part refused fails as the push of that collection alone would have, with the same error.
    push: async <T extends AnyDocument>(collection: CollectionName, rows: PushRow<T>[]) => {
      const answer = await push({ collection, rows });
      if ('error' in answer) throw new ApiRequestError(answer.status, answer.error);
      return answer.conflicts as T[];
    },
    async watchChanges({ onOpen, onChanged }, signal) {
      let opened = false;
      await api.readChangeStream((name) => {
        if (!opened) {
          opened = true;
          onOpen();
        }
        if (name === STREAM_EVENT_CHANGED) onChanged();
      }, signal);
    },
  };
}
