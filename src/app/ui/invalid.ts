import type { InvalidRecordError } from '../db/store';
import type { Messages } from './i18n';

/** Says which field of a form is wrong in the person's words, not the schema's path. */
export function explainInvalid(error: InvalidRecordError, t: Messages): string {
  const [field = '', index] = error.field.split('.');
  if (field === 'endedAt') return t.endBeforeStart;
  if (field === 'participants') return t.checkVolunteers;
  if (field === 'contacts' && index !== undefined) return t.checkContact(Number(index) + 1);
  return t.checkField(t.field[field] ?? field);
}
