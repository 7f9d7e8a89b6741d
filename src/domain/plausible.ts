// What a record may well be valid for its schema yet not be true: a visit that has not happened yet,
// a visit that records nothing, a phone number that is no number. The visit form, the device's
// store and the server's push all ask these, so a device that skips its form cannot push what the
// form refuses. They are rules, not schema patterns: records stored before them stay valid, and the
// device's RxDB schemas (derived from the zod schemas) need no new version.
// Only what a write changes is asked about: a stored record that breaks a rule can still be edited
// in its other fields. Pure.
import { toLocalDate } from './cadence';
import type { Elder, Schedule, Visit, Volunteer } from './schemas';

/** How far after "now" a visit may start: a phone's clock a few minutes ahead of the server's. */
export const FUTURE_START_LEEWAY_MS = 10 * 60_000;

/** The rule a record broke: `field` is the record's own path ("contacts.1.phone"), `rule` says which. */
export interface Implausible {
  field: string;
  rule: 'phone' | 'futureStart' | 'emptyVisit' | 'pastDate';
}

/**
 * A phone number as people write it here: a mobile (13800138000), a landline with its area code
 * (0760-88881234, (0760)88881234), a short service number (12349), perhaps with spaces or +86.
 * As wide as the register's import takes, so nothing imported is refused when it syncs. Blank is
 * allowed: not everyone gives one.
 */
export function isPhoneNumber(phone: string): boolean {
  const value = phone.trim();
  if (value === '') return true;
  if (!/^\+?[\d\s\-()（）]+$/.test(value)) return false;
  const digits = value.replace(/\D/g, '').length;
  return digits >= 5 && digits <= 20;
}

/** True when the visit starts more than the leeway after `now`. */
export function startsInFuture(startedAt: string, now: Date): boolean {
  return Date.parse(startedAt) > now.getTime() + FUTURE_START_LEEWAY_MS;
}

type VisitContent = Pick<
  Visit,
  | 'livingSituation'
  | 'safetyRisks'
  | 'physicalState'
  | 'mentalState'
  | 'services'
  | 'needs'
  | 'followUp'
  | 'participants'
  | 'notes'
  | 'wish'
>;

/** True when a visit records nothing a person could read back: no text, no risk, service or helper. */
export function recordsNothing(visit: VisitContent): boolean {
  const texts = [
    visit.livingSituation,
    visit.physicalState,
    visit.mentalState,
    visit.needs,
    visit.notes,
    visit.followUp.note,
    visit.wish?.text ?? '',
  ];
  return (
    texts.every((text) => text.trim() === '') &&
    visit.safetyRisks.length === 0 &&
    visit.services.length === 0 &&
    visit.participants.length === 0 &&
    !visit.followUp.needed
  );
}

/** The first rule a new or edited visit breaks; `stored` is the visit before the edit, if any. */
export function implausibleVisit(next: Visit, stored: Visit | undefined, now: Date): Implausible | null {
  if (next._deleted) return null;
  if (stored?.startedAt !== next.startedAt && startsInFuture(next.startedAt, now)) {
    return { field: 'startedAt', rule: 'futureStart' };
  }
  // Only a new visit: one stored before this rule, or emptied by a merge, stays editable.
  if (stored === undefined && recordsNothing(next)) return { field: 'livingSituation', rule: 'emptyVisit' };
  return null;
}

/**
 * A planned visit moved to a day before the local day of `now`: a visit cannot be rescheduled
 * into the past. Asked on the device only: the server does not know which day it is where the worker
 * is, and merges and caseload moves rewrite planned visits without a person choosing a date.
 */
export function implausibleSchedule(
  next: Schedule,
  stored: Schedule | undefined,
  now: Date,
): Implausible | null {
  // A new plan is the app's own (cadence, rounds, major events); a person moves an existing one.
  if (stored === undefined || next._deleted || next.status !== 'planned') return null;
  if (next.plannedDate !== stored.plannedDate && next.plannedDate < toLocalDate(now)) {
    return { field: 'plannedDate', rule: 'pastDate' };
  }
  return null;
}

/** The first phone of an elder (their own, then their contacts') that an edit set to no number. */
export function implausibleElder(next: Elder, stored: Elder | undefined): Implausible | null {
  if (next.phone !== stored?.phone && !isPhoneNumber(next.phone)) return { field: 'phone', rule: 'phone' };
  const before = new Set((stored?.contacts ?? []).map((contact) => contact.phone));
  for (const [index, contact] of next.contacts.entries()) {
    if (!before.has(contact.phone) && !isPhoneNumber(contact.phone)) {
      return { field: `contacts.${index}.phone`, rule: 'phone' };
    }
  }
  return null;
}

/** A volunteer's phone set to no number. */
export function implausibleVolunteer(next: Volunteer, stored: Volunteer | undefined): Implausible | null {
  if (next.phone !== stored?.phone && !isPhoneNumber(next.phone)) return { field: 'phone', rule: 'phone' };
  return null;
}

/** What each rule means, in the server's English (the app says it in the person's language). */
export const IMPLAUSIBLE_MESSAGES: Record<Implausible['rule'], string> = {
  phone: 'must be a phone number (digits, spaces, -, + or brackets)',
  futureStart: 'must not be more than 10 minutes after the server’s clock',
  emptyVisit: 'a visit must record something: a situation, a service, a risk, a need or a note',
  pastDate: 'must not be before today',
};
