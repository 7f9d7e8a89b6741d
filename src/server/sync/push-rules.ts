// Who may write what. Each pushed row is checked against the caller and the records as stored, before
// anything is written; one refused row refuses the whole request (the transaction rolls back).
// Rows are checked whatever their outcome (write, no-op or conflict), so that a conflict never hands
// back a stored record the caller could not see.
import type { Elder, Schedule, User, Visit } from '../../domain/schemas';
import { forbidden, invalid } from './rejection';

/** Stored records the rules need, read inside the push's transaction. */
export interface RuleLookups {
  elder(id: string): Promise<Elder | undefined>;
  user(id: string): Promise<User | undefined>;
}

export type CheckedRow =
  | { collection: 'elders'; next: Elder; stored: Elder | undefined }
  | { collection: 'schedules'; next: Schedule; stored: Schedule | undefined }
  | { collection: 'visits'; next: Visit; stored: Visit | undefined }
  | { collection: 'users'; next: User; stored: User | undefined };

export async function checkPushRow(
  actor: User,
  row: CheckedRow,
  index: number,
  lookups: RuleLookups,
): Promise<void> {
  const field = (name: string) => `${index}.newDocumentState.${name}`;
  if (row.next.updatedBy !== actor.id) {
    throw forbidden('updatedBy must be the id of the signed-in user', field('updatedBy'));
  }
  switch (row.collection) {
    case 'users':
      throw forbidden('users are managed on the server');
    case 'elders':
      return actor.role === 'worker'
        ? checkElderByWorker(actor, row.next, row.stored, field)
        : checkElderByCoordinator(actor, row.next, row.stored, field, lookups);
    case 'schedules':
    case 'visits':
      if (actor.role === 'worker') await checkRecordByWorker(actor, row, field, lookups);
      else await checkRecordByCoordinator(actor, row.next, row.stored, field, lookups);
  }
}

type FieldName = (name: string) => string;

function checkElderByWorker(actor: User, next: Elder, stored: Elder | undefined, field: FieldName): void {
  if (stored === undefined) throw forbidden('only a coordinator can register an elder', field('id'));
  if (stored.assignedWorkerId !== actor.id) throw forbidden('this elder is not assigned to you', field('id'));
  if (next.assignedWorkerId !== stored.assignedWorkerId) {
    throw forbidden('only a coordinator can reassign an elder', field('assignedWorkerId'));
  }
  if (next.town !== stored.town)
    throw forbidden("only a coordinator can change an elder's town", field('town'));
}

async function checkElderByCoordinator(
  actor: User,
  next: Elder,
  stored: Elder | undefined,
  field: FieldName,
  lookups: RuleLookups,
): Promise<void> {
  if (!actor.towns.includes(next.town))
    throw forbidden('the elder is not in one of your towns', field('town'));
  if (stored !== undefined && !actor.towns.includes(stored.town)) {
    throw forbidden('the stored elder is not in one of your towns', field('town'));
  }
  const worker = await lookups.user(next.assignedWorkerId);
  if (
    worker === undefined ||
    worker._deleted ||
    worker.role !== 'worker' ||
    !worker.towns.includes(next.town)
  ) {
    throw invalid("assignedWorkerId must be a worker of the elder's town", field('assignedWorkerId'));
  }
}

async function checkRecordByWorker(
  actor: User,
  row: Extract<CheckedRow, { collection: 'schedules' | 'visits' }>,
  field: FieldName,
  lookups: RuleLookups,
): Promise<void> {
  const { next, stored } = row;
  const elder = await lookups.elder(next.elderId);
  if (elder === undefined || elder.assignedWorkerId !== actor.id) {
    throw forbidden('this elder is not assigned to you', field('elderId'));
  }
  if (next.town !== elder.town) throw invalid("town must be the elder's town", field('town'));
  if (stored !== undefined && stored.elderId !== next.elderId) {
    const storedElder = await lookups.elder(stored.elderId);
    if (storedElder === undefined || storedElder.assignedWorkerId !== actor.id) {
      throw forbidden('the stored record belongs to an elder not assigned to you', field('elderId'));
    }
  }
  if (row.collection === 'visits') {
    if (row.next.workerId !== actor.id) throw forbidden('workerId must be your own id', field('workerId'));
    if (row.stored !== undefined && row.stored.workerId !== actor.id) {
      throw forbidden("you cannot change another worker's visit", field('workerId'));
    }
  }
}

async function checkRecordByCoordinator(
  actor: User,
  next: Schedule | Visit,
  stored: Schedule | Visit | undefined,
  field: FieldName,
  lookups: RuleLookups,
): Promise<void> {
  if (!actor.towns.includes(next.town))
    throw forbidden('the record is not in one of your towns', field('town'));
  if (stored !== undefined && !actor.towns.includes(stored.town)) {
    throw forbidden('the stored record is not in one of your towns', field('town'));
  }
  const elder = await lookups.elder(next.elderId);
  if (elder === undefined) throw invalid('no such elder', field('elderId'));
  if (next.town !== elder.town) throw invalid("town must be the elder's town", field('town'));
}
