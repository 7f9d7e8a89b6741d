// Which registered volunteers the visit form offers, in what order: those paired with the elder
// first (they are the ones who usually come), then the others of the elder's town, each group by
// name. Kept apart from the form so the order is tested without a browser, and from the register's
// form logic (volunteerForm.ts) so the visit form does not load it.
import type { Elder, Volunteer } from '../../domain/schemas';

/** The words of a search found in a volunteer's name, phone (its digits) or team. */
export function matchesVolunteer(
  volunteer: Pick<Volunteer, 'name' | 'phone' | 'team'>,
  text: string,
): boolean {
  const words = text.trim().toLowerCase().split(/\s+/).filter(Boolean);
  const haystack =
    `${volunteer.name} ${volunteer.phone} ${volunteer.phone.replace(/\D/g, '')} ${volunteer.team}`.toLowerCase();
  return words.every((word) => haystack.includes(word));
}

export interface VolunteerChoice {
  volunteer: Volunteer;
  /** Paired with the elder (结对帮扶). */
  paired: boolean;
}

/**
 * The active volunteers of the elder's town not yet among the visit's participants (`taken`, by id)
 * whose name, phone or team matches `query`: the elder's paired volunteers first.
 */
export function volunteerChoices(
  volunteers: readonly Volunteer[],
  elder: Pick<Elder, 'town' | 'volunteerIds'>,
  taken: ReadonlySet<string>,
  query = '',
): VolunteerChoice[] {
  const paired = new Set(elder.volunteerIds ?? []);
  const byName = (a: Volunteer, b: Volunteer) => a.name.localeCompare(b.name, 'zh-CN');
  const open = volunteers.filter(
    (v) => v.active && !v._deleted && v.town === elder.town && !taken.has(v.id) && matchesVolunteer(v, query),
  );
  return [
    ...open
      .filter((v) => paired.has(v.id))
      .sort(byName)
      .map((volunteer) => ({ volunteer, paired: true })),
    ...open
      .filter((v) => !paired.has(v.id))
      .sort(byName)
      .map((volunteer) => ({ volunteer, paired: false })),
  ];
}
