// The visit being typed, saved on every change so that closing the app mid-visit loses nothing.
import type { Visit } from '../../domain/schemas';
import type { VisitDraft } from '../db/store';
import { toLocalInput } from './format';

export interface DraftForm {
  mode: Visit['mode'];
  /** datetime-local values, local time; empty until "arrived" is tapped or a time is typed. */
  startedAt: string;
  endedAt: string;
  livingSituation: string;
  safetyRisks: Visit['safetyRisks'];
  physicalState: string;
  mentalState: string;
  services: Visit['services'];
  needs: string;
  followUp: Visit['followUp'];
  /** Who took part: `volunteerId` names a volunteer picked from the register; absent for one typed. */
  participants: DraftParticipant[];
  wish: string;
  notes: string;
}

export interface DraftParticipant {
  name: string;
  minutes: string;
  volunteerId?: string;
}

export function emptyDraft(): DraftForm {
  return {
    mode: 'home',
    startedAt: '',
    endedAt: '',
    livingSituation: '',
    safetyRisks: [],
    physicalState: '',
    mentalState: '',
    services: [],
    needs: '',
    followUp: { needed: false, urgency: 'normal', note: '' },
    participants: [],
    wish: '',
    notes: '',
  };
}

const PREFIX = 'tanfang.draft.';

function keyFor(userId: string, elderId: string): string {
  return `${PREFIX}${userId}.${elderId}`;
}

export function loadDraft(storage: Storage, userId: string, elderId: string): DraftForm | null {
  try {
    const raw = storage.getItem(keyFor(userId, elderId));
    return raw ? { ...emptyDraft(), ...(JSON.parse(raw) as Partial<DraftForm>) } : null;
  } catch {
    return null;
  }
}

export function saveDraft(storage: Storage, userId: string, elderId: string, draft: DraftForm): void {
  storage.setItem(keyFor(userId, elderId), JSON.stringify(draft));
}

export function clearDraft(storage: Storage, userId: string, elderId: string): void {
  storage.removeItem(keyFor(userId, elderId));
}

/** Drafts are personal data too: signing out removes them. */
export function clearAllDrafts(storage: Storage): void {
  const keys: string[] = [];
  for (let i = 0; i < storage.length; i++) {
    const key = storage.key(i);
    if (key?.startsWith(PREFIX)) keys.push(key);
  }
  for (const key of keys) storage.removeItem(key);
}

export function nowInput(now: Date = new Date()): string {
  return toLocalInput(now);
}

/**
 * The record the form describes. A visit with no end time ends now; one started without tapping
 * "arrived" started now too. Blank volunteer rows are left out; a volunteer typed by name rather than
 * picked from the register is saved as unregistered (volunteerId null): the time bank credits no one.
 * Minutes are required of each one.
 */
export function toVisitDraft(
  form: DraftForm,
  elderId: string,
  scheduleId: string | null,
  now: Date = new Date(),
): VisitDraft {
  const startedAt = form.startedAt ? new Date(form.startedAt) : now;
  const endedAt = form.endedAt ? new Date(form.endedAt) : now;
  return {
    mode: form.mode,
    elderId,
    scheduleId,
    startedAt: startedAt.toISOString(),
    endedAt: endedAt.toISOString(),
    livingSituation: form.livingSituation,
    safetyRisks: form.safetyRisks,
    physicalState: form.physicalState,
    mentalState: form.mentalState,
    services: form.services,
    needs: form.needs,
    followUp: form.followUp,
    participants: form.participants
      .filter((p) => p.name.trim() !== '')
      .map((p) => ({
        name: p.name.trim(),
        // Blank minutes are no number, so the record is refused rather than crediting 0 minutes.
        minutes: p.minutes.trim() === '' ? Number.NaN : Number(p.minutes),
        volunteerId: p.volunteerId ?? null,
      })),
    notes: form.notes,
    ...(form.wish.trim() && { wish: { text: form.wish.trim(), fulfilledAt: null } }),
  };
}
