// One device, in its own worker thread (RxDB's free edition opens at most 13 collections per JS
// process; one device opens 7). It runs the app's real code: openDatabase with the merge conflict
// handlers, the store's write functions, startSync with the HTTP transport and API client. Its
// fetch sends each request to the main thread, which plays the network and the server.
import { parentPort } from 'node:worker_threads';
import { gunzipSync } from 'node:zlib';
import { getChangedDocumentsSince, type RxCollection } from 'rxdb/plugins/core';
import { REPLICATION_STATE_BY_COLLECTION } from 'rxdb/plugins/replication';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { createApiClient } from '../../src/app/api/client';
import { openDatabase, type TanfangDatabase } from '../../src/app/db/database';
import {
  deleteRecord,
  InvalidRecordError,
  noteInOutbox,
  recordVisit,
  resolveReview,
  updateRecord,
} from '../../src/app/db/store';
import { SyncJournal } from '../../src/app/sync/journal';
import { type SyncController, startSync } from '../../src/app/sync/replication';
import { httpTransport } from '../../src/app/sync/transport';
import {
  ELDER_CATEGORIES,
  type MergedCollection,
  MISSED_REASONS,
  SAFETY_RISKS,
  SERVICES,
  type User,
  VISIT_MODES,
} from '../../src/domain/schemas';
import type {
  ActionResult,
  DeviceCommand,
  DeviceSnapshot,
  Doc,
  HttpAnswer,
  MainMessage,
  NoteMode,
  RecordChange,
  ResolveResult,
  SettleOutcome,
  SyncOutcome,
  WorkerMessage,
} from './protocol';
import { noteToken, uniqueValue } from './values';

if (!parentPort) throw new Error('client-worker.ts runs as a worker thread');
const port = parentPort;
const send = (message: WorkerMessage) => port.postMessage(message);

const storage = getRxStorageMemory();
const BASE_URL = 'http://tanfang.test';
const SYNCED = ['elders', 'schedules', 'visits', 'reviews', 'users'] as const;

interface Device {
  db: TanfangDatabase;
  sync: SyncController;
  user: User;
  open: Extract<DeviceCommand, { op: 'open' }>;
  lastError: string | null;
  lastSyncedAt: string | null;
}

let device: Device | null = null;
let online = true;
/** False while the signal is gone (the device does not know: isOnline still says `online`). */
let signal = true;
/** The device's clock: set by the main thread with every command (its skew included). */
let clock = new Date(0);
/** Requests sent and not answered yet (the change stream excluded). */
let inFlight = 0;
let nextHttpId = 0;
/** Requests sent since the database opened (for the trace). */
let requestsSent = 0;
/** Requests the app tried to send, those that failed at once for want of a network included. */
let requestsTried = 0;
const waitingAnswers = new Map<number, (answer: HttpAnswer) => void>();

/**
 * The request body as text. The app gzips large bodies (src/app/api/gzipBody.ts); the network here
 * carries, inspects and logs JSON, so they are inflated on the way out. The server's reading of
 * gzip is tested over real HTTP (tests/server/request-compression.test.ts).
 */
function bodyText(body: RequestInit['body'], headers: Headers): string | null {
  if (typeof body === 'string') return body;
  if (body instanceof Uint8Array && headers.get('Content-Encoding') === 'gzip') {
    return gunzipSync(body).toString('utf8');
  }
  return null;
}

/** The device's fetch: no signal fails at once, like a phone in a lift; otherwise the main thread answers. */
async function networkFetch(input: string | URL | Request, init: RequestInit = {}): Promise<Response> {
  const url = new URL(String(input));
  if (url.pathname === '/api/sync/stream') return changeStream(init.signal);
  requestsTried += 1;
  if (!online || !signal) throw new TypeError('fetch failed: no signal');
  const headers = new Headers(init.headers);
  const id = ++nextHttpId;
  inFlight += 1;
  requestsSent += 1;
  try {
    const answer = await new Promise<HttpAnswer>((resolve) => {
      waitingAnswers.set(id, resolve);
      send({
        type: 'http',
        id,
        method: init.method ?? 'GET',
        path: url.pathname + url.search,
        authorization: headers.get('Authorization'),
        body: bodyText(init.body, headers),
      });
    });
    if (answer.failed) throw new TypeError('fetch failed');
    return new Response(answer.body, {
      status: answer.status,
      headers: { 'Content-Type': 'application/json' },
    });
  } finally {
    inFlight -= 1;
  }
}

