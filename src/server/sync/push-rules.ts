// Who may write what. Each pushed row is checked against the caller and the records as stored, before
// anything is written; one refused row refuses the whole request (the transaction rolls back).
// Rows are checked whatever their outcome (write, no-op or conflict), so that a conflict never hands
// back a stored record the caller could not see.
// Every refusal names its row: `field` starts with the row's index ("3" or "3.newDocumentState.town"),
// so the device can set that one record aside and push the others again.
import { coversTown, WORKER_ELDER_FIELDS } from '../../domain/access';
import { compareInstants, fieldTime } from '../../domain/merge/values';
import type { CollectionName, Elder, Review, Schedule, User, Visit, Volunteer } from '../../domain/schemas';
import { jsonEqual } from './deep-equal';
import { forbidden, invalid } from './rejection';

/** A stretch of time during which one worker had one elder in one town. Times are server time. */
export interface AssignmentPeriod {
  workerId: string;
  town: string;
  /** Null when unknown: the elder was assigned before the server kept history (a loaded dataset). */
  from: string | null;
  /** Null while the period lasts (the current assignment). */
  to: string | null;
}

/** Stored records the rules need, read inside the push's transaction. */
export interface RuleLookups {
  elder(id: string): Promise<Elder | undefined>;
  user(id: string): Promise<User | undefined>;
  visit(id: string): Promise<Visit | undefined>;
  volunteer(id: string): Promise<Volunteer | undefined>;
  /** The elder a stored record belongs to (an elder's own id for elders); undefined when not stored. */
  recordElderId(collection: CollectionName, id: string): Promise<string | undefined>;
  /** The elder's assignment history, oldest first. */
  assignmentPeriods(elderId: string): Promise<AssignmentPeriod[]>;
}

export type CheckedRow =
  | { collection: 'elders'; next: Elder; stored: Elder | undefined; assumed?: Elder | null }
  | { collection: 'schedules'; next: Schedule; stored: Schedule | undefined }
  | { collection: 'visits'; next: Visit; stored: Visit | undefined; assumed?: Visit | null }
  | { collection: 'reviews'; next: Review; stored: Review | undefined }
  | { collection: 'users'; next: User; stored: User | undefined }
  | { collection: 'volunteers'; next: Volunteer; stored: Volunteer | undefined };

/**
 * How a row is allowed. 'former-worker': the caller is no longer assigned the elder and writes their
 * own work from before the move (a visit, or the planned visit it closes). The row is written as the
 * rules checked it against the stored record, and the caller loses the record at once.
 */
export type RowAccess = 'allowed' | 'former-worker';

export async function checkPushRow(
  actor: User,
  row: CheckedRow,
  index: number,
  lookups: RuleLookups,
  serverTime: string,
): Promise<RowAccess> {
  const field = (name: string) => `${index}.newDocumentState.${name}`;
  if (row.next.updatedBy !== actor.id) {
    throw forbidden('updatedBy must be the id of the signed-in user', field('updatedBy'));
  }
  switch (row.collection) {
    case 'users':
      throw forbidden('users are managed on the server', String(index));
    case 'elders':
      if (actor.role === 'worker') checkElderByWorker(actor, row.next, row.stored, row.assumed, field);
      else await checkElderByCoordinator(actor, row.next, row.stored, field, lookups);
      return 'allowed';
    case 'volunteers':
      checkVolunteer(actor, row.next, row.stored, field);
      return 'allowed';
    case 'schedules':
    case 'visits':
    case 'reviews': {
      if (row.collection === 'reviews' && isAboutVolunteer(row.next, row.stored)) {
        await checkVolunteerReview(actor, row.next, row.stored, field, lookups);
        return 'allowed';
      }
      if (actor.role === 'worker') {
        const access = await checkRecordByWorker(actor, row, field, lookups, serverTime);
        if (access !== 'allowed') return access;
      } else {
        await checkRecordByCoordinator(actor, row.next, row.stored, field, lookups);
        if (row.collection === 'visits' && row.stored !== undefined) {
          checkVisitEdit(actor, row.next, row.stored, row.assumed, field);
        }
      }
      if (row.collection === 'reviews') await checkReviewedRecord(row.next, field, lookups);
      return 'allowed';
    }
  }
}

type FieldName = (name: string) => string;

