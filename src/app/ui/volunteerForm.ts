// The volunteers register's form and list as plain data: the form's state and the record it makes,
// what is wrong with it (by field, named as the schema names them), and the list's filter. Kept apart
// from the screens so the rules are tested without a browser.
import { type User, VOLUNTEER_BIRTH_YEARS, Volunteer } from '../../domain/schemas';
import type { VolunteerDraft } from '../db/volunteers';
import { matchesVolunteer } from './volunteerChoices';

/** The fields of the volunteer form, as the schema names them. */
export type VolunteerField = 'name' | 'phone' | 'birthYear' | 'town' | 'community' | 'team' | 'zhiyuanNumber';

/** What is wrong with a field; the screens put it in the person's words. */
export type VolunteerProblem = 'required' | 'choose' | 'phone' | 'birthYear' | 'tooLong';

export type VolunteerProblems = Partial<Record<VolunteerField, VolunteerProblem>>;

/** The form as typed: the birth year is text until it is checked. */
export interface VolunteerFormState {
  name: string;
  phone: string;
  birthYear: string;
  town: string;
  community: string;
  team: string;
  zhiyuanNumber: string;
  active: boolean;
}

export function blankVolunteerForm(me: Pick<User, 'role' | 'towns'>): VolunteerFormState {
  return {
    name: '',
    phone: '',
    birthYear: '',
    // A coordinator of one town has nothing to choose.
    town: me.role !== 'admin' && me.towns.length === 1 ? (me.towns[0] ?? '') : '',
    community: '',
    team: '',
    zhiyuanNumber: '',
    active: true,
  };
}

export function volunteerFormOf(volunteer: Volunteer): VolunteerFormState {
  return {
    name: volunteer.name,
    phone: volunteer.phone,
    birthYear: String(volunteer.birthYear),
    town: volunteer.town,
    community: volunteer.community,
    team: volunteer.team,
    zhiyuanNumber: volunteer.zhiyuanNumber ?? '',
    active: volunteer.active,
  };
}

/** The record the form describes, its texts trimmed; a blank 志愿中山 number is none. */
export function volunteerDraftOf(form: VolunteerFormState): VolunteerDraft {
  const number = form.zhiyuanNumber.trim();
  return {
    name: form.name.trim(),
    phone: form.phone.trim(),
    birthYear: Number(form.birthYear.trim()),
    town: form.town,
    community: form.community.trim(),
    team: form.team.trim(),
    zhiyuanNumber: number === '' ? null : number,
    active: form.active,
  };
}

/**
 * A phone number as people write them here: a mobile (13800138000), a landline with its area code
 * (0760-88881234), perhaps with spaces or a leading +86. Blank is allowed: not everyone gives one.
 */
export function isPhoneNumber(phone: string): boolean {
  const value = phone.trim();
  if (value === '') return true;
  if (!/^\+?[\d\s-]+$/.test(value)) return false;
  const digits = value.replace(/\D/g, '').length;
  return digits >= 7 && digits <= 15;
}

/** A four-digit year within the register's range (the schema's). */
function isBirthYear(text: string): boolean {
  const value = text.trim();
  if (!/^\d{4}$/.test(value)) return false;
  const year = Number(value);
  return year >= VOLUNTEER_BIRTH_YEARS.min && year <= VOLUNTEER_BIRTH_YEARS.max;
}

const FIELDS: readonly VolunteerField[] = [
  'name',
  'phone',
  'birthYear',
  'town',
  'community',
  'team',
  'zhiyuanNumber',
];

/** Every field of the form that is wrong, none when the record can be written. */
export function checkVolunteerForm(form: VolunteerFormState, userId: string): VolunteerProblems {
  const problems: VolunteerProblems = {};
  if (form.name.trim() === '') problems.name = 'required';
  if (!isPhoneNumber(form.phone)) problems.phone = 'phone';
  if (form.birthYear.trim() === '') problems.birthYear = 'required';
  else if (!isBirthYear(form.birthYear)) problems.birthYear = 'birthYear';
  if (form.town === '') problems.town = 'choose';
  // What is left for the schema to refuse is a text too long for its field.
  const result = Volunteer.safeParse({
    ...volunteerDraftOf(form),
    // Any id: the record's own is made when it is written.
    id: '00000000-0000-7000-8000-000000000000',
    fieldTimes: {},
    updatedAt: new Date().toISOString(),
    updatedBy: userId,
    _deleted: false,
  });
  if (!result.success) {
    for (const issue of result.error.issues) {
      const field = FIELDS.find((f) => f === issue.path[0]);
      if (field && !problems[field]) problems[field] = 'tooLong';
    }
  }
  return problems;
}

/** The fields whose value differs from `before`: what an edit writes. */
export function changedFields(draft: VolunteerDraft, before: VolunteerDraft): Partial<VolunteerDraft> {
  const patch: Partial<VolunteerDraft> = {};
  for (const key of Object.keys(draft) as (keyof VolunteerDraft)[]) {
    if (draft[key] !== before[key]) Object.assign(patch, { [key]: draft[key] });
  }
  return patch;
}

export interface VolunteerFilter {
  text: string;
  town: string;
  community: string;
  team: string;
  /** '' for all, serving or stopped. */
  status: 'active' | 'inactive' | '';
}

export const NO_VOLUNTEER_FILTER: VolunteerFilter = {
  text: '',
  town: '',
  community: '',
  team: '',
  status: 'active',
};

/** The volunteers matching `filter`, in the order given (the database's: by name). */
export function filterVolunteers(volunteers: readonly Volunteer[], filter: VolunteerFilter): Volunteer[] {
  return volunteers.filter(
    (v) =>
      !v._deleted &&
      (filter.status === '' || v.active === (filter.status === 'active')) &&
      (!filter.town || v.town === filter.town) &&
      (!filter.community || v.community === filter.community) &&
      (!filter.team || v.team === filter.team) &&
      matchesVolunteer(v, filter.text),
  );
}