// The browser's `online` and `offline` events, on the global object as in a page: the app listens
// for them (replication.ts), and 'setOnline' fires them as the browser does.
const windowEvents = new EventTarget();
Object.assign(globalThis, {
  addEventListener: windowEvents.addEventListener.bind(windowEvents),
  removeEventListener: windowEvents.removeEventListener.bind(windowEvents),
});

/** The open change stream, if any: 'poke' writes a `changed` event into it, as the server would. */
let stream: ReadableStreamDefaultController<Uint8Array> | null = null;

/** The server's change stream, played by the device itself: it stays open until sync stops. */
function changeStream(signal: AbortSignal | null | undefined): Response {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      stream = controller;
      signal?.addEventListener(
        'abort',
        () => {
          if (stream === controller) stream = null;
          controller.error(new Error('aborted'));
        },
        { once: true },
      );
    },
  });
  return new Response(body, { status: 200, headers: { 'Content-Type': 'text/event-stream' } });
}

/** The server announces a change: the app pulls in the background, whatever the user is doing. */
function poke(): boolean {
  if (!stream || !online || !signal) return false;
  stream.enqueue(new TextEncoder().encode('event: changed\ndata: {}\n\n'));
  return true;
}

/**
 * The copy of each record the store read last (its findOne): the state the app's write was made on.
 * The model's ledger takes it as "what the device had before writing", so a pull that lands between
 * the harness choosing a record and the store reading it does not count as unseen.
 */
const storeReads = new Map<string, Doc>();

