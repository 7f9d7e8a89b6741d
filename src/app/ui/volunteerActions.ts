// A coordinator's writes to the volunteers register and to pairings as the Manage screens call them
// (src/app/db/volunteers.ts, offline like every write). Kept out of src/app/db/hooks.ts, which is in
// the app's first load, so that only the Manage screens load these commands (as registerActions.ts).
import { useServices } from '../db/hooks';
import { addVolunteer, changeVolunteer, pairVolunteers, type VolunteerDraft } from '../db/volunteers';

export function useVolunteerActions() {
  const { db, session } = useServices();
  const context = { userId: session.user.id };
  return {
    add: (draft: VolunteerDraft, allowDuplicate = false) =>
      addVolunteer(db, draft, { ...context, allowDuplicate }),
    change: (id: string, patch: Partial<VolunteerDraft>) => changeVolunteer(db, id, patch, context),
    pair: (elderId: string, volunteerIds: readonly string[]) =>
      pairVolunteers(db, elderId, volunteerIds, context),
  };
}
