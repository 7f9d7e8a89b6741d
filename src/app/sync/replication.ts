// Keeps the device's database and the server in step with RxDB's generic replication: one
// replication per collection, pulled again whenever the server's change stream says so, when the
// signal comes back, and on "Sync now". Everything lives in the controller this returns.
import { type RxReplicationState, replicateRxCollection } from 'rxdb/plugins/replication';
import { BehaviorSubject, type Observable, Subject } from 'rxjs';
import type { Checkpoint } from '../../domain/api';
import type { AnyDocument, CollectionName } from '../../domain/schemas';
import { ApiRequestError } from '../api/client';
import type { TanfangDatabase } from '../db/database';
import { confirmPushed } from '../db/store';
import type { SyncTransport } from './transport';

export interface SyncStatus {
  online: boolean;
  syncing: boolean;
  lastSyncedAt: string | null;
  lastError: string | null;
}

export interface SyncController {
  status$: Observable<SyncStatus>;
  /** Pulls and pushes everything now; resolves when the device and the server agree. */
  syncNow(): Promise<void>;
  stop(): Promise<void>;
}

export interface SyncOptions {
  db: TanfangDatabase;
  transport: SyncTransport;
  /** Distinguishes replications to different servers or users in the same database. */
  identifier: string;
  onUnauthorized?: () => void;
  lastSyncedAt?: string | null;
  onSynced?: (at: string) => void;
  isOnline?: () => boolean;
  pullBatchSize?: number;
  pushBatchSize?: number;
}

const PUSHED: readonly CollectionName[] = ['elders', 'schedules', 'visits'];
const PULL_ONLY: readonly CollectionName[] = ['users'];
const RECONNECT_DELAYS_MS = [1_000, 2_000, 5_000, 10_000, 30_000];

export function startSync(options: SyncOptions): SyncController {
  const { db, transport } = options;
  const isOnline = options.isOnline ?? (() => globalThis.navigator?.onLine ?? true);
  const status = new BehaviorSubject<SyncStatus>({
    online: isOnline(),
    syncing: false,
    lastSyncedAt: options.lastSyncedAt ?? null,
    lastError: null,
  });
  const update = (patch: Partial<SyncStatus>) => status.next({ ...status.value, ...patch });
  const pullTrigger = new Subject<'RESYNC'>();
  const stopped = new AbortController();

  const replications = [...PUSHED, ...PULL_ONLY].map((name) => {
    const collection = db[name];
    const state: RxReplicationState<AnyDocument, Checkpoint> = replicateRxCollection<AnyDocument, Checkpoint>(
      {
        // biome-ignore lint/suspicious/noExplicitAny: the collections differ in document type; the handlers below are per collection.
        collection: collection as any,
        replicationIdentifier: `tanfang-${options.identifier}-${name}`,
        live: true,
        retryTime: 5_000,
        waitForLeadership: true,
        pull: {
          batchSize: options.pullBatchSize ?? 200,
          stream$: pullTrigger.asObservable(),
          handler: async (checkpoint, batchSize) => {
            const page = await transport.pull(name, checkpoint ?? null, batchSize);
            return { documents: page.documents, checkpoint: page.checkpoint ?? checkpoint };
          },
        },
        push: PUSHED.includes(name)
          ? {
              batchSize: options.pushBatchSize ?? 100,
              handler: async (rows) => {
                const conflicts = await transport.push(name, rows);
                // Until per-field merging exists, the server's copy wins a conflict, so every
                // pushed state has been dealt with and is no longer waiting.
                await confirmPushed(
                  db,
                  name,
                  rows.map((row) => row.newDocumentState),
                );
                return conflicts;
              },
            }
          : undefined,
      },
    );
    state.error$.subscribe((error) => {
      const cause = findApiError(error);
      if (cause?.isUnauthorized) options.onUnauthorized?.();
      update({ lastError: cause?.message ?? error.message });
    });
    return state;
  });

  async function syncNow(): Promise<void> {
    if (!isOnline()) {
      update({ online: false });
      throw new Error('offline');
    }
    update({ syncing: true, online: true, lastError: null });
    try {
      for (const replication of replications) replication.reSync();
      const failure = new Promise<never>((_, reject) => {
        const subs = replications.map((r) =>
          r.error$.subscribe((error) => {
            for (const s of subs) s.unsubscribe();
            reject(findApiError(error) ?? error);
          }),
        );
      });
      await Promise.race([Promise.all(replications.map((r) => r.awaitInSync())), failure]);
      const at = new Date().toISOString();
      update({ lastSyncedAt: at, lastError: null });
      options.onSynced?.(at);
    } finally {
      update({ syncing: false });
    }
  }

  const onOnline = () => {
    update({ online: true });
    syncNow().catch(() => undefined);
  };
  const onOffline = () => update({ online: false });
  globalThis.addEventListener?.('online', onOnline);
  globalThis.addEventListener?.('offline', onOffline);

  void watchServerChanges(transport, stopped.signal, () => pullTrigger.next('RESYNC'));
  syncNow().catch(() => undefined);

  return {
    status$: status.asObservable(),
    syncNow,
    async stop() {
      stopped.abort();
      globalThis.removeEventListener?.('online', onOnline);
      globalThis.removeEventListener?.('offline', onOffline);
      await Promise.all(replications.map((r) => r.cancel()));
      status.complete();
    },
  };
}

/** Listens to the server's change stream for as long as sync runs, reconnecting with back-off. */
async function watchServerChanges(
  transport: SyncTransport,
  signal: AbortSignal,
  pull: () => void,
): Promise<void> {
  let attempt = 0;
  while (!signal.aborted) {
    try {
      await transport.watchChanges(
        {
          onOpen: () => {
            attempt = 0;
            pull();
          },
          onChanged: pull,
        },
        signal,
      );
    } catch {
      // Offline or the server restarted: wait and try again.
    }
    if (signal.aborted) return;
    const delay = RECONNECT_DELAYS_MS[Math.min(attempt, RECONNECT_DELAYS_MS.length - 1)] ?? 30_000;
    attempt += 1;
    await waitForRetry(delay, signal);
  }
}

/** Resolves after `ms`, or as soon as the signal comes back or sync stops. */
function waitForRetry(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      globalThis.removeEventListener?.('online', done);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    globalThis.addEventListener?.('online', done);
    signal.addEventListener('abort', done);
  });
}

function findApiError(error: unknown): ApiRequestError | null {
  // RxDB wraps handler errors; the original is kept in `parameters.errors` or `cause`.
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current; depth++) {
    if (current instanceof ApiRequestError) return current;
    const wrapped = current as { parameters?: { errors?: unknown[]; error?: unknown }; cause?: unknown };
    current = wrapped.parameters?.errors?.[0] ?? wrapped.parameters?.error ?? wrapped.cause;
  }
  return null;
}
