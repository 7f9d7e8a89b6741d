// Keeps the device's database and the server in step with RxDB's generic replication: one
// replication per collection, pulled again whenever the server's change stream says so, when the
// signal comes back, and on "Sync now". A failed request is tried again later and later, and not at
// all while the device is offline (retry.ts). Everything lives in the controller this returns.
import { type RxReplicationState, replicateRxCollection } from 'rxdb/plugins/replication';
import { BehaviorSubject, combineLatest, filter, map, merge, type Observable, pairwise, Subject } from 'rxjs';
import { type Checkpoint, MAX_PULL_LIMIT, type PushRow } from '../../domain/api';
import type { AnyDocument, CollectionName } from '../../domain/schemas';
import type { TanfangDatabase } from '../db/database';
import { pendingPullStores } from '../db/pendingPulls';
import { forgetSent, noteSent } from '../db/sent';
import { clearOutbox, clearOutboxWhereServerHolds, setAside } from '../db/store';
import { findApiError, syncFailureOf } from './failure';
import type { SyncCounts, SyncFailure, SyncJournal, SyncReceipt } from './journal';
import { PullRewind } from './pullRewind';
import { type PushOutcome, pushIsolatingRefusals } from './push';
import { keepReceipt } from './receipts';
import { Backoff } from './retry';
import type { SyncTransport } from './transport';
import {
  eldersBeforeTheirRecords,
  RecordsBeingPushed,
  retryClosingsJudgedTooEarly,
  visitsBeforeTheirClosings,
  volunteersBeforeTheirPairings,
} from './visitsFirst';

export interface SyncStatus {
  online: boolean;
  syncing: boolean;
  lastSyncedAt: string | null;
  lastError: string | null;
  /** Records up and down so far in the current run of "Sync now". */
  progress: SyncCounts;
  lastReceipt: SyncReceipt | null;
  /** The receipts kept on the device, newest first (receipts.ts: the shift's work stays in view). */
  receipts: readonly SyncReceipt[];
}

export interface SyncController {
  status$: Observable<SyncStatus>;
  /** Pulls and pushes everything now; resolves with the receipt when the device and the server agree. */
  syncNow(): Promise<SyncReceipt>;
  stop(): Promise<void>;
}

export interface SyncOptions {
  db: TanfangDatabase;
  transport: SyncTransport;
  /** Counts for the receipt; the same journal the database's conflict handlers write to. */
  journal: SyncJournal;
  /** Distinguishes replications to different servers or users in the same database. */
  identifier: string;
  onUnauthorized?: () => void;
  lastSyncedAt?: string | null;
  lastReceipt?: SyncReceipt | null;
  receipts?: readonly SyncReceipt[];
  /** A run ended: its receipt, and the receipts to keep (with it). */
  onSynced?: (receipt: SyncReceipt, receipts: readonly SyncReceipt[]) => void;
  /** The device and the server agree again without a run of "Sync now" (a pull the stream asked for, a change pushed as made). */
  onInSync?: (at: string) => void;
  isOnline?: () => boolean;
  pullBatchSize?: number;
  pushBatchSize?: number;
  /**
   * How long a failed pull or push waits before it is tried again (1 s), doubled after each further
   * failure in a row up to 64 times as long (retry.ts); tests shorten it.
   */
  retryTimeMs?: number;
}

