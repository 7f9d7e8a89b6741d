// The committed demo data (seeds/demo.json), moved in time so that it always looks current: generated
// as of its baseDate, it is shifted by the whole days from there to the day the server first starts,
// so there are overdue, due-today and coming visits whatever that day is.
import { readFileSync } from 'node:fs';
import type { Dataset } from '../src/domain/dataset';
import { addDaysToDate, daysFromTo, isLocalDate, shiftInstant } from './dates';

export const DEMO_FILE = new URL('./demo.json', import.meta.url);

/** seeds/demo.json: a dataset and the day it was generated as of. */
export interface DemoFile extends Dataset {
  baseDate: string;
}

export function readDemoFile(): DemoFile {
  const file = JSON.parse(readFileSync(DEMO_FILE, 'utf8')) as DemoFile;
  if (typeof file.baseDate !== 'string' || !isLocalDate(file.baseDate)) {
    throw new Error(`${DEMO_FILE.pathname}: baseDate must be a date YYYY-MM-DD`);
  }
  return file;
}

/** The demo dataset as if it had been generated on `today` (YYYY-MM-DD, the region's local day). */
export function loadDemoDataset(today: string): Dataset {
  if (!isLocalDate(today))
    throw new RangeError(`today must be a date YYYY-MM-DD, got ${JSON.stringify(today)}`);
  const { baseDate, ...dataset } = readDemoFile();
  return shiftDataset(dataset, daysFromTo(baseDate, today));
}

/** The fields of T that hold text, or may be absent or null (an optional date stays as it is then). */
type StringField<T> = {
  [K in keyof T]-?: Exclude<T[K], null | undefined> extends string ? K : never;
}[keyof T];

interface ShiftedFields<T> {
  /** Calendar days, YYYY-MM-DD. */
  dates: ReadonlyArray<StringField<T>>;
  /** ISO instants; the offset is kept as written. */
  instants: ReadonlyArray<StringField<T>>;
}

/**
 * Every field that moves, per collection. Elders' birthDate stays: an elder does not get younger.
 * A new date or instant field in the schemas must be added here.
 */
const SHIFTED: { [C in keyof Dataset]-?: ShiftedFields<NonNullable<Dataset[C]>[number]> } = {
  users: { dates: [], instants: ['updatedAt'] },
  // A birth year stays, as an elder's birth date does.
  volunteers: { dates: [], instants: ['updatedAt'] },
  elders: { dates: ['registeredOn', 'consentDate', 'archivedOn'], instants: ['updatedAt'] },
  schedules: { dates: ['plannedDate'], instants: ['updatedAt'] },
  visits: { dates: [], instants: ['startedAt', 'endedAt', 'updatedAt'] },
};

function shiftRecord<T extends object>(record: T, fields: ShiftedFields<T>, days: number): T {
  const copy: T = { ...record };
  for (const field of fields.dates) {
    const value = record[field];
    if (typeof value === 'string') copy[field] = addDaysToDate(value, days) as T[typeof field];
  }
  for (const field of fields.instants) {
    const value = record[field];
    if (typeof value === 'string') copy[field] = shiftInstant(value, days) as T[typeof field];
  }
  return copy;
}

/** A copy of `dataset` with every date and instant (but birth dates) moved by `days` whole days. */
export function shiftDataset(dataset: Dataset, days: number): Dataset {
  if (!Number.isInteger(days)) throw new RangeError(`days must be a whole number, got ${days}`);
  return {
    users: dataset.users.map((user) => shiftRecord(user, SHIFTED.users, days)),
    elders: dataset.elders.map((elder) => shiftRecord(elder, SHIFTED.elders, days)),
    schedules: dataset.schedules.map((schedule) => shiftRecord(schedule, SHIFTED.schedules, days)),
    visits: dataset.visits.map((visit) => shiftRecord(visit, SHIFTED.visits, days)),
    ...(dataset.volunteers && {
      volunteers: dataset.volunteers.map((volunteer) => shiftRecord(volunteer, SHIFTED.volunteers, days)),
    }),
  };
}
