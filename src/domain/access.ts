// Who may see and manage what, by role and towns: the rules both the server (which enforces them)
// and the app (which shows only what may be done) follow. Pure: no I/O.
//
// - A worker sees the elders assigned to them; a coordinator every elder of their towns; an admin
//   every town.
// - Accounts: an admin manages everyone, coordinators included; a coordinator manages the workers
//   of their own towns only; a worker manages no one. No one can give a role or a town they do not
//   hold themselves (an admin holds every role and town).
// - Places: only an admin changes the place list; a town's visit cadence is set by an admin or by a
//   coordinator of that town.
import type { Role, User } from './schemas';

type Holder = Pick<User, 'role' | 'towns'>;

/** Whether `user` has `town`: one of their towns, or any town for an admin. */
export function coversTown(user: Holder, town: string): boolean {
  return user.role === 'admin' || user.towns.includes(town);
}

/** Whether `user` has every one of `towns`. */
export function coversTowns(user: Holder, towns: readonly string[]): boolean {
  return towns.every((town) => coversTown(user, town));
}

/** Whether `user` has at least one of `towns` (people who share a town see each other's names). */
export function sharesTown(user: Holder, towns: readonly string[]): boolean {
  return user.role === 'admin' || towns.some((town) => user.towns.includes(town));
}

/** The roles `actor` may give to an account they create or manage. */
export function rolesManagedBy(actor: Holder): readonly Role[] {
  switch (actor.role) {
    case 'admin':
      return ['worker', 'coordinator', 'admin'];
    case 'coordinator':
      return ['worker'];
    case 'worker':
      return [];
  }
}

/** Whether `actor` may create or change an account with this role and these towns. */
export function mayManageAccount(actor: Holder, account: Holder): boolean {
  return rolesManagedBy(actor).includes(account.role) && coversTowns(actor, account.towns);
}

/** Whether `user` manages a programme (the register, pairing, plans): a coordinator or an admin. */
export function isManager(user: Pick<User, 'role'>): boolean {
  return user.role !== 'worker';
}

/** Whether `user` may change the place list. */
export function mayEditPlaces(user: Pick<User, 'role'>): boolean {
  return user.role === 'admin';
}

/** Whether `user` may set the visit cadence of `town`: an admin, or a coordinator of the town. */
export function maySetCadence(user: Holder, town: string): boolean {
  return isManager(user) && coversTown(user, town);
}

/**
 * What a worker may change of an elder assigned to them: what they find out in the field, the
 * elder's contact details (phone, address, contacts), living situation, health and notes. Every
 * other field (who the elder is, the register's entry and exit, the tier, the consent, the
 * assignment and pairings) is a coordinator's. A worker never deletes an elder: a coordinator
 * archives one (archivedOn and archiveReason).
 */
export const WORKER_ELDER_FIELDS: ReadonlySet<string> = new Set([
  'phone',
  'address',
  'contacts',
  'livingSituation',
  'health',
  'notes',
]);
