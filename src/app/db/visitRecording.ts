// Recording a visit with what follows from it: the visit and its planned visit (store.ts), then
// the elder's next routine visits planned from the visit (register.ts), not from the day the last
// one had been planned for. Kept apart from store.ts, which the first load holds: the planning
// loads with the first visit recorded.
import { cadenceOf, type RulesOf, toLocalDate } from '../../domain/cadence';
import type { Visit } from '../../domain/schemas';
import { readCachedPlaces } from '../placesCache';
import type { TanfangDatabase } from './database';
import { replanAfterVisit } from './register';
import { recordVisit, type VisitDraft } from './store';

/**
 * Records a visit made by `userId` (store.ts's recordVisit) and replans the elder's routine visits
 * from it by `rules` (by default each town's cadence as this device last fetched the place list,
 * as Today counts due dates). The visit is written first: if the app dies before the planning, the
 * visit is kept, and the next change of the elder's plans starts from it.
 */
export async function recordVisitAndReplan(
  db: TanfangDatabase,
  userId: string,
  draft: VisitDraft,
  now: Date = new Date(),
  rules: RulesOf = townRules(),
): Promise<Visit> {
  const visit = await recordVisit(db, userId, draft, now);
  await replanAfterVisit(db, visit.elderId, { userId, today: toLocalDate(now), rules, now });
  return visit;
}

/** Each town's cadence from the device's copy of the place list (the defaults where it has none). */
function townRules(): RulesOf {
  const places = readCachedPlaces();
  return (town) => cadenceOf(places, town);
}
