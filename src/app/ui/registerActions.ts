// The register's writes as the screens call them (src/app/db/register.ts, offline like every write),
// and the register list's filter. Kept out of src/app/db/hooks.ts so only these screens load them.
import { cadenceOf, toLocalDate } from '../../domain/cadence';
import type { ArchiveReason, Elder, User } from '../../domain/schemas';
import { useServices } from '../db/hooks';
import { archiveElder, changeElder, type ElderDraft, registerElder, restoreElder } from '../db/register';
import { readCachedPlaces } from '../places';

export function useRegisterActions() {
  const { db, session } = useServices();
  // Plans follow the elder's town's cadence as the device last fetched it (offline too).
  const context = () => {
    const places = readCachedPlaces();
    return {
      userId: session.user.id,
      today: toLocalDate(new Date()),
      rules: (town: string) => cadenceOf(places, town),
    };
  };
  return {
    register: (draft: ElderDraft, allowDuplicate = false) =>
      registerElder(db, draft, { ...context(), allowDuplicate }),
    change: (id: string, patch: Partial<ElderDraft>) => changeElder(db, id, patch, context()),
    archive: (id: string, on: string, reason: ArchiveReason) =>
      archiveElder(db, id, { on, reason }, context()),
    restore: (id: string) => restoreElder(db, id, context()),
  };
}

export interface RegisterFilter {
  text: string;
  town: string;
  community: string;
  tier: string;
  /** A worker's id, '' for any, or 'none' for elders with no worker in use. */
  worker: string;
  status: 'on' | 'archived' | 'all';
  noConsent: boolean;
}

export const NO_FILTER: RegisterFilter = {
  text: '',
  town: '',
  community: '',
  tier: '',
  worker: '',
  status: 'on',
  noConsent: false,
};

/** The workers in use (not disabled) of `town`, or of any town when it is ''. */
export function workersOf(users: readonly User[], town: string): User[] {
  return users
    .filter((u) => u.role === 'worker' && u.disabled !== true && (town === '' || u.towns.includes(town)))
    .sort((a, b) => a.displayName.localeCompare(b.displayName, 'zh-CN'));
}

/**
 * What the search box looks in for each of `elders` (name, address, community, lower-cased), in
 * their order. Made once when the list arrives, so a keystroke over a city's 10,000 elders only
 * compares texts (building them took most of a keystroke's time at 4× CPU).
 */
export function registerSearchKeys(elders: readonly Elder[]): string[] {
  return elders.map((elder) => `${elder.name} ${elder.address} ${elder.community}`.toLowerCase());
}

/** The elders matching `filter`, sorted by name (the list comes sorted from the database). */
export function filterRegister(
  elders: readonly Elder[],
  filter: RegisterFilter,
  activeWorkers: ReadonlySet<string>,
  searchKeys: readonly string[] = registerSearchKeys(elders),
): Elder[] {
  const words = filter.text.trim().toLowerCase().split(/\s+/).filter(Boolean);
  return elders.filter((elder, index) => {
    if (elder._deleted) return false;
    const archived = elder.archivedOn != null;
    if (filter.status === 'on' && archived) return false;
    if (filter.status === 'archived' && !archived) return false;
    if (filter.town && elder.town !== filter.town) return false;
    if (filter.community && elder.community !== filter.community) return false;
    if (filter.tier && elder.riskTier !== filter.tier) return false;
    if (filter.worker === 'none' && activeWorkers.has(elder.assignedWorkerId)) return false;
    if (filter.worker && filter.worker !== 'none' && elder.assignedWorkerId !== filter.worker) return false;
    if (filter.noConsent && elder.consentGiven) return false;
    if (words.length === 0) return true;
    const haystack = searchKeys[index] ?? '';
    return words.every((word) => haystack.includes(word));
  });
}