function watchStoreReads(db: TanfangDatabase): void {
  for (const name of ['elders', 'schedules', 'visits'] as const) {
    const collection = db[name] as unknown as { findOne(query: unknown): object };
    const findOne = collection.findOne.bind(collection);
    collection.findOne = (query: unknown) => {
      const rxQuery = findOne(query) as { exec(): Promise<unknown> };
      const exec = async () => {
        const found = (await rxQuery.exec()) as {
          primary: string;
          toMutableJSON(): unknown;
          deleted: boolean;
        } | null;
        if (found) storeReads.set(`${name}:${found.primary}`, plain(found));
        return found;
      };
      return new Proxy(rxQuery, {
        get(target, property) {
          if (property === 'exec') return exec;
          const value = Reflect.get(target, property);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
    };
  }
}

/** The record as the store read it for its write, or `fallback` when it read none. */
function storeBase(collection: MergedCollection, id: string, fallback: Doc): Doc {
  return storeReads.get(`${collection}:${id}`) ?? fallback;
}

function current(): Device {
  if (!device) throw new Error('no database is open on this device');
  return device;
}

async function open(command: Extract<DeviceCommand, { op: 'open' }>, awaitFirstSync = true): Promise<void> {
  online = command.online;
  const journal = new SyncJournal();
  const db = await openDatabase({
    name: command.dbName,
    storage,
    multiInstance: false,
    conflicts: { actorId: command.user.id, journal, now: () => clock },
  });
  watchStoreReads(db);
  const api = createApiClient({ baseUrl: BASE_URL, getToken: () => command.token, fetch: networkFetch });
  const sync = startSync({
    db,
    journal,
    transport: httpTransport(api),
    identifier: command.user.id,
    isOnline: () => online,
    retryTimeMs: command.retryTimeMs,
    ...(command.pullBatchSize !== undefined && { pullBatchSize: command.pullBatchSize }),
    ...(command.pushBatchSize !== undefined && { pushBatchSize: command.pushBatchSize }),
  });
  const opened: Device = { db, sync, user: command.user, open: command, lastError: null, lastSyncedAt: null };
  sync.status$.subscribe((status) => {
    if (status.lastError) opened.lastError = compactError(status.lastError);
    opened.lastSyncedAt = status.lastSyncedAt;
  });
  device = opened;
  // The replications start asynchronously; until they have, they look idle.
  await withTimeout(
    Promise.all(replicationStates(db).map((state) => state.startPromise)).then(() => true),
    20_000,
    () => false,
  );
  // The app's first sync, started by startSync: wait for it when there is a signal.
  if (online && awaitFirstSync) {
    await withTimeout(
      Promise.all(replicationStates(db).map((state) => state.awaitInitialReplication())).then(() => true),
      20_000,
      () => false,
    );
  }
}

async function close(): Promise<void> {
  const closing = device;
  undoable.clear();
  device = null;
  if (!closing) return;
  await closing.sync.stop();
  await closing.db.remove();
}

/** The app is closed and opened again: what was only in memory (the journal, retry loops) is gone. */
async function restart(): Promise<void> {
  const { sync, db, open: command } = current();
  device = null;
  await sync.stop();
  await db.close();
  await open({ ...command, online }, false);
}

// --- Records as the app sees them --------------------------------------------------------------

function plain(doc: { toMutableJSON(): unknown; deleted: boolean }): Doc {
  return { ...(doc.toMutableJSON() as Doc), _deleted: doc.deleted };
}

function strip(stored: Record<string, unknown>): Doc {
  const { _meta, _rev, _attachments, ...doc } = stored;
  return doc as Doc;
}

/** Every stored state of a collection, deleted ones included. */
async function allStored(collection: RxCollection): Promise<Doc[]> {
  const { documents } = await getChangedDocumentsSince(collection.storageInstance, 1_000_000);
  return documents.map((d) => strip(d as Record<string, unknown>)).sort((a, b) => (a.id < b.id ? -1 : 1));
}

/**
 * The live records a user can act on, sorted by id. Only a visit's author edits or deletes it (the
 * server refuses anyone else's correction), so a device picks among its user's own visits.
 */
async function candidates(collection: MergedCollection, filter: (doc: Doc) => boolean = () => true) {
  const { db, user } = current();
  // biome-ignore lint/suspicious/noExplicitAny: the three collections share find().
  const docs: Doc[] = (await (db[collection] as any).find().exec()).map(plain);
  return docs
    .filter((doc) => collection !== 'visits' || doc.workerId === user.id)
    .filter(filter)
    .sort((a, b) => (a.id < b.id ? -1 : 1));
}

function choose<T>(items: readonly T[], pick: number): T | undefined {
  return items.length === 0 ? undefined : items[pick % items.length];
}

function toggled(items: readonly string[], item: string): string[] {
  return items.includes(item) ? items.filter((i) => i !== item) : [...items, item];
}

/** The patch an edit of `field` writes, from the record as the device has it. */
function patchFor(doc: Doc, field: string, uid: number, mode: NoteMode): Record<string, unknown> {
  switch (field) {
    case 'notes':
    case 'note': {
      const text = String(doc[field] ?? '');
      return { [field]: mode === 'replace' || text === '' ? noteToken(uid) : `${text} ${noteToken(uid)}` };
    }
    case 'categories':
      return {
        categories: toggled(
          doc.categories as string[],
          ELDER_CATEGORIES[uid % ELDER_CATEGORIES.length] as string,
        ),
      };
    case 'services':
      return { services: toggled(doc.services as string[], SERVICES[uid % SERVICES.length] as string) };
    case 'safetyRisks':
      return {
        safetyRisks: toggled(doc.safetyRisks as string[], SAFETY_RISKS[uid % SAFETY_RISKS.length] as string),
      };
    case 'capability':
      // Three values, the fixture's first, so edits repeat each other's values as often as a tier's did.
      return { capability: (['mild', 'moderate', 'severe'] as const)[uid % 3] };
    case 'mode':
      return { mode: VISIT_MODES[uid % VISIT_MODES.length] };
    case 'status': {
      const status = (['missed', 'cancelled', 'planned'] as const)[uid % 3];
      return {
        status,
        missedReason: status === 'missed' ? MISSED_REASONS[uid % MISSED_REASONS.length] : null,
      };
    }
    case 'endedAt':
      // A valid period: after the start as the device has it.
      return {
        endedAt: new Date(Date.parse(String(doc.startedAt)) + ((uid % 97) + 1) * 60_000 + uid).toISOString(),
      };
    case 'startedAt':
      return {
        startedAt: new Date(Date.parse(String(doc.endedAt)) - ((uid % 97) + 1) * 60_000 - uid).toISOString(),
      };
    default:
      return { [field]: uniqueValue(field, uid) };
  }
}

function refused(error: unknown): ActionResult {
  if (error instanceof InvalidRecordError)
    return { applied: false, reason: `refused on the device: ${error.message}` };
  throw error;
}

async function edit(command: Extract<DeviceCommand, { op: 'edit' }>): Promise<ActionResult> {
  const { db, user } = current();
  const doc = choose(await candidates(command.collection), command.pick);
  if (!doc) return { applied: false, reason: `no ${command.collection} on the device` };
  const undoKey = `${command.collection}:${doc.id}:${command.field}`;
  const undo = command.mode === 'undo' ? undoable.get(undoKey) : undefined;
  const patch =
    undo ?? patchFor(doc, command.field, command.uid, command.mode === 'replace' ? 'replace' : 'append');
  storeReads.delete(`${command.collection}:${doc.id}`);
  try {
    await updateRecord(db, command.collection, user.id, doc.id, patch as never, clock);
  } catch (error) {
    return refused(error);
  }
  // What the device meant: the patch on the copy the store edited (the store may have merged it
  // with a pull that landed meanwhile; whether that kept everything is what the model checks).
  const base = storeBase(command.collection, doc.id, doc);
  undoable.set(undoKey, Object.fromEntries(Object.keys(patch).map((key) => [key, base[key]])));
  return {
    applied: true,
    changes: [{ collection: command.collection, id: doc.id, before: base, after: { ...base, ...patch } }],
  };
}

/** Per record and field, what this device's last edit of it replaced: what an 'undo' puts back. */
const undoable = new Map<string, Record<string, unknown>>();

async function visit(command: Extract<DeviceCommand, { op: 'recordVisit' }>): Promise<ActionResult> {
  const { db, user } = current();
  const elder = choose(await candidates('elders'), command.elderPick);
  if (!elder) return { applied: false, reason: 'no elder on the device' };
  const planned =
    command.schedulePick === null
      ? undefined
      : choose(await candidates('schedules', (s) => s.elderId === elder.id), command.schedulePick);
  const end = clock.getTime() - 30 * 60_000;
  if (planned) storeReads.delete(`schedules:${planned.id}`);
  try {
    const recorded = await recordVisit(
      db,
      user.id,
      {
        elderId: elder.id,
        scheduleId: planned?.id ?? null,
        mode: 'home',
        startedAt: new Date(end - 45 * 60_000).toISOString(),
        endedAt: new Date(end).toISOString(),
        livingSituation: '',
        safetyRisks: [],
        physicalState: '',
        mentalState: '',
        services: [SERVICES[command.uid % SERVICES.length] as (typeof SERVICES)[number]],
        needs: uniqueValue('needs', command.uid) as string,
        followUp: { needed: false, urgency: 'normal', note: '' },
        participants: [],
        notes: noteToken(command.uid),
      },
      clock,
    );
    const changes: RecordChange[] = [
      { collection: 'visits', id: recorded.id, before: null, after: recorded as unknown as Doc },
    ];
    if (planned) {
      const base = storeBase('schedules', planned.id, planned);
      changes.push({
        collection: 'schedules',
        id: planned.id,
        before: base,
        after: { ...base, status: 'done', visitId: recorded.id },
      });
    }
    return { applied: true, changes };
  } catch (error) {
    return refused(error);
  }
}

async function remove(command: Extract<DeviceCommand, { op: 'delete' }>): Promise<ActionResult> {
  const { db, user } = current();
  const doc = choose(await candidates(command.collection), command.pick);
  if (!doc) return { applied: false, reason: `no ${command.collection} on the device` };
  storeReads.delete(`${command.collection}:${doc.id}`);
  await deleteRecord(db, command.collection, user.id, doc.id, clock);
  const base = storeBase(command.collection, doc.id, doc);
  return {
    applied: true,
    changes: [
      { collection: command.collection, id: doc.id, before: base, after: { ...base, _deleted: true } },
    ],
  };
}

async function resolve(command: Extract<DeviceCommand, { op: 'resolve' }>): Promise<ResolveResult> {
  const { db, user } = current();
  const open = (await db.reviews.find({ selector: { status: 'open' } }).exec())
    .map(plain)
    .sort((a, b) => (a.id < b.id ? -1 : 1));
  const review = choose(open, command.pick);
  if (!review) return { applied: false, reason: 'no open review entry on the device', changes: [] };
  const collection = review.collectionName as MergedCollection;
  const recordId = String(review.recordId);
  storeReads.delete(`${collection}:${recordId}`);
  try {
    await resolveReview(db, user.id, review.id, command.keep, clock);
  } catch (error) {
    const result = refused(error);
    return { applied: false, reason: result.applied ? '' : result.reason, changes: [] };
  }
  // Keeping the other value is an edit of the record (or its deletion), made on the copy the store read.
  const base = storeReads.get(`${collection}:${recordId}`);
  if (command.keep === 'kept' || !base) return { applied: true, review: review as never, changes: [] };
  const other: unknown = JSON.parse(String((review.other as { value: string }).value));
  const field = String(review.field);
  const after = field === '_deleted' ? { ...base, _deleted: other === true } : { ...base, [field]: other };
  return {
    applied: true,
    review: review as never,
    changes: [{ collection, id: recordId, before: base, after }],
  };
}

async function insertRaw(command: Extract<DeviceCommand, { op: 'insertRaw' }>): Promise<void> {
  const { db } = current();
  // biome-ignore lint/suspicious/noExplicitAny: a test's deliberate write past the app's checks.
  await (db[command.collection] as any).insert(command.doc);
  await noteInOutbox(db, command.collection, command.doc);
}

function withTimeout<T>(promise: Promise<T>, ms: number, onTimeout: () => T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(onTimeout()), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** RxDB's error texts run to many lines: its code and the first inner message are enough. */
function compactError(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const code = /RxDB Error-Code: (\w+)/.exec(text)?.[1];
  const inner = /"message":"([^"]*)"/.exec(text)?.[1];
  return code ? `${code}${inner ? `: ${inner}` : ''}` : (text.split('\n')[0] ?? text);
}

function syncNow(timeoutMs: number): Promise<SyncOutcome> {
  const { sync } = current();
  const sentBefore = requestsSent;
  return withTimeout(
    sync.syncNow().then(
      (receipt): SyncOutcome => ({ ok: true, receipt, requests: requestsSent - sentBefore }),
      (error: unknown): SyncOutcome => ({ ok: false, error: compactError(error) }),
    ),
    timeoutMs,
    () => ({ ok: false, error: `"Sync now" did not finish within ${timeoutMs} ms` }),
  );
}

function replicationStates(db: TanfangDatabase) {
  return SYNCED.flatMap((name) => REPLICATION_STATE_BY_COLLECTION.get(db[name] as RxCollection) ?? []).filter(
    (state) => !state.isStopped(),
  );
}

function isActive(state: { active$: { subscribe(next: (v: boolean) => void): { unsubscribe(): void } } }) {
  let active = false;
  state.active$.subscribe((v) => (active = v)).unsubscribe();
  return active;
}

async function awaitPulls(): Promise<void> {
  // RxDB runs each replication's pulls, and writes their pages, in its downstream queue.
  await Promise.all(
    replicationStates(current().db).map((state) => state.internalReplicationState?.streamQueue.down),
  );
}

/** Waits until no request is out and every replication is idle, a few checks in a row. */
async function settle(timeoutMs: number): Promise<SettleOutcome> {
  const { db } = current();
  const deadline = Date.now() + timeoutMs;
  let quiet = 0;
  let busy: string[] = [];
  while (Date.now() < deadline) {
    // Without a signal the device retries for as long as it runs: there is nothing to wait for.
    if (!online || !signal) return { settled: true, detail: 'no signal' };
    busy = replicationStates(db)
      .filter((state) => isActive(state))
      .map((state) => state.collection.name);
    if (inFlight > 0) busy.push(`${inFlight} request(s) out`);
    quiet = busy.length === 0 ? quiet + 1 : 0;
    if (quiet >= 3) return { settled: true };
    // Once quiet, let RxDB finish what it has queued (its own test of idleness) and look again.
    if (quiet > 0) await db.requestIdlePromise();
    else await new Promise((r) => setTimeout(r, 2));
  }
  return {
    settled: false,
    detail: `still busy: ${busy.join(', ')}; last sync error: ${current().lastError}`,
  };
}

async function snapshot(): Promise<DeviceSnapshot> {
  const { db, lastError, lastSyncedAt } = current();
  return {
    elders: await allStored(db.elders as RxCollection),
    schedules: await allStored(db.schedules as RxCollection),
    visits: await allStored(db.visits as RxCollection),
    reviews: await allStored(db.reviews as RxCollection),
    setaside: (await db.setaside.find().exec()).map(
      (d) => d.toMutableJSON() as unknown as Record<string, unknown>,
    ),
    outbox: (await db.outbox.find().exec()).map(
      (d) => d.toMutableJSON() as unknown as Record<string, unknown>,
    ),
    lastError,
    lastSyncedAt,
  };
}

async function run(command: DeviceCommand): Promise<unknown> {
  switch (command.op) {
    case 'open':
      return open(command);
    case 'edit':
      return edit(command);
    case 'recordVisit':
      return visit(command);
    case 'delete':
      return remove(command);
    case 'resolve':
      return resolve(command);
    case 'insertRaw':
      return insertRaw(command);
    case 'setOnline': {
      const changed = online !== command.online;
      online = command.online;
      // "Sync now" at once is what the app does on the `online` event: no event, or it would run twice.
      if (command.sync) return syncNow(command.timeoutMs ?? 10_000);
      if (changed) windowEvents.dispatchEvent(new Event(online ? 'online' : 'offline'));
      return undefined;
    }
    case 'requestsTried':
      return requestsTried;
    case 'sync':
      return syncNow(command.timeoutMs);
    case 'syncTwice':
      return Promise.all([syncNow(command.timeoutMs), syncNow(command.timeoutMs)]);
    case 'poke':
      return poke();
    case 'settle':
      return settle(command.timeoutMs);
    case 'awaitPulls':
      return awaitPulls();
    case 'snapshot':
      return snapshot();
    case 'restart':
      return restart();
    case 'close':
      return close();
  }
}

// Commands run one at a time, in the order sent.
let queue: Promise<unknown> = Promise.resolve();

port.on('message', (message: MainMessage) => {
  if (message.type === 'signal') {
    signal = message.up;
    return;
  }
  if (message.type === 'http-answer') {
    const answer = waitingAnswers.get(message.id);
    waitingAnswers.delete(message.id);
    answer?.(message);
    return;
  }
  clock = new Date(message.now);
  queue = queue.then(async () => {
    clock = new Date(message.now);
    try {
      const value = await run(message.command);
      send({ type: 'result', id: message.id, ok: true, value: value ?? null });
    } catch (error) {
      const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
      send({ type: 'result', id: message.id, ok: false, error: text });
    }
  });
});
