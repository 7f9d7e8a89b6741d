// The register of elders: who is on it on a given day, and who would be entered twice. Pure.
import type { Elder } from './schemas';

type Registered = Pick<Elder, '_deleted' | 'registeredOn' | 'archivedOn'>;

/**
 * Whether the elder is on the register on `day` (YYYY-MM-DD, local): entered by then (an elder with
 * no registeredOn has been on it since before records kept the date) and not archived on or before
 * it. Without a day: on the register now, i.e. not archived. Archived elders keep their history but
 * are no longer planned or counted.
 */
export function isOnRegister(elder: Registered, day?: string): boolean {
  if (elder._deleted) return false;
  if (day === undefined) return elder.archivedOn == null;
  if (elder.registeredOn !== undefined && elder.registeredOn > day) return false;
  return elder.archivedOn == null || elder.archivedOn > day;
}

/** What makes two records one person: the same name (spaces ignored), birth date and community. */
export function duplicateKey(elder: Pick<Elder, 'name' | 'birthDate' | 'community'>): string {
  const name = elder.name.replace(/\s+/g, '');
  return [name, elder.birthDate, elder.community.trim()].join('|');
}

/** Another elder on the register (archived ones included) with `candidate`'s key, if any. */
export function findDuplicate<E extends Pick<Elder, 'id' | 'name' | 'birthDate' | 'community' | '_deleted'>>(
  candidate: Pick<Elder, 'id' | 'name' | 'birthDate' | 'community'>,
  elders: Iterable<E>,
): E | undefined {
  const key = duplicateKey(candidate);
  for (const elder of elders) {
    if (elder.id !== candidate.id && !elder._deleted && duplicateKey(elder) === key) return elder;
  }
  return undefined;
}
