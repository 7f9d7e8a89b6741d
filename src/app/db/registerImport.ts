// Entering many elders at once (an office's register from a spreadsheet), all or none, offline like
// every write. Each elder and each of their planned visits is stamped and checked with the shared
// schemas before anything is written, so a bad row never leaves half an import. Then each kind of
// record goes in one bulk write (one IndexedDB transaction: all of it or none of it), and the outbox
// notes them all. Should a later bulk fail (the phone's storage full), the records already written
// are deleted again: a deletion, not a removal, as replication may already have sent them, and the
// server must then hear that they are gone. One elder at a time (registerElder) would read the
// whole register for duplicates each time and write three times per record: minutes for 5,000.
import { type RulesOf, rulesFor } from '../../domain/cadence';
import { planForNewElder, plannedVisitFields } from '../../domain/plans';
import { duplicateKey } from '../../domain/register';
import {
  type CollectionName,
  type DocumentTypes,
  documentSchemas,
  type Elder,
  type Schedule,
} from '../../domain/schemas';
import type { TanfangDatabase } from './database';
import type { ElderDraft } from './register';
import { InvalidRecordError, newId, plain } from './store';

interface ImportContext {
  userId: string;
  /** The local day of the import: the elders' routine visits are planned from it. */
  today: string;
  /** The cadence: one set of rules, or each town's. */
  rules?: RulesOf;
  now?: Date;
}

type Written = DocumentTypes['elders' | 'schedules'];

/** Throws, naming the draft (`3.birthDate`), unless the shared schema accepts every record. */
function checkAll(collection: CollectionName, records: readonly Written[], draftOf: (i: number) => number) {
  records.forEach((record, i) => {
    const result = documentSchemas[collection].safeParse(record);
    if (result.success) return;
    const issue = result.error.issues[0];
    throw new InvalidRecordError(`${draftOf(i)}.${issue?.path.join('.') ?? ''}`, issue?.message ?? 'invalid');
  });
}

/** Throws, naming the draft, for an elder already on this device's register or given twice. */
async function checkNoDuplicates(db: TanfangDatabase, drafts: readonly ElderDraft[]): Promise<void> {
  const stored = (await db.elders.find().exec()).map((doc) => plain<Elder>(doc));
  const keys = new Set(stored.filter((e) => !e._deleted).map(duplicateKey));
  drafts.forEach((draft, i) => {
    const key = duplicateKey(draft);
    if (keys.has(key)) throw new InvalidRecordError(`${i}.name`, 'already on the register');
    keys.add(key);
  });
}

/** Writes `records` in one bulk and notes them in the outbox; throws if any one was not written. */
async function insertAll(
  db: TanfangDatabase,
  collection: 'elders' | 'schedules',
  records: readonly Written[],
) {
  // biome-ignore lint/suspicious/noExplicitAny: both collections take their own records; checkAll checked them.
  const { error } = await (db[collection] as any).bulkInsert(records);
  if (error.length > 0) {
    throw new Error(
      `${error.length} of ${records.length} ${collection} could not be written (${error[0].status})`,
    );
  }
}

async function noteAll(db: TanfangDatabase, collection: 'elders' | 'schedules', records: readonly Written[]) {
  await db.outbox.bulkUpsert(
    records.map((r) => ({
      key: `${collection}:${r.id}`,
      collectionName: collection,
      docId: r.id,
      updatedAt: r.updatedAt,
    })),
  );
}

/** Deletes again what an import that failed had written (those of `records` that are stored). */
async function undo(
  db: TanfangDatabase,
  collection: 'elders' | 'schedules',
  records: readonly Written[],
  stamp: string,
) {
  // biome-ignore lint/suspicious/noExplicitAny: see insertAll.
  const rx = db[collection] as any;
  const stored = await rx.findByIds(records.map((r) => r.id)).exec();
  const deleted = records
    .filter((r) => stored.has(r.id))
    .map((r) => ({ ...r, updatedAt: stamp, _deleted: true }));
  if (deleted.length === 0) return;
  await rx.bulkUpsert(deleted);
  await noteAll(db, collection, deleted);
}

/**
 * Enters every draft on the register, each with the routine visits of their tier for their worker,
 * or none of them: throws InvalidRecordError naming the draft's index and field (`12.birthDate`,
 * `4.name` for an elder already on the register or given twice) before writing anything, and
 * undoes what was written if writing fails.
 */
export async function importElders(
  db: TanfangDatabase,
  drafts: readonly ElderDraft[],
  context: ImportContext,
): Promise<{ elders: number; planned: number }> {
  if (drafts.length === 0) return { elders: 0, planned: 0 };
  const now = context.now ?? new Date();
  const stamp = now.toISOString();
  const audit = { fieldTimes: {}, updatedAt: stamp, updatedBy: context.userId, _deleted: false };
  await checkNoDuplicates(db, drafts);
  const elders: Elder[] = drafts.map((draft) => ({
    ...draft,
    registeredOn: draft.registeredOn ?? context.today,
    archivedOn: null,
    archiveReason: null,
    id: newId(),
    ...audit,
  }));
  checkAll('elders', elders, (i) => i);
  const planned: Schedule[] = [];
  const draftOfPlan: number[] = [];
  elders.forEach((elder, i) => {
    const rules = rulesFor(context.rules, elder.town);
    for (const plan of planForNewElder(elder, { today: context.today, rules }).add) {
      draftOfPlan.push(i);
      planned.push({ ...plannedVisitFields(elder, plan), id: newId(), ...audit });
    }
  });
  checkAll('schedules', planned, (i) => draftOfPlan[i] ?? 0);

  try {
    await insertAll(db, 'elders', elders);
    await insertAll(db, 'schedules', planned);
    await noteAll(db, 'elders', elders);
    await noteAll(db, 'schedules', planned);
  } catch (failure) {
    // Later than the records it deletes, so the deletion wins wherever they went.
    const later = new Date(now.getTime() + 1).toISOString();
    await undo(db, 'schedules', planned, later);
    await undo(db, 'elders', elders, later);
    throw failure;
  }
  return { elders: elders.length, planned: planned.length };
}
