// Every local write goes through here: validated with the shared schemas, stamped with who and
// when, and noted in the outbox so the app can say how many changes have not reached the server.
import { v7 as uuidv7 } from 'uuid';
import {
  type AnyDocument,
  type CollectionName,
  documentSchemas,
  type Schedule,
  type Visit,
} from '../../domain/schemas';
import type { TanfangDatabase } from './database';

export class InvalidRecordError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
    this.name = 'InvalidRecordError';
  }
}

export function newId(): string {
  return uuidv7();
}

function validate<C extends CollectionName>(collection: C, doc: unknown): void {
  const result = documentSchemas[collection].safeParse(doc);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new InvalidRecordError(issue?.path.join('.') ?? '', issue?.message ?? 'invalid');
  }
}

function outboxKey(collection: CollectionName, id: string): string {
  return `${collection}:${id}`;
}

async function noteInOutbox(
  db: TanfangDatabase,
  collection: CollectionName,
  doc: AnyDocument,
): Promise<void> {
  await db.outbox.upsert({
    key: outboxKey(collection, doc.id),
    collectionName: collection,
    docId: doc.id,
    updatedAt: doc.updatedAt,
  });
}

/**
 * Called after the server accepted a push: clears the outbox entries of the pushed states, unless
 * the record was changed again on the device since (then it is still waiting).
 */
export async function confirmPushed(
  db: TanfangDatabase,
  collection: CollectionName,
  docs: readonly { id: string; updatedAt: string }[],
): Promise<void> {
  const keys = docs.map((d) => outboxKey(collection, d.id));
  const entries = await db.outbox.findByIds(keys).exec();
  const confirmed = docs.filter((d) => {
    const entry = entries.get(outboxKey(collection, d.id));
    return entry !== undefined && entry.updatedAt <= d.updatedAt;
  });
  if (confirmed.length > 0) await db.outbox.bulkRemove(confirmed.map((d) => outboxKey(collection, d.id)));
}

export type VisitDraft = Omit<Visit, 'id' | 'updatedAt' | 'updatedBy' | '_deleted' | 'workerId' | 'town'>;

/**
 * Records a visit made by `userId` and marks its planned visit done, if it had one. The visit is
 * written first: if the app dies between the two writes, the visit itself is kept.
 */
export async function recordVisit(
  db: TanfangDatabase,
  userId: string,
  draft: VisitDraft,
  now: Date = new Date(),
): Promise<Visit> {
  const elder = await db.elders.findOne(draft.elderId).exec();
  if (!elder) throw new InvalidRecordError('elderId', 'unknown elder');
  const stamp = now.toISOString();
  const visit: Visit = {
    ...draft,
    id: newId(),
    town: elder.town,
    workerId: userId,
    updatedAt: stamp,
    updatedBy: userId,
    _deleted: false,
  };
  validate('visits', visit);
  const planned = draft.scheduleId ? await db.schedules.findOne(draft.scheduleId).exec() : null;
  if (draft.scheduleId && !planned) throw new InvalidRecordError('scheduleId', 'unknown planned visit');
  const done = { status: 'done', visitId: visit.id, updatedAt: stamp, updatedBy: userId } as const;
  if (planned) validate('schedules', { ...planned.toMutableJSON(), ...done, _deleted: false });
  await db.visits.insert(visit);
  await noteInOutbox(db, 'visits', visit);
  if (planned) {
    const patched = await planned.incrementalPatch(done);
    await noteInOutbox(db, 'schedules', patched.toMutableJSON() as Schedule);
  }
  return visit;
}