/** One batch up: refused rows set aside, accepted ones off the outbox; returns RxDB's conflicts. */
async function pushBatch(
  { db, transport, journal }: SyncOptions,
  { visits, elders, volunteers }: BeingPushed,
  name: CollectionName,
  rows: PushRow<AnyDocument>[],
): Promise<AnyDocument[]> {
  await noteSent(
    db,
    name,
    rows.map((row) => row.newDocumentState),
  );
  // Right before the push, so a record joins the request its new elder, a closing its visits, or a
  // pairing its new volunteers, wait in.
  if (name === 'elders') await volunteersBeforeTheirPairings(db, volunteers, rows);
  else if (name !== 'volunteers') await eldersBeforeTheirRecords(db, elders, rows);
  if (name === 'schedules') await visitsBeforeTheirClosings(db, visits, rows);
  const ids = rows.map((row) => row.newDocumentState.id);
  const tracked = name === 'visits' || name === 'elders' || name === 'volunteers' ? name : null;
  const handedOver = tracked === null ? null : { visits, elders, volunteers }[tracked].handOver(ids);
  let result: PushOutcome;
  try {
    result = await pushIsolatingRefusals(transport, name, rows);
  } finally {
    handedOver?.();
  }
  if (name === 'schedules') retryClosingsJudgedTooEarly(visits, result);
  for (const refusal of result.refused) {
    journal.markRefused(name, refusal.row.newDocumentState.id);
    await setAside(db, name, refusal.row.newDocumentState, refusal.reason);
  }
  await clearOutbox(
    db,
    name,
    result.accepted.map((row) => row.newDocumentState),
  );
  await forgetSent(
    db,
    name,
    [...result.accepted, ...result.refused.map((r) => r.row)].map((row) => row.newDocumentState.id),
  );
  journal.count('sent', result.accepted.length, name);
  journal.count('refused', result.refused.length, name);
  return result.conflicts;
}

/** The records whose push is with the transport, of the collections others wait for. */
interface BeingPushed {
  visits: RecordsBeingPushed;
  elders: RecordsBeingPushed;
  volunteers: RecordsBeingPushed;
}

// Volunteers first: the elders paired with a new one wait for it (volunteersBeforeTheirPairings).
const PUSHED: readonly CollectionName[] = ['volunteers', 'elders', 'schedules', 'visits', 'reviews'];
const PULL_ONLY: readonly CollectionName[] = ['users'];
const RECONNECT_DELAYS_MS = [1_000, 2_000, 5_000, 10_000, 30_000];

