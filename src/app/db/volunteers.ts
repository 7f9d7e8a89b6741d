// The volunteers register on the device: a coordinator enters and edits the volunteers of their
// towns and pairs them with elders (结对帮扶), offline like every write; the visit form names them
// among a visit's participants. Each record goes through the store (validated, in the outbox); the
// server decides who may (a worker may not: src/server/sync/push-rules.ts).
import type { Elder, Participant, Volunteer } from '../../domain/schemas';
import type { TanfangDatabase } from './database';
import { createRecord, InvalidRecordError, updateRecord } from './store';

/** A volunteer as the register's form fills it in: the record but for what the app stamps. */
export type VolunteerDraft = Omit<Volunteer, 'id' | 'fieldTimes' | 'updatedAt' | 'updatedBy' | '_deleted'>;

interface Context {
  userId: string;
  now?: Date;
}

const plain = <T>(doc: { toMutableJSON(): unknown; deleted: boolean }) =>
  ({ ...(doc.toMutableJSON() as T), _deleted: doc.deleted }) as T;

/** A blank 志愿中山 number is none: the record holds null, never an empty text. */
function withNumber<T extends Partial<VolunteerDraft>>(draft: T): T {
  if (draft.zhiyuanNumber === undefined) return draft;
  const number = draft.zhiyuanNumber?.trim() ?? '';
  return { ...draft, zhiyuanNumber: number === '' ? null : number };
}

/**
 * Enters a volunteer on the register. Refuses, naming the field `name`, one already on this device's
 * register with the same name, birth year and town, unless `allowDuplicate` (two people can share them).
 */
export async function addVolunteer(
  db: TanfangDatabase,
  draft: VolunteerDraft,
  context: Context & { allowDuplicate?: boolean },
): Promise<Volunteer> {
  if (!context.allowDuplicate) {
    const twin = await db.volunteers
      .findOne({ selector: { name: draft.name, birthYear: draft.birthYear, town: draft.town } })
      .exec();
    if (twin) throw new InvalidRecordError('name', `already on the register (${twin.id})`);
  }
  return createRecord(db, 'volunteers', context.userId, withNumber(draft), context.now);
}

/** Changes a volunteer's record: details, team, 志愿中山 number, or active (a volunteer who stopped). */
export async function changeVolunteer(
  db: TanfangDatabase,
  volunteerId: string,
  patch: Partial<VolunteerDraft>,
  context: Context,
): Promise<Volunteer> {
  return updateRecord(db, 'volunteers', context.userId, volunteerId, withNumber(patch), context.now);
}

/**
 * Pairs an elder with these volunteers (结对帮扶), in place of those before. A volunteer added must be
 * an active one of the elder's town on this device's register (named by the field `volunteerIds`);
 * one already paired stays, even if they have stopped since.
 */
export async function pairVolunteers(
  db: TanfangDatabase,
  elderId: string,
  volunteerIds: readonly string[],
  context: Context,
): Promise<Elder> {
  const doc = await db.elders.findOne(elderId).exec();
  if (!doc) throw new InvalidRecordError('id', 'unknown elder');
  const elder = plain<Elder>(doc);
  const ids = [...new Set(volunteerIds)];
  const before = new Set(elder.volunteerIds ?? []);
  const added = ids.filter((id) => !before.has(id));
  const found = await db.volunteers.findByIds(added).exec();
  for (const id of added) {
    const volunteer = found.get(id);
    if (!volunteer?.active || volunteer.town !== elder.town) {
      throw new InvalidRecordError('volunteerIds', `not an active volunteer of ${elder.town} (${id})`);
    }
  }
  return updateRecord(db, 'elders', context.userId, elderId, { volunteerIds: ids }, context.now);
}

/** A registered volunteer as a visit's participant, whose minutes the time bank can credit. */
export function participantOf(volunteer: Pick<Volunteer, 'id' | 'name'>, minutes: number): Participant {
  return { name: volunteer.name, minutes, volunteerId: volunteer.id };
}

/** A helper typed by name (a one-off helper, not on the register): marked unregistered. */
export function unregisteredParticipant(name: string, minutes: number): Participant {
  return { name, minutes, volunteerId: null };
}
