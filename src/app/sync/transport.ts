// What replication needs from the server, as an interface: the HTTP client is one implementation,
// tests can supply an in-memory one.
import type { Checkpoint, PullResponse, PushRow } from '../../domain/api';
import type { AnyDocument, CollectionName } from '../../domain/schemas';
import { STREAM_EVENT_CHANGED } from '../../domain/stream';
import type { ApiClient } from '../api/client';
import { batchPulls } from './pullBatcher';

export interface SyncTransport {
  pull<T extends AnyDocument>(
    collection: CollectionName,
    checkpoint: Checkpoint | null,
    limit: number,
  ): Promise<PullResponse<T>>;
  push<T extends AnyDocument>(collection: CollectionName, rows: PushRow<T>[]): Promise<T[]>;
  /** Calls `onOpen` once connected and `onChanged` whenever the server has news; returns when the stream ends. */
  watchChanges(handlers: { onOpen: () => void; onChanged: () => void }, signal: AbortSignal): Promise<void>;
}

export function httpTransport(api: ApiClient): SyncTransport {
  // Pulls asked together (a sync starts one per collection) go to the server as one request.
  const pull = batchPulls((parts) => api.pullBatch(parts));
  return {
    // The page is the server's answer for this collection, whose documents are of its type.
    pull: <T extends AnyDocument>(collection: CollectionName, checkpoint: Checkpoint | null, limit: number) =>
      pull({ collection, checkpoint, limit }) as Promise<PullResponse<T>>,
    push: (collection, rows) => api.push(collection, rows),
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
