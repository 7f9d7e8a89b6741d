// The rules a form asks of what a person types (src/domain/plausible.ts), asked again of every pushed
// change, so a device that skips its form cannot store a visit that has not happened yet or a phone
// that is no number. "Now" is the server's clock at the request, never the device's.
import {
  IMPLAUSIBLE_MESSAGES,
  type Implausible,
  implausibleElder,
  implausibleVisit,
  implausibleVolunteer,
} from '../../domain/plausible';
import type { CheckedRow } from './push-rules';
import { invalid } from './rejection';

/** Refuses (400 naming the row's field) a row that breaks one of the rules in what it changes. */
export function checkPlausible(row: CheckedRow, index: number, serverTime: string): void {
  let broken: Implausible | null = null;
  if (row.collection === 'visits') broken = implausibleVisit(row.next, row.stored, new Date(serverTime));
  else if (row.collection === 'elders') broken = implausibleElder(row.next, row.stored);
  else if (row.collection === 'volunteers') broken = implausibleVolunteer(row.next, row.stored);
  if (broken === null) return;
  throw invalid(
    `${broken.field} ${IMPLAUSIBLE_MESSAGES[broken.rule]}`,
    `${index}.newDocumentState.${broken.field}`,
  );
}