/** Whether two values of an elder's field are the same; volunteerIds is a set (absent: none). */
function sameElderValue(name: keyof Elder, a: unknown, b: unknown): boolean {
  if (name === 'volunteerIds') {
    const set = (ids: unknown) => [...new Set((ids ?? []) as string[])].sort();
    return jsonEqual(set(a), set(b));
  }
  return jsonEqual(a ?? null, b ?? null);
}

/** The volunteers `next` pairs the elder with that the stored elder was not paired with. */
export function addedPairings(next: Elder, stored: Elder | undefined): string[] {
  const before = new Set(stored?.volunteerIds ?? []);
  return (next.volunteerIds ?? []).filter((id) => !before.has(id));
}

function checkElderByWorker(
  actor: User,
  next: Elder,
  stored: Elder | undefined,
  assumed: Elder | null | undefined,
  field: FieldName,
): void {
  if (stored === undefined) throw forbidden('only a coordinator can register an elder', field('id'));
  if (stored.assignedWorkerId !== actor.id) throw forbidden('this elder is not assigned to you', field('id'));
  // Against the state the device started from: a worker's edit of their fields, made while a
  // coordinator changed the tier, is then a conflict to merge, not a refusal. A push whose base is
  // not the stored record is answered with a conflict and writes nothing, so no base can sneak a
  // change past this check.
  const base = assumed ?? stored;
  // Deleting only: a worker's edit merged over a coordinator's delete brings the elder back, and
  // the delete goes to the review list, as any edit meeting a delete (src/domain/merge.ts).
  if (next._deleted && !base._deleted) {
    throw forbidden('only a coordinator can archive an elder; a worker never deletes one', field('_deleted'));
  }
  for (const name of elderFieldNames(next, base)) {
    if (WORKER_ELDER_FIELDS.has(name)) continue;
    if (!sameElderValue(name, next[name], base[name])) {
      throw forbidden(`only a coordinator can change ${name}`, field(name));
    }
    // Nor move the time of its last edit later, which would win the field's clashes to come. An
    // earlier time (a merge's, or the one an edit writes down for a field without an entry) wins
    // nothing.
    const time = next.fieldTimes[name];
    if (time !== undefined && compareInstants(time, fieldTime(base, name)) > 0) {
      throw forbidden(`only a coordinator can change ${name}`, field(`fieldTimes.${name}`));
    }
  }
}

/** The fields of either state of an elder, but for its id and those every edit stamps. */
function elderFieldNames(next: Elder, base: Elder): (keyof Elder)[] {
  const stamped = new Set(['id', 'fieldTimes', 'updatedAt', 'updatedBy', '_deleted']);
  const names = new Set([...Object.keys(next), ...Object.keys(base)]);
  return [...names].filter((name) => !stamped.has(name)) as (keyof Elder)[];
}

async function checkElderByCoordinator(
  actor: User,
  next: Elder,
  stored: Elder | undefined,
  field: FieldName,
  lookups: RuleLookups,
): Promise<void> {
  if (!coversTown(actor, next.town)) throw forbidden('the elder is not in one of your towns', field('town'));
  if (stored !== undefined && !coversTown(actor, stored.town)) {
    throw forbidden('the stored elder is not in one of your towns', field('town'));
  }
  const worker = await lookups.user(next.assignedWorkerId);
  // An elder stays with a worker who was disabled until someone moves them; a new one cannot be given.
  const keepsDisabledWorker = stored?.assignedWorkerId === next.assignedWorkerId;
  if (
    worker === undefined ||
    worker._deleted ||
    (worker.disabled === true && !keepsDisabledWorker) ||
    worker.role !== 'worker' ||
    !worker.towns.includes(next.town)
  ) {
    throw invalid("assignedWorkerId must be a worker of the elder's town", field('assignedWorkerId'));
  }
  await checkPairings(next, stored, field, lookups);
}

/**
 * A pairing made now must name an active volunteer of the elder's town, once. Only the volunteers
 * added are checked: a pairing already stored stays valid when its volunteer later leaves, moves or
 * is taken off the register, so the elder's other fields can still be edited.
 */
