// Which clashes are settled by rule alone. Apart from values.ts, with no runtime imports, so the
// app's first load can hide such entries without loading the schemas.
import type { MergedCollection } from '../schemas';

/**
 * Fields no person edits: the links of a planned visit or a visit to the records it belongs to
 * (elder, worker, the visit that closed a plan, the plan a visit closed) and the town that follows
 * the elder. Nobody could judge a clash of two ids, so theirs are settled by the ordinary rules and
 * never go on the review list. An elder's worker and paired volunteers are a coordinator's
 * decisions, and a town of an elder or a volunteer is typed in the register: those are reviewed.
 */
const RULE_FIELDS: Readonly<Record<MergedCollection, readonly string[]>> = {
  elders: [],
  schedules: ['elderId', 'town', 'workerId', 'visitId'],
  visits: ['elderId', 'town', 'workerId', 'scheduleId'],
  volunteers: [],
};

/** Whether a clash on this field is settled by rule alone, with no review entry. */
export function settledByRule(collection: MergedCollection, field: string): boolean {
  return RULE_FIELDS[collection].includes(field);
}

/**
 * Whether a review entry belongs on the review list (and in the sync bar's count): not one on a
 * field settled by rule, which an older version of the app may have saved.
 */
export function shownForReview(review: { collectionName: MergedCollection; field: string }): boolean {
  return !settledByRule(review.collectionName, review.field);
}
