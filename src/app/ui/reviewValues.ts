// A review entry's values as a person reads them: dates in words, names for the ids of workers and
// volunteers, the names of tiers, categories and the other choices, lists with the language's own
// list mark. A review stores each value as JSON text (canonicalJson), whatever its field.
import type { MergedCollection } from '../../domain/schemas';
import { formatDateTime } from './format';
import type { Locale, Messages } from './i18n';
import type { ReviewMessages } from './i18nReview';

export interface ReviewNames {
  user(id: string): string;
  volunteer(id: string): string;
}

export interface ValueContext {
  t: Messages;
  r: ReviewMessages;
  locale: Locale;
  names: ReviewNames;
}

const LOCAL_DATES = new Set(['birthDate', 'consentDate', 'registeredOn', 'archivedOn', 'plannedDate']);
const INSTANTS = new Set(['startedAt', 'endedAt', 'followUpDoneAt']);
const USERS = new Set(['assignedWorkerId', 'workerId', 'followUpDoneBy']);

const dayFormats = new Map<Locale, Intl.DateTimeFormat>();

/** A calendar day with its year (a birth date needs one): 2026年12月7日, December 7, 2026. */
export function formatLongDate(date: string, locale: Locale): string {
  let format = dayFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { dateStyle: 'long' });
    dayFormats.set(locale, format);
  }
  const [y, m, d] = date.split('-').map(Number);
  return format.format(new Date(y ?? 1970, (m ?? 1) - 1, d ?? 1));
}

/** The name of a choice from one of the label maps, or the stored value when a newer app made it. */
function named(map: Readonly<Record<string, string>>, value: unknown): string {
  return map[String(value)] ?? String(value);
}

function list(items: readonly string[], c: ValueContext): string {
  return items.length === 0 ? c.r.empty : items.join(c.r.listMark);
}

/** The names of a field's choices (one, or a set of them), when it has a fixed list. */
function choiceNames(field: string, { t, r }: ValueContext): Readonly<Record<string, string>> | undefined {
  const byField: Readonly<Record<string, Readonly<Record<string, string>>>> = {
    categories: t.category,
    safetyRisks: t.risk,
    services: t.service,
    riskTier: t.tier,
    capability: t.capability,
    archiveReason: r.archiveReason,
    kind: t.scheduleKind,
    status: r.scheduleStatus,
    missedReason: t.missedReason,
    mode: t.mode,
  };
  return byField[field];
}

/** Each kind of value a person reads differently, by field. */
function readable(collection: MergedCollection, field: string, value: unknown, c: ValueContext): string {
  const { t, r, locale, names } = c;
  if (value === null || value === undefined || value === '') return r.empty;
  if (field === '_deleted') return value === true ? r.recordDeleted : r.recordKept;
  if (LOCAL_DATES.has(field)) return formatLongDate(String(value), locale);
  if (INSTANTS.has(field)) return formatDateTime(String(value), locale);
  if (USERS.has(field)) return names.user(String(value));
  const choices = choiceNames(field, c);
  if (choices) {
    return Array.isArray(value)
      ? list(
          value.map((v) => named(choices, v)),
          c,
        )
      : named(choices, value);
  }
  const items = Array.isArray(value) ? (value as unknown[]) : [];
  switch (field) {
    case 'volunteerIds':
      return list(
        items.map((id) => names.volunteer(String(id))),
        c,
      );
    case 'contacts':
      return list(
        items.map((item) => contact(item as Contact, c)),
        c,
      );
    case 'participants':
      return list(
        items.map((item) => participant(item as Participant, c)),
        c,
      );
    case 'followUp':
      return followUp(value as FollowUp, c);
    case 'wish':
      return wish(value as Wish, c);
    case 'gender':
      return value === 'female' ? r.female : r.male;
    case 'consentGiven':
      return value === true ? t.consentGiven : t.consentMissing;
    case 'active':
      return value === true ? r.active : r.inactive;
    case 'birthYear':
      return r.yearOf(Number(value));
  }
  if (typeof value === 'boolean') return value ? r.yes : r.no;
  return collection === 'volunteers' || typeof value === 'string' ? String(value) : JSON.stringify(value);
}

interface Contact {
  name: string;
  relation: string;
  phone: string;
  emergency: boolean;
}
interface Participant {
  name: string;
  minutes: number;
  volunteerId?: string | null;
}
interface FollowUp {
  needed: boolean;
  urgency: string;
  note: string;
}
interface Wish {
  text: string;
  fulfilledAt: string | null;
}

function inBrackets(main: string, details: readonly string[], c: ValueContext): string {
  const shown = details.filter((d) => d !== '');
  if (shown.length === 0) return main;
  return c.locale === 'en' ? `${main} (${shown.join(', ')})` : `${main}（${shown.join('，')}）`;
}

function contact(item: Contact, c: ValueContext): string {
  return inBrackets(item.name, [item.relation, item.phone, item.emergency ? c.r.emergency : ''], c);
}

function participant(item: Participant, c: ValueContext): string {
  const name = item.volunteerId ? c.names.volunteer(item.volunteerId) : item.name;
  return `${name} ${c.r.minutes(item.minutes)}`;
}

function followUp(value: FollowUp, c: ValueContext): string {
  if (!value.needed) return c.r.noFollowUp;
  const head = c.r.followUpNeeded(named(c.t.urgency, value.urgency));
  return value.note ? `${head}${c.locale === 'en' ? ': ' : '：'}${value.note}` : head;
}

function wish(value: Wish, c: ValueContext): string {
  const fulfilled = value.fulfilledAt ? [c.r.fulfilledOn(formatDateTime(value.fulfilledAt, c.locale))] : [];
  return inBrackets(value.text, fulfilled, c);
}

/** One side's value of a review entry (its JSON text) as a person reads it. */
export function reviewValue(
  collection: MergedCollection,
  field: string,
  json: string,
  c: ValueContext,
): string {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return json;
  }
  return readable(collection, field, value, c);
}

/** A value cut short for a button's label; the whole value is shown above the buttons. */
export function shortened(text: string, max = 24): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}
