// Correcting a recorded visit with the visit form: the form starts from the visit, and only what the
// person changed in the form is written, so each corrected field (and no other) gets their name and
// time, and merges with other edits like any edit.
import type { Visit } from '../../domain/schemas';
import { toLocalInput } from './format';
import { type DraftForm, toVisitDraft } from './visitDraft';

/** The visit form filled in with a recorded visit. */
export function draftFromVisit(visit: Visit): DraftForm {
  return {
    mode: visit.mode,
    startedAt: toLocalInput(new Date(visit.startedAt)),
    endedAt: toLocalInput(new Date(visit.endedAt)),
    livingSituation: visit.livingSituation,
    safetyRisks: visit.safetyRisks,
    physicalState: visit.physicalState,
    mentalState: visit.mentalState,
    services: visit.services,
    needs: visit.needs,
    followUp: visit.followUp,
    participants: visit.participants.map((p) => ({
      name: p.name,
      minutes: String(p.minutes),
      ...(p.volunteerId ? { volunteerId: p.volunteerId } : {}),
    })),
    wish: visit.wish?.text ?? '',
    notes: visit.notes,
  };
}

export type Correction = { patch: Partial<Visit> } | { refused: 'wishCannotBeRemoved' };

/**
 * The fields the form changed, as record values. Compared in the form's terms, not the record's: a
 * time shown to the minute, or a participant stored without a volunteerId, would otherwise read as
 * changed when the person left it alone. A wish keeps its fulfilment when only reworded; a wish
 * cannot be removed (a record's field cannot be taken away by an edit).
 */
export function correctionOf(visit: Visit, form: DraftForm): Correction {
  const before = draftFromVisit(visit);
  const record = toVisitDraft(form, visit.elderId, visit.scheduleId);
  const changed = (key: keyof DraftForm) => JSON.stringify(before[key]) !== JSON.stringify(form[key]);
  const patch: Partial<Visit> = {};
  const copied = [
    'mode',
    'startedAt',
    'endedAt',
    'livingSituation',
    'safetyRisks',
    'physicalState',
    'mentalState',
    'services',
    'needs',
    'followUp',
    'participants',
    'notes',
  ] as const;
  for (const key of copied) {
    if (changed(key)) Object.assign(patch, { [key]: record[key] });
  }
  if (form.wish.trim() !== (visit.wish?.text ?? '')) {
    if (form.wish.trim() === '') {
      if (visit.wish) return { refused: 'wishCannotBeRemoved' };
    } else {
      patch.wish = { text: form.wish.trim(), fulfilledAt: visit.wish?.fulfilledAt ?? null };
    }
  }
  return { patch };
}
