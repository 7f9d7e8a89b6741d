// The values the model's devices write: unique per write wherever the field allows it, so the final
// data tells which write a value came from, and which writes a device had seen when it wrote.
import type { MergedCollection } from '../../src/domain/schemas';

/** A note edit writes this token (appended or instead of the text); merged notes keep the tokens. */
export function noteToken(uid: number): string {
  return `⟦${uid}⟧`;
}

export function uniqueValue(field: string, uid: number): unknown {
  switch (field) {
    case 'phone':
      return `139${String(uid).padStart(8, '0')}`;
    case 'livingSituation':
      return `独居 #${uid}`;
    case 'needs':
      return `需求 #${uid}`;
    case 'plannedDate':
      return new Date(Date.UTC(2027, 0, 1) + uid * 86_400_000).toISOString().slice(0, 10);
    default:
      throw new Error(`no unique value for ${field}`);
  }
}

/**
 * How the model reads a field: 'unique' values are the writes' own, 'enum' values repeat (a match
 * may be another write's), 'note' holds tokens, 'set' is merged as a set.
 */
export type FieldKind = 'unique' | 'enum' | 'note' | 'set';

export const EDITED_FIELDS: Record<MergedCollection, Record<string, FieldKind>> = {
  elders: {
    phone: 'unique',
    livingSituation: 'unique',
    capability: 'enum',
    notes: 'note',
    categories: 'set',
  },
  schedules: { note: 'note', plannedDate: 'unique', status: 'enum', missedReason: 'enum', visitId: 'unique' },
  visits: {
    notes: 'note',
    needs: 'unique',
    services: 'set',
    safetyRisks: 'set',
    endedAt: 'unique',
    startedAt: 'unique',
    mode: 'enum',
  },
  // The devices of the model are a worker's: they never edit the volunteers register.
  volunteers: {},
};

/**
 * Fields an edit command may choose, by the role of the device's user; missedReason and visitId
 * change with status and visits. A worker edits an elder's contact details and notes, a
 * coordinator also the capability and categories (src/domain/access.ts, WORKER_ELDER_FIELDS).
 */
export const EDITABLE: Record<'worker' | 'coordinator', Record<MergedCollection, readonly string[]>> = {
  worker: {
    elders: ['phone', 'notes'],
    schedules: ['note', 'plannedDate', 'status'],
    visits: ['notes', 'services', 'endedAt', 'startedAt'],
    volunteers: [],
  },
  coordinator: {
    elders: ['phone', 'capability', 'notes', 'categories'],
    schedules: ['note', 'plannedDate', 'status'],
    visits: ['notes', 'services', 'endedAt', 'startedAt'],
    volunteers: [],
  },
};

export function fieldKind(collection: MergedCollection, field: string): FieldKind {
  return EDITED_FIELDS[collection][field] ?? 'enum';
}

/** The tokens ⟦n⟧ in a text. */
export function tokensIn(text: string): string[] {
  return text.match(/⟦\d+⟧/g) ?? [];
}
