// What replication needs from the server, as an interface: the HTTP client is one implementation,
// tests can supply an in-memory one.
import type { Checkpoint, PullResponse, PushRow } from '../../domain/api';
import type { AnyDocument, CollectionName } from '../../domain/schemas';
import { STREAM_EVENT_CHANGED } from '../../domain/stream';
import type { ApiClient } from '../api/client';

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
  return {
    pull: (collection, checkpoint, limit) => api.pull(collection, checkpoint, limit),
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
