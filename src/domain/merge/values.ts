// What the merge needs to know about fields and values: which fields are sets or free-text notes,
// when two values are the same, which edit time is later, and how to write a value as JSON.
import { canonicalJson } from '../fingerprint';
import {
  documentSchemas,
  ELDER_CATEGORIES,
  type FieldTimes,
  type MergedCollection,
  SAFETY_RISKS,
  SERVICES,
} from '../schemas';

export { settledByRule } from './ruleFields';
export { canonicalJson };

/** A record of a merged collection, seen field by field. */
export type Fields = Record<string, unknown> & {
  id: string;
  fieldTimes: FieldTimes;
  updatedAt: string;
  updatedBy: string;
  _deleted: boolean;
};

/** Fields every record has that are not merged as ordinary fields. */
export const AUDIT_FIELDS: ReadonlySet<string> = new Set([
  'id',
  'updatedAt',
  'updatedBy',
  'fieldTimes',
  '_deleted',
]);

/**
 * Set-like fields and the order their merged arrays are written in (the enum's order; ids, which
 * have none, in code-unit order).
 */
const SET_FIELDS: Readonly<Record<MergedCollection, Readonly<Record<string, readonly string[]>>>> = {
  elders: { categories: ELDER_CATEGORIES, volunteerIds: [] },
  schedules: {},
  visits: { services: SERVICES, safetyRisks: SAFETY_RISKS },
  volunteers: {},
};
const SET_FIELD_NAMES: ReadonlySet<string> = new Set(
  Object.values(SET_FIELDS).flatMap((fields) => Object.keys(fields)),
);

/** Free-text notes: edited on both sides, both texts are kept. A volunteer's record has none. */
const NOTE_FIELDS: Readonly<Record<MergedCollection, string | null>> = {
  elders: 'notes',
  schedules: 'note',
  visits: 'notes',
  volunteers: null,
};

export type FieldKind = 'set' | 'notes' | 'status' | 'plain';

export function fieldKind(collection: MergedCollection, field: string): FieldKind {
  if (SET_FIELDS[collection][field]) return 'set';
  if (NOTE_FIELDS[collection] === field) return 'notes';
  if (collection === 'schedules' && field === 'status') return 'status';
  return 'plain';
}

/** The set fields of a collection. */
export function setFields(collection: MergedCollection): readonly string[] {
  return Object.keys(SET_FIELDS[collection]);
}

export function setOrder(collection: MergedCollection, field: string): readonly string[] {
  return SET_FIELDS[collection][field] ?? [];
}

const FIELDS: Readonly<Record<MergedCollection, readonly string[]>> = {
  elders: Object.keys(documentSchemas.elders.shape),
  schedules: Object.keys(documentSchemas.schedules.shape),
  visits: Object.keys(documentSchemas.visits.shape),
  volunteers: Object.keys(documentSchemas.volunteers.shape),
};

/** Every field of a collection's records, in the schema's order. */
export function allFields(collection: MergedCollection): readonly string[] {
  return FIELDS[collection];
}

/** The ordinary (merged) fields of a collection, in the schema's order. */
export function ordinaryFields(collection: MergedCollection): readonly string[] {
  return FIELDS[collection].filter((key) => !AUDIT_FIELDS.has(key));
}

/** Whether `value` is valid for this field of the collection's schema (e.g. a combined note's length). */
export function fitsField(collection: MergedCollection, field: string, value: unknown): boolean {
  const shape: Record<string, { safeParse(input: unknown): { success: boolean } }> =
    documentSchemas[collection].shape;
  return shape[field]?.safeParse(value).success ?? false;
}

/**
 * Set fields compare as sets (order and repeats do not count; a set a record lacks, as records
 * older than the field do, is empty); other fields structurally.
 */
export function sameValue(field: string, a: unknown, b: unknown): boolean {
  if (SET_FIELD_NAMES.has(field) && (Array.isArray(a) || Array.isArray(b))) {
    const [x, y] = [a ?? [], b ?? []];
    if (Array.isArray(x) && Array.isArray(y))
      return canonicalJson(asSortedSet(x)) === canonicalJson(asSortedSet(y));
  }
  return a === b || canonicalJson(a) === canonicalJson(b);
}

function asSortedSet(values: readonly unknown[]): string[] {
  return [...new Set(values.map((v) => canonicalJson(v)))].sort();
}

/** When this side last edited `field`: its fieldTimes entry, else the record's updatedAt. */
export function fieldTime(doc: Fields, field: string): string {
  return doc.fieldTimes[field] ?? doc.updatedAt;
}

/** Compares two instants (which may carry different offsets); negative when `a` is earlier. */
export function compareInstants(a: string, b: string): number {
  const diff = Date.parse(a) - Date.parse(b);
  if (Number.isNaN(diff)) return compareText(a, b);
  return diff;
}

/** The earlier of two instants; of two spellings of the same instant, the first in text order. */
export function earlierInstant(a: string, b: string): string {
  const order = compareInstants(a, b) || compareText(a, b);
  return order <= 0 ? a : b;
}

/** Code-unit order: the same on every device, unlike localeCompare. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
