// Whether one state of a record was made from another. The device uses it to find, among the states
// it pushed without hearing back, the one the server's copy was made from: the right base for
// merging when the server took a push whose answer was lost and others edited on top of it.
import type { DocumentTypes, MergedCollection } from '../schemas';
import { type Fields, fieldTime, ordinaryFields, sameValue } from './values';

/**
 * True when `later` comes from `earlier`: every field either keeps earlier's value or was edited
 * after earlier's edit of it, and at least one field that `earlier` edited after `base` still holds
 * earlier's value and time in `later` (evidence that it was made from `earlier`, not beside it).
 */
export function descendsFrom<C extends MergedCollection>(
  collection: C,
  later: DocumentTypes[C],
  earlier: DocumentTypes[C],
  base: DocumentTypes[C] | null,
): boolean {
  const [l, e, b] = [later, earlier, base] as (Fields | null)[] as [Fields, Fields, Fields | null];
  if (l.id !== e.id) return false;
  let evidence = false;
  for (const field of ordinaryFields(collection)) {
    const kept = sameValue(field, l[field], e[field]);
    if (!kept && Date.parse(fieldTime(l, field)) <= Date.parse(fieldTime(e, field))) return false;
    // Evidence is an edit `earlier` made after the base's (an older value it merely shares with
    // an ancestor of `later` proves nothing), found in `later` with the same value and time.
    const editedByEarlier = b === null || Date.parse(fieldTime(e, field)) > Date.parse(fieldTime(b, field));
    if (kept && editedByEarlier && fieldTime(l, field) === fieldTime(e, field)) evidence = true;
  }
  return evidence;
}