async function checkPairings(
  next: Elder,
  stored: Elder | undefined,
  field: FieldName,
  lookups: RuleLookups,
): Promise<void> {
  const ids = next.volunteerIds ?? [];
  if (new Set(ids).size !== ids.length) {
    throw invalid('volunteerIds must not name a volunteer twice', field('volunteerIds'));
  }
  for (const id of addedPairings(next, stored)) {
    const volunteer = await lookups.volunteer(id);
    if (volunteer === undefined || volunteer._deleted || !volunteer.active || volunteer.town !== next.town) {
      throw invalid("volunteerIds must name active volunteers of the elder's town", field('volunteerIds'));
    }
  }
}

/**
 * The volunteers register is the centre's: a coordinator keeps it for their towns (an admin for
 * every town), and moves a volunteer only between towns they have. A worker reads it, never writes.
 */
function checkVolunteer(actor: User, next: Volunteer, stored: Volunteer | undefined, field: FieldName): void {
  if (actor.role === 'worker') {
    throw forbidden('only a coordinator can register or change a volunteer', field('id'));
  }
  if (!coversTown(actor, next.town)) {
    throw forbidden('the volunteer is not in one of your towns', field('town'));
  }
  if (stored !== undefined && !coversTown(actor, stored.town)) {
    throw forbidden('the stored volunteer is not in one of your towns', field('town'));
  }
}

function isAboutVolunteer(next: Review, stored: Review | undefined): boolean {
  return next.collectionName === 'volunteers' || stored?.collectionName === 'volunteers';
}

/**
 * A review entry about a volunteer's record is scoped as the register is: a coordinator's of the
 * volunteer's town. Its elderId is the volunteer's own id (a volunteer belongs to no elder).
 */
async function checkVolunteerReview(
  actor: User,
  next: Review,
  stored: Review | undefined,
  field: FieldName,
  lookups: RuleLookups,
): Promise<void> {
  if (actor.role === 'worker') {
    throw forbidden("only a coordinator can review a volunteer's record", field('collectionName'));
  }
  if (!coversTown(actor, next.town)) throw forbidden('the record is not in one of your towns', field('town'));
  if (stored !== undefined && !coversTown(actor, stored.town)) {
    throw forbidden('the stored record is not in one of your towns', field('town'));
  }
  if (next.collectionName !== 'volunteers') {
    throw invalid('an entry about a volunteer stays about that volunteer', field('collectionName'));
  }
  if (next.elderId !== next.recordId) {
    throw invalid("elderId must be the volunteer's own id", field('elderId'));
  }
  const volunteer = await lookups.volunteer(next.recordId);
  if (volunteer === undefined) throw invalid('no such volunteer', field('recordId'));
  if (next.town !== volunteer.town) throw invalid("town must be the volunteer's town", field('town'));
}

async function checkRecordByWorker(
  actor: User,
  row: Extract<CheckedRow, { collection: 'schedules' | 'visits' | 'reviews' }>,
  field: FieldName,
  lookups: RuleLookups,
  serverTime: string,
): Promise<RowAccess> {
  const { next, stored } = row;
  const elder = await lookups.elder(next.elderId);
  const assigned = elder !== undefined && elder.assignedWorkerId === actor.id;
  // Work done before a move (of worker or town) and sent after it is not lost to the move.
  if (
    row.collection === 'visits' &&
    (!assigned || next.town !== elder.town) &&
    (await isOwnVisitOfEarlierAssignment(actor, row.next, row.stored, lookups, serverTime))
  ) {
    return assigned ? 'allowed' : 'former-worker';
  }
  if (
    row.collection === 'schedules' &&
    !assigned &&
    (await closesPlannedVisitWithOwnVisit(actor, row.next, row.stored, lookups, serverTime))
  ) {
    return 'former-worker';
  }
  if (!assigned) throw forbidden('this elder is not assigned to you', field('elderId'));
  if (next.town !== elder.town) throw invalid("town must be the elder's town", field('town'));
  if (stored !== undefined && stored.elderId !== next.elderId) {
    const storedElder = await lookups.elder(stored.elderId);
    if (storedElder === undefined || storedElder.assignedWorkerId !== actor.id) {
      throw forbidden('the stored record belongs to an elder not assigned to you', field('elderId'));
    }
  }
  if (row.collection === 'visits') {
    if (row.stored === undefined) {
      if (row.next.workerId !== actor.id) throw forbidden('workerId must be your own id', field('workerId'));
    } else {
      checkVisitEdit(actor, row.next, row.stored, row.assumed, field);
    }
  }
  return 'allowed';
}

