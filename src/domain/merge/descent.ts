// Whether one state of a record was made from another. The device uses it to find, among the states
// it pushed without hearing back, the one the server's copy was made from: the right base for
// merging when the server took a push whose answer was lost and others edited on top of it.
import type { DocumentTypes, MergedCollection } from '../schemas';
import { type Fields, fieldTime, ordinaryFields, sameValue } from './values';

/**
 * True when `later` holds every edit `earlier` made after `base` (the same value with the same edit
 * time), and there is at least one such edit. Edit times are per device clock and say nothing of
 * order between devices, so a state whose edit `later` does not hold is never taken as its
 * ancestor: choosing too old a base only puts more on the review list, too new a one loses edits.
 */
export function descendsFrom<C extends MergedCollection>(
  collection: C,
  later: DocumentTypes[C],
  earlier: DocumentTypes[C],
  base: DocumentTypes[C] | null,
): boolean {
  const [l, e, b] = [later, earlier, base] as (Fields | null)[] as [Fields, Fields, Fields | null];
  if (l.id !== e.id) return false;
  // A delete (or a bring-back) is an edit too, and has no edit time: a copy made from a pushed
  // delete is deleted. One that is not was made beside it, and taking the delete as its base would
  // make the copy's edit look like the only change, losing the delete with no review entry.
  const deletedByEarlier = b === null ? e._deleted === true : e._deleted !== b._deleted;
  if (deletedByEarlier && l._deleted !== e._deleted) return false;
  let edits = deletedByEarlier ? 1 : 0;
  for (const field of ordinaryFields(collection)) {
    // An optional field absent from both has no edit to hold (its time is just the updatedAt).
    if (e[field] === undefined && (b === null || b[field] === undefined)) continue;
    // Any edit time other than the base's is an edit, as in the merge (changedBy): not only a later
    // one, since a phone whose clock is behind dates its edits before the base's.
    const editedByEarlier =
      b === null ||
      !sameValue(field, e[field], b[field]) ||
      Date.parse(fieldTime(e, field)) !== Date.parse(fieldTime(b, field));
    if (!editedByEarlier) continue;
    if (!sameValue(field, l[field], e[field]) || fieldTime(l, field) !== fieldTime(e, field)) return false;
    edits += 1;
  }
  return edits > 0;
}