export function startSync(options: SyncOptions): SyncController {
  const { db, transport, journal } = options;
  const isOnline = options.isOnline ?? (() => globalThis.navigator?.onLine ?? true);
  const status = new BehaviorSubject<SyncStatus>({
    online: isOnline(),
    syncing: false,
    lastSyncedAt: options.lastSyncedAt ?? null,
    lastError: null,
    progress: journal.counts,
    lastReceipt: options.lastReceipt ?? null,
    receipts: options.receipts ?? [],
  });
  const update = (patch: Partial<SyncStatus>) => status.next({ ...status.value, ...patch });
  const pullTrigger = new Subject<'RESYNC'>();
  const stopped = new AbortController();
  const stopCounting = journal.onChange((progress) => update({ progress }));
  // Every request of this controller waits its turn here: later after each failure, never offline.
  const backoff = new Backoff({ firstMs: options.retryTimeMs ?? 1_000, isOnline, stopped: stopped.signal });

  // Only a collection the device pushes can have a page to pull again.
  const pendingPullStore = pendingPullStores(db, PUSHED);
  const beingPushed: BeingPushed = {
    visits: new RecordsBeingPushed(),
    elders: new RecordsBeingPushed(),
    volunteers: new RecordsBeingPushed(),
  };
  // A database opened with an earlier release's collections (the update's tests) syncs those it has.
  const synced = [...PUSHED, ...PULL_ONLY].filter((name) => name in db.collections);
  const replications = synced.map((name) => {
    const collection = db[name];
    const pullAgain = new Subject<'RESYNC'>();
    const rewind = new PullRewind(
      () => pullAgain.next('RESYNC'),
      PUSHED.includes(name) ? pendingPullStore(name) : undefined,
    );
    const state: RxReplicationState<AnyDocument, Checkpoint> = replicateRxCollection<AnyDocument, Checkpoint>(
      {
        // biome-ignore lint/suspicious/noExplicitAny: the collections differ in document type; the handlers below are per collection.
        collection: collection as any,
        replicationIdentifier: `tanfang-${options.identifier}-${name}`,
        live: true,
        // RxDB calls a failed handler again after retryTime, always the same: the handlers wait for
        // their turn themselves (backoff), so RxDB's own wait is as short as it allows.
        retryTime: 1,
        waitForLeadership: true,
        pull: {
          // The largest page the server gives: each page is a few IndexedDB transactions per
          // collection, and on a first sync fewer, larger ones take less time (docs/benchmarks.md).
          batchSize: options.pullBatchSize ?? MAX_PULL_LIMIT,
          stream$: merge(pullTrigger, pullAgain),
          handler: (checkpoint, batchSize) =>
            backoff.attempt(async () => {
              const from = await rewind.startFrom(checkpoint ?? null);
              const page = await transport.pull(name, from, batchSize);
              const landed = await rewind.pulled(from, page.documents);
              // RxDB writes the page in its downstream queue: once the queue as it stands has run.
              // A failure to forget the pending pull only costs that pull once more.
              if (landed !== undefined) {
                void downstreamQueue(state)
                  .then(() => (state.isStopped() ? undefined : landed()))
                  .catch(() => undefined);
              }
              await clearOutboxWhereServerHolds(db, name, page.documents);
              // RxDB takes a page with fewer documents than it asked for as the last: a page the
              // server cut by its size asks for the next at once.
              if (page.more) pullAgain.next('RESYNC');
              return { documents: page.documents, checkpoint: page.checkpoint ?? checkpoint };
            }),
        },
        push: PUSHED.includes(name)
          ? {
              batchSize: options.pushBatchSize ?? 100,
              handler: (rows) =>
                backoff.attempt(async () => {
                  const settled = rewind.pushStarted(rows.map((row) => row.newDocumentState));
                  try {
                    const conflicts = await pushBatch(options, beingPushed, name, rows);
                    // RxDB runs every push, and writes what it makes of the answer, in its upstream
                    // queue: once the queue as it stands now has run, this push is settled.
                    void upstreamQueue(state).then(settled, settled);
                    return conflicts;
                  } catch (error) {
                    // No answer: RxDB tries again later, as a push of its own.
                    settled();
                    throw error;
                  }
                }),
            }
          : undefined,
      },
    );
    // RxDB reports each record a pull wrote to the device; not the device's own changes coming back
    // unchanged. Counted once per written batch rather than per record: every count redraws the bar.
    let received = 0;
    state.received$.subscribe(() => {
      if (received++ > 0) return;
      queueMicrotask(() => {
        journal.count('received', received, name);
        received = 0;
      });
    });
    state.error$.subscribe((error) => {
      const cause = findApiError(error);
      if (cause?.isUnauthorized) options.onUnauthorized?.();
      update({ lastError: cause?.message ?? error.message });
    });
    return state;
  });

  // One run at a time. Asking while a run is going gets one more run right after it (later askers
  // join that one): the run going may have pulled already, before what the asker wants to see
  // reached the server, and the run started by startSync pulls nothing of its own at all (its
  // reSync() comes before the replications have started).
  let running: Promise<SyncReceipt> | null = null;
  let following: Promise<SyncReceipt> | null = null;
  // When the runs counted in the journal began: a run that follows one counts on from it.
  let countingSince: string | null = null;
  function syncNow(): Promise<SyncReceipt> {
    // Asked for: requests waiting after failures go now (the run going may be waiting on them).
    backoff.wake();
    return startOrJoin(false);
  }
  function startOrJoin(continuing: boolean): Promise<SyncReceipt> {
    if (running === null) {
      running = runSync(continuing).finally(() => {
        running = null;
      });
      return running;
    }
    following ??= running
      .then(
        () => undefined,
        () => undefined,
      )
      .then(() => {
        following = null;
        return startOrJoin(true);
      });
    return following;
  }

  /**
   * One run, until device and server agree. A run asked for while another was going (the signal
   * dropped and came back mid-run) counts on from that one: its receipt, the one the Sync screen
   * shows, covers both, so the visits the run before it sent do not show as 0 sent.
   */
  async function runSync(continuing: boolean): Promise<SyncReceipt> {
    if (!isOnline()) {
      countingSince = null;
      update({ online: false });
      throw new Error('offline');
    }
    // Not reset here: what went up as it was made (pushed live since the last receipt) belongs in
    // this run's receipt, or a shift's visits would show as 0 sent. The journal is reset when a
    // receipt has taken its counts.
    const carried = continuing ? countingSince : null;
    const startedAt = carried ?? new Date().toISOString();
    countingSince = startedAt;
    update({ syncing: true, online: true, lastError: null });
    let error: SyncFailure | null = null;
    try {
      for (const replication of replications) replication.reSync();
      const failure = new Promise<never>((_, reject) => {
        const subs = replications.map((r) =>
          r.error$.subscribe((e) => {
            for (const s of subs) s.unsubscribe();
            reject(findApiError(e) ?? e);
          }),
        );
      });
      await Promise.race([Promise.all(replications.map((r) => r.awaitInSync())), failure]);
    } catch (e) {
      error = syncFailureOf(e);
    }
    const receipt: SyncReceipt = {
      ...journal.receiptCounts,
      startedAt,
      finishedAt: new Date().toISOString(),
      error,
    };
    // A run asked for during this one counts on from it: its receipt covers both.
    if (following === null) journal.reset();
    const receipts = keepReceipt(status.value.receipts, receipt);
    update({
      syncing: false,
      lastReceipt: receipt,
      receipts,
      lastError: error,
      ...(error === null && { lastSyncedAt: receipt.finishedAt }),
    });
    options.onSynced?.(receipt, receipts);
    if (error !== null) throw new Error(error);
    return receipt;
  }

  const onOnline = () => {
    update({ online: true });
    syncNow().catch(() => undefined);
  };
  const onOffline = () => update({ online: false });
  // Coming back to the app (from the phone's home screen or another app) is a good moment to sync.
  const onVisible = () => {
    if (globalThis.document?.visibilityState === 'visible' && isOnline() && !status.value.syncing) {
      syncNow().catch(() => undefined);
    }
  };
  globalThis.addEventListener?.('online', onOnline);
  globalThis.addEventListener?.('offline', onOffline);
  globalThis.document?.addEventListener('visibilitychange', onVisible);

  // Every replication idle again, with the signal up, is the device and the server agreeing: RxDB
  // retries a failed pull or push for as long as it fails, staying busy. A run of "Sync now" dates
  // its own receipt.
  const inSync = combineLatest(replications.map((r) => r.active$))
    .pipe(
      map((active) => active.some(Boolean)),
      pairwise(),
      filter(([wasBusy, busy]) => wasBusy && !busy),
    )
    .subscribe(() => {
      if (status.value.syncing || stopped.signal.aborted || !isOnline()) return;
      const at = new Date().toISOString();
      update({ lastSyncedAt: at, lastError: null });
      options.onInSync?.(at);
    });

  void watchServerChanges(transport, stopped.signal, backoff, () => pullTrigger.next('RESYNC'));
  syncNow().catch(() => undefined);

  return {
    status$: status.asObservable(),
    syncNow,
    async stop() {
      stopped.abort();
      globalThis.removeEventListener?.('online', onOnline);
      globalThis.removeEventListener?.('offline', onOffline);
      globalThis.document?.removeEventListener('visibilitychange', onVisible);
      stopCounting();
      inSync.unsubscribe();
      await Promise.all(replications.map((r) => r.cancel()));
      status.complete();
    },
  };
}

/**
 * Listens to the server's change stream for as long as sync runs, reconnecting with back-off, and
 * not while offline. The stream opening again shows the server within reach: requests waiting
 * after failures go at once.
 */
async function watchServerChanges(
  transport: SyncTransport,
  signal: AbortSignal,
  backoff: Backoff,
  pull: () => void,
): Promise<void> {
  let attempt = 0;
  while (!signal.aborted) {
    try {
      await transport.watchChanges(
        {
          onOpen: () => {
            attempt = 0;
            backoff.wake();
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
    await backoff.pause(delay);
  }
}

/** RxDB's upstream queue (internal, typed in its public declarations): pushes and their conflicts. */
function upstreamQueue(state: RxReplicationState<AnyDocument, Checkpoint>): Promise<unknown> {
  return state.internalReplicationState?.streamQueue.up ?? Promise.resolve();
}

/** RxDB's downstream queue: pulls and the writing of their pages. */
function downstreamQueue(state: RxReplicationState<AnyDocument, Checkpoint>): Promise<unknown> {
  return state.internalReplicationState?.streamQueue.down ?? Promise.resolve();
}
