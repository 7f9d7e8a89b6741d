// The coordinator's writes to the register, offline like every write: an elder entered with the
// routine visits of their tier, a change of tier or worker replanned, an elder archived with their
// visits called off, a major event's visit, an extra round for a group. What to plan is
// src/domain/plans.ts; this file writes it, each record through the store (validated, in the outbox).
import { lastVisitDates, type RulesOf, rulesFor } from '../../domain/cadence';
import {
  type NewPlan,
  type PlanChange,
  planAfterVisit,
  planForArchive,
  planForMajorEvent,
  planForNewElder,
  plannedInRound,
  plannedVisitFields,
  type RoundGroup,
  replan,
  roundMembers,
} from '../../domain/plans';
import { findDuplicate } from '../../domain/register';
import type { ArchiveReason, Elder, Schedule, Visit } from '../../domain/schemas';
import type { TanfangDatabase } from './database';
import { createRecord, InvalidRecordError, plain, updateRecord } from './store';

/** An elder as the register form fills it in: the record but for what the app stamps. */
export type ElderDraft = Omit<Elder, 'id' | 'fieldTimes' | 'updatedAt' | 'updatedBy' | '_deleted'>;

interface Context {
  userId: string;
  /** The local day of the change: plans start from it. */
  today: string;
  /** The cadence: one set of rules, or each town's (an edit may move the elder to another town). */
  rules?: RulesOf;
  now?: Date;
}

const plainElder = (doc: { toMutableJSON(): unknown; deleted: boolean }) => plain<Elder>(doc);

async function elderSchedules(db: TanfangDatabase, elderId: string): Promise<Schedule[]> {
  const docs = await db.schedules.find({ selector: { elderId } }).exec();
  return docs.map((doc) => plain<Schedule>(doc));
}

async function lastVisitOf(db: TanfangDatabase, elderId: string): Promise<string | null> {
  const visits = await db.visits.find({ selector: { elderId } }).exec();
  return lastVisitDates(visits.map((doc) => plain<Visit>(doc))).get(elderId) ?? null;
}

/** Writes a plan change for `elder`: new planned visits for its worker, and calls off or moves others. */
async function applyPlan(
  db: TanfangDatabase,
  elder: Elder,
  change: PlanChange,
  context: Context,
): Promise<Schedule[]> {
  const added: Schedule[] = [];
  for (const plan of change.add) added.push(await plannedVisit(db, elder, plan, context));
  for (const id of change.cancel) {
    await updateRecord(db, 'schedules', context.userId, id, { status: 'cancelled' }, context.now);
  }
  for (const id of change.reassign) {
    await updateRecord(
      db,
      'schedules',
      context.userId,
      id,
      { workerId: elder.assignedWorkerId },
      context.now,
    );
  }
  return added;
}

/** Routine visits planned anew from the last visit; the others given to the elder's worker. */
async function replanElder(db: TanfangDatabase, elder: Elder, context: Context): Promise<void> {
  const change = replan(elder, await elderSchedules(db, elder.id), {
    ...context,
    rules: rulesFor(context.rules, elder.town),
    lastVisit: await lastVisitOf(db, elder.id),
    workerId: elder.assignedWorkerId,
  });
  await applyPlan(db, elder, change, context);
}

function plannedVisit(db: TanfangDatabase, elder: Elder, plan: NewPlan, context: Context): Promise<Schedule> {
  return createRecord(db, 'schedules', context.userId, plannedVisitFields(elder, plan), context.now);
}

/**
 * Enters an elder on the register (from `today` unless the draft says otherwise) and plans their
 * routine visits. Refuses, naming the field `name`, an elder already on this device's register with
 * the same name, birth date and community, unless `allowDuplicate` (two people can share them).
 */
export async function registerElder(
  db: TanfangDatabase,
  draft: ElderDraft,
  context: Context & { allowDuplicate?: boolean },
): Promise<{ elder: Elder; planned: Schedule[] }> {
  const candidate = { ...draft, id: '' };
  if (!context.allowDuplicate) {
    const elders = (await db.elders.find().exec()).map(plainElder);
    const twin = findDuplicate(candidate, elders);
    if (twin !== undefined) throw new InvalidRecordError('name', `already on the register (${twin.id})`);
  }
  const elder = await createRecord(
    db,
    'elders',
    context.userId,
    { ...draft, registeredOn: draft.registeredOn ?? context.today, archivedOn: null, archiveReason: null },
    context.now,
  );
  const plan = planForNewElder(elder, { ...context, rules: rulesFor(context.rules, elder.town) });
  const planned = await applyPlan(db, elder, plan, context);
  return { elder, planned };
}