/**
 * What someone other than a visit's author may change in it: closing its follow-up (when, who, what
 * was done) and marking its small wish fulfilled. The rest is the author's record of what they saw;
 * only they correct it.
 */
const VISIT_FIELDS_FOR_OTHERS = new Set(['followUpDoneAt', 'followUpDoneBy', 'followUpDoneNote', 'wish']);

/** A coordinator also puts a visit recorded against the wrong elder on the right one (of their towns). */
const VISIT_FIELDS_FOR_COORDINATORS = new Set([...VISIT_FIELDS_FOR_OTHERS, 'elderId', 'town']);

/**
 * An edit of a stored visit: it stays its author's; anyone else who may write the elder's records
 * (the elder's worker, a coordinator of the town) only closes the follow-up or fulfils the wish, and
 * a coordinator moves it to the right elder.
 * Judged against the state the device started from, as a worker's elder edit is: a push based on an
 * older state is a conflict that writes nothing, and the merged state comes back to be judged again.
 * Closing a follow-up names the person closing it and what was done.
 */
function checkVisitEdit(
  actor: User,
  next: Visit,
  stored: Visit,
  assumed: Visit | null | undefined,
  field: FieldName,
): void {
  if (next.workerId !== stored.workerId) {
    throw forbidden("a visit stays its author's: workerId cannot change", field('workerId'));
  }
  const base = assumed ?? stored;
  if (stored.workerId !== actor.id) {
    const fields = actor.role === 'worker' ? VISIT_FIELDS_FOR_OTHERS : VISIT_FIELDS_FOR_COORDINATORS;
    const changed = firstChangeOutside(base, next, fields);
    if (changed !== null) throw forbidden('only the author of a visit can correct it', field(changed));
    const wishText = (visit: Visit) => visit.wish?.text ?? null;
    if (wishText(next) !== wishText(base)) {
      throw forbidden('only the author of a visit can change its wish', field('wish'));
    }
  }
  if (next.followUpDoneBy !== base.followUpDoneBy && next.followUpDoneBy !== actor.id) {
    throw forbidden('followUpDoneBy must be your own id', field('followUpDoneBy'));
  }
  if (next.followUpDoneAt !== undefined && base.followUpDoneAt === undefined) {
    if (next.followUpDoneBy !== actor.id) {
      throw invalid('a follow-up closed now names who closed it', field('followUpDoneBy'));
    }
    if (next.followUpDoneNote === undefined) {
      throw invalid('a follow-up closed now says what was done', field('followUpDoneNote'));
    }
  }
}

async function checkRecordByCoordinator(
  actor: User,
  next: Schedule | Visit | Review,
  stored: Schedule | Visit | Review | undefined,
  field: FieldName,
  lookups: RuleLookups,
): Promise<void> {
  if (!coversTown(actor, next.town)) throw forbidden('the record is not in one of your towns', field('town'));
  if (stored !== undefined && !coversTown(actor, stored.town)) {
    throw forbidden('the stored record is not in one of your towns', field('town'));
  }
  const elder = await lookups.elder(next.elderId);
  if (elder === undefined) throw invalid('no such elder', field('elderId'));
  if (next.town !== elder.town) throw invalid("town must be the elder's town", field('town'));
}

/** A review's scope is its elder's: it must not be about a record of another elder. */
async function checkReviewedRecord(next: Review, field: FieldName, lookups: RuleLookups): Promise<void> {
  const elderId = await lookups.recordElderId(next.collectionName, next.recordId);
  // A record not stored (yet) cannot be checked; its own push is checked when it comes.
  if (elderId !== undefined && elderId !== next.elderId) {
    throw invalid('recordId must be a record of the elder elderId', field('recordId'));
  }
}

/**
 * How long a former worker's phone may still send work from before a move, and how long before the
 * move that work may have started: the offline grace of a phone that recorded visits and synced
 * days later. Nothing older, nothing later (a visit backdated to 1970 or sent a month on is refused).
 */
export const FORMER_WORKER_GRACE_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * True when `worker` had the elder, in `town`, at `at`, in a period that has ended, `at` no more
 * than the grace before the period's end and `now` (the server's time) no more than the grace after
 * it. Instants are compared as times, not text: a device may send an offset other than Z.
 */
