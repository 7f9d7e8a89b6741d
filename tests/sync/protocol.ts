// Messages between the test's main thread (the server, the network with its faults, the model) and
// the device workers (each one RxDB database with the app's own store, merge and replication code).
// Everything here crosses a worker boundary, so it is plain data only.
import type { SyncReceipt } from '../../src/app/sync/journal';
import type { AnyDocument, MergedCollection, Review, User } from '../../src/domain/schemas';

/** A record as the shared schemas see it (`_deleted` included), with RxDB's `_meta`/`_rev` removed. */
export type Doc = Record<string, unknown> & { id: string; _deleted: boolean };

/**
 * How an edit writes: a notes token after the text there ('append') or instead of it ('replace');
 * 'undo' puts back what the field held before this device's last edit of it (a user correcting a
 * slip), or edits as 'append' when the device has not edited it yet.
 */
export type NoteMode = 'append' | 'replace' | 'undo';

/**
 * What a device is asked to do. `pick` chooses a record among those the device can act on, sorted by
 * id (pick modulo their number), so the same operation list picks the same records again on a rerun.
 * `uid` makes the value written unique (phone 139 + uid, note token ⟦uid⟧, ...).
 */
export type DeviceCommand =
  | {
      op: 'open';
      dbName: string;
      user: User;
      token: string;
      online: boolean;
      retryTimeMs: number;
      pullBatchSize?: number;
      pushBatchSize?: number;
    }
  | { op: 'edit'; collection: MergedCollection; field: string; pick: number; uid: number; mode: NoteMode }
  | { op: 'recordVisit'; elderPick: number; schedulePick: number | null; uid: number }
  | { op: 'delete'; collection: MergedCollection; pick: number }
  | { op: 'resolve'; pick: number; keep: 'kept' | 'other' }
  /** Writes a record straight into RxDB and the outbox, past the app's validation. */
  | { op: 'insertRaw'; collection: MergedCollection; doc: AnyDocument }
  /**
   * The device goes offline or online, and the app gets the browser's `offline` or `online` event
   * (online, it runs "Sync now"). `sync`: instead of the event, "Sync now" runs in the same tick and
   * answers its outcome, so no retry slips in between.
   */
  | { op: 'setOnline'; online: boolean; sync?: boolean; timeoutMs?: number }
  /** How many requests the app has tried to send, those failing at once with no network included. */
  | { op: 'requestsTried' }
  | { op: 'sync'; timeoutMs: number }
  /**
   * "Sync now" asked twice in one tick, as when the signal drops and comes back while a run is
   * going: the second answer is the run after the first. Answers both outcomes.
   */
  | { op: 'syncTwice'; timeoutMs: number }
  /** The server's change stream says "changed": the device pulls in the background (not awaited). */
  | { op: 'poke' }
  | { op: 'settle'; timeoutMs: number }
  /** Resolves once every pull started so far is written to the device (or skipped by RxDB). */
  | { op: 'awaitPulls' }
  | { op: 'snapshot' }
  /** The app is closed and opened again: sync stops, the database closes, both start again. */
  | { op: 'restart' }
  | { op: 'close' };

/** Sent with every command: the device's clock for the writes and merges that follow. */
export interface CommandMessage {
  type: 'command';
  id: number;
  now: string;
  command: DeviceCommand;
}

export type CommandResult = { type: 'result'; id: number; ok: true; value: unknown } | CommandFailure;
export interface CommandFailure {
  type: 'result';
  id: number;
  ok: false;
  error: string;
}

/** A request the device's API client sends; the main thread is the network. */
export interface HttpRequestMessage {
  type: 'http';
  id: number;
  method: string;
  path: string;
  authorization: string | null;
  body: string | null;
}

/** `failed`: the request never got an answer (network down, lost, server restarted). */
export type HttpAnswer = { failed: true } | { failed: false; status: number; body: string };
export type HttpResponseMessage = { type: 'http-answer'; id: number } & HttpAnswer;

/**
 * Handled at once, beside the command queue: whether the phone has a signal. Without one, requests
 * fail although the device believes it is online (it still runs "Sync now", which fails).
 */
export interface SignalMessage {
  type: 'signal';
  up: boolean;
}

export type WorkerMessage = CommandResult | HttpRequestMessage;
export type MainMessage = CommandMessage | HttpResponseMessage | SignalMessage;

/** What a device did to one record: its state before (null for a new record) and after. */
export interface RecordChange {
  collection: MergedCollection;
  id: string;
  before: Doc | null;
  after: Doc;
}

export type ActionResult = { applied: false; reason: string } | { applied: true; changes: RecordChange[] };

export interface ResolveResult {
  applied: boolean;
  reason?: string;
  review?: Review;
  changes: RecordChange[];
}

export type SyncOutcome = { ok: true; receipt: SyncReceipt; requests: number } | { ok: false; error: string };

export interface SettleOutcome {
  settled: boolean;
  /** When not settled: what was still busy, and the last sync error. */
  detail?: string;
}

export interface DeviceSnapshot {
  elders: Doc[];
  schedules: Doc[];
  visits: Doc[];
  reviews: Doc[];
  setaside: Record<string, unknown>[];
  outbox: Record<string, unknown>[];
  lastError: string | null;
  /** What the app shows as "last sync". */
  lastSyncedAt: string | null;
}