/**
 * Changes an elder's record; a new tier or worker replans the routine visits from the last visit and
 * gives the other planned visits to the new worker.
 */
export async function changeElder(
  db: TanfangDatabase,
  elderId: string,
  patch: Partial<ElderDraft>,
  context: Context,
): Promise<Elder> {
  const before = await db.elders.findOne(elderId).exec();
  if (!before) throw new InvalidRecordError('id', 'unknown elder');
  const { riskTier, assignedWorkerId } = plainElder(before);
  const elder = await updateRecord(db, 'elders', context.userId, elderId, patch, context.now);
  if (elder.riskTier !== riskTier || elder.assignedWorkerId !== assignedWorkerId) {
    await replanElder(db, elder, context);
  }
  return elder;
}

/** Takes an elder off the register on `on` for `reason`; their history stays, their planned visits are called off. */
export async function archiveElder(
  db: TanfangDatabase,
  elderId: string,
  { on, reason }: { on: string; reason: ArchiveReason },
  context: Context,
): Promise<Elder> {
  const elder = await updateRecord(
    db,
    'elders',
    context.userId,
    elderId,
    { archivedOn: on, archiveReason: reason },
    context.now,
  );
  await applyPlan(
    db,
    elder,
    planForArchive(elderId, await elderSchedules(db, elderId), context.today),
    context,
  );
  return elder;
}

/**
 * After a visit to `elderId` was recorded: the routine visits still planned are planned anew from the
 * elder's latest visit (plans.ts's planAfterVisit), by the worker who recorded it. An elder off the
 * register has none to plan.
 */
export async function replanAfterVisit(
  db: TanfangDatabase,
  elderId: string,
  context: Context,
): Promise<Schedule[]> {
  const doc = await db.elders.findOne(elderId).exec();
  if (!doc) return [];
  const elder = plainElder(doc);
  if (elder.archivedOn != null) return [];
  const lastVisit = await lastVisitOf(db, elderId);
  if (lastVisit === null) return [];
  const change = planAfterVisit(elder, await elderSchedules(db, elderId), {
    today: context.today,
    lastVisit,
    rules: rulesFor(context.rules, elder.town),
  });
  return applyPlan(db, elder, change, context);
}

/** Puts an archived elder back on the register, with their routine visits planned again. */
export async function restoreElder(db: TanfangDatabase, elderId: string, context: Context): Promise<Elder> {
  const elder = await updateRecord(
    db,
    'elders',
    context.userId,
    elderId,
    { archivedOn: null, archiveReason: null },
    context.now,
  );
  await replanElder(db, elder, context);
  return elder;
}

/** A major event (重大变故): a visit planned for today, for the elder's worker. Anyone may flag one. */
export async function flagMajorEvent(
  db: TanfangDatabase,
  elderId: string,
  context: Context,
): Promise<Schedule[]> {
  const doc = await db.elders.findOne(elderId).exec();
  if (!doc) throw new InvalidRecordError('id', 'unknown elder');
  const change = planForMajorEvent(elderId, await elderSchedules(db, elderId), context.today);
  return applyPlan(db, plainElder(doc), change, context);
}

/**
 * An extra round (a festival, a heat wave) on `date` for every elder on the register in `group`, but
 * those already planned for it.
 */
export async function planRound(
  db: TanfangDatabase,
  group: RoundGroup & { town: string },
  { date, kind }: { date: string; kind: 'festival' | 'extreme_weather' },
  context: Context,
): Promise<Schedule[]> {
  const elders = (await db.elders.find({ selector: { town: group.town } }).exec()).map(plainElder);
  const sameDay = await db.schedules.find({ selector: { town: group.town, plannedDate: date } }).exec();
  const already = plannedInRound(
    sameDay.map((doc) => plain<Schedule>(doc)),
    { date, kind },
  );
  const planned: Schedule[] = [];
  for (const elder of roundMembers(elders, group)) {
    if (already.has(elder.id)) continue;
    planned.push(await plannedVisit(db, elder, { plannedDate: date, kind }, context));
  }
  return planned;
}