export function wasAssignedAt(
  periods: readonly AssignmentPeriod[],
  workerId: string,
  town: string,
  at: string,
  now: string,
): boolean {
  const time = Date.parse(at);
  const serverTime = Date.parse(now);
  return periods.some((period) => {
    if (period.workerId !== workerId || period.town !== town || period.to === null) return false;
    const end = Date.parse(period.to);
    const start = Math.max(
      end - FORMER_WORKER_GRACE_MS,
      period.from === null ? -Infinity : Date.parse(period.from),
    );
    return start <= time && time < end && serverTime <= end + FORMER_WORKER_GRACE_MS;
  });
}

/**
 * A new visit (or the identical retry of one) in the caller's own name, started while the caller had
 * the elder in the visit's town. Editing a visit already stored is not covered: that is work on an
 * elder who is no longer theirs.
 */
async function isOwnVisitOfEarlierAssignment(
  actor: User,
  next: Visit,
  stored: Visit | undefined,
  lookups: RuleLookups,
  serverTime: string,
): Promise<boolean> {
  if (stored !== undefined && !jsonEqual(stored, next)) return false;
  if (next.workerId !== actor.id) return false;
  const periods = await lookups.assignmentPeriods(next.elderId);
  return wasAssignedAt(periods, actor.id, next.town, next.startedAt, serverTime);
}

/** What closing a planned visit changes; everything else must stay as stored. */
const CLOSING_FIELDS = new Set(['status', 'visitId']);
const AUDIT_FIELDS = new Set(['updatedAt', 'updatedBy', 'fieldTimes']);

/**
 * A former worker's update of a stored schedule that was theirs (planned for them) and that only
 * marks it done by a visit of theirs that the previous rule accepts (their own, of that elder,
 * started while they had it, within the grace). A plan made for the new worker stays theirs.
 */
async function closesPlannedVisitWithOwnVisit(
  actor: User,
  next: Schedule,
  stored: Schedule | undefined,
  lookups: RuleLookups,
  serverTime: string,
): Promise<boolean> {
  if (stored === undefined || next.status !== 'done' || next.visitId === null) return false;
  if (stored.workerId !== actor.id) return false;
  // Already closed by another visit: the former worker does not get to relink it.
  if (stored.status === 'done' && stored.visitId !== next.visitId) return false;
  if (!changesOnly(stored, next, CLOSING_FIELDS)) return false;
  const visit = await lookups.visit(next.visitId);
  if (
    visit === undefined ||
    visit._deleted ||
    visit.workerId !== actor.id ||
    visit.elderId !== stored.elderId
  ) {
    return false;
  }
  return wasAssignedAt(
    await lookups.assignmentPeriods(stored.elderId),
    actor.id,
    visit.town,
    visit.startedAt,
    serverTime,
  );
}

/** True when `next` differs from `stored` only in `fields`, the audit fields and those fields' times. */
function changesOnly(stored: Schedule, next: Schedule, fields: ReadonlySet<string>): boolean {
  return firstChangeOutside(stored, next, fields) === null;
}

/**
 * The first field, other than `fields` and the audit fields, in which `next` differs from `stored`
 * ('fieldTimes' when only the time of such a field moved); null when there is none.
 */
function firstChangeOutside(
  stored: Schedule | Visit,
  next: Schedule | Visit,
  fields: ReadonlySet<string>,
): string | null {
  const before = stored as unknown as Record<string, unknown>;
  const after = next as unknown as Record<string, unknown>;
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  for (const key of keys) {
    if (fields.has(key) || AUDIT_FIELDS.has(key)) continue;
    if (!jsonEqual(before[key], after[key])) return key;
  }
  // A field's time is its fieldTimes entry or else the record's updatedAt: the app's edit writes the
  // old updatedAt into the entries a stored record lacks, which leaves those times as they were.
  const timeKeys = new Set([...Object.keys(stored.fieldTimes), ...Object.keys(next.fieldTimes)]);
  for (const key of timeKeys) {
    if (fields.has(key)) continue;
    const before = stored.fieldTimes[key] ?? stored.updatedAt;
    const after = next.fieldTimes[key] ?? next.updatedAt;
    if (Date.parse(before) !== Date.parse(after)) return 'fieldTimes';
  }
  return null;
}
