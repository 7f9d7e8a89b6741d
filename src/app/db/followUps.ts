// Follow-ups asked for in visits: closing one keeps who closed it, when, and what was done, so the
// elder's profile can show closed ones under the open ones.
import type { Visit } from '../../domain/schemas';
import type { TanfangDatabase } from './database';
import { InvalidRecordError, updateRecord } from './store';

/** The visits of an elder that asked for a follow-up: open ones newest first, closed ones latest closed first. */
export function splitFollowUps(visits: readonly Visit[]): { open: Visit[]; closed: Visit[] } {
  const asked = visits.filter((v) => v.followUp.needed);
  const byStart = (a: Visit, b: Visit) => b.startedAt.localeCompare(a.startedAt);
  const closedAt = (v: Visit) => Date.parse(v.followUpDoneAt ?? '');
  return {
    open: asked.filter((v) => !v.followUpDoneAt).sort(byStart),
    closed: asked.filter((v) => v.followUpDoneAt).sort((a, b) => closedAt(b) - closedAt(a)),
  };
}

/**
 * Closes the follow-up of a visit as done by `userId` now, with a note of what was done. A blank note
 * is refused (InvalidRecordError on followUpDoneNote) and nothing is written. Any visit of an elder
 * the person may write can be closed: the author's or another's (see the server's push rules).
 */
export async function closeFollowUp(
  db: TanfangDatabase,
  userId: string,
  visitId: string,
  note: string,
  now: Date = new Date(),
): Promise<Visit> {
  const text = note.trim();
  if (text === '') throw new InvalidRecordError('followUpDoneNote', 'must not be empty');
  return updateRecord(
    db,
    'visits',
    userId,
    visitId,
    { followUpDoneAt: now.toISOString(), followUpDoneBy: userId, followUpDoneNote: text },
    now,
  );
}
