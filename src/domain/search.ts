// Finding elders as a worker types: by name, address or community, filtered by tier and category,
// sorted by name or by how long since the last visit.
import { daysBetween } from './cadence';
import { compareNames } from './names';
import type { Elder, ElderCategory, RiskTier } from './schemas';

export interface ElderQuery {
  text: string;
  tiers: readonly RiskTier[];
  categories: readonly ElderCategory[];
  sort: 'name' | 'longest_unvisited';
}

export interface ElderMatch {
  elder: Elder;
  lastVisitDate: string | null;
  /** Null when never visited. */
  daysSinceVisit: number | null;
}

export function searchElders(
  elders: readonly Elder[],
  lastVisits: ReadonlyMap<string, string>,
  query: ElderQuery,
  today: string,
): ElderMatch[] {
  const words = query.text.trim().toLowerCase().split(/\s+/).filter(Boolean);
  const matches: ElderMatch[] = [];
  for (const elder of elders) {
    if (elder._deleted) continue;
    if (query.tiers.length > 0 && !query.tiers.includes(elder.riskTier)) continue;
    if (query.categories.length > 0 && !query.categories.every((c) => elder.categories.includes(c))) continue;
    if (words.length > 0) {
      const haystack = `${elder.name} ${elder.address} ${elder.community} ${elder.phone}`.toLowerCase();
      if (!words.every((word) => haystack.includes(word))) continue;
    }
    const lastVisitDate = lastVisits.get(elder.id) ?? null;
    matches.push({
      elder,
      lastVisitDate,
      // A visit dated after today (stored before the server refused such visits, or from a phone
      // whose clock ran ahead) counts as today's: never "-13 days since a visit".
      daysSinceVisit: lastVisitDate ? Math.max(0, daysBetween(lastVisitDate, today)) : null,
    });
  }
  if (query.sort === 'name') return matches.sort((a, b) => compareNames(a.elder.name, b.elder.name));
  // Never visited first, then the longest since the last visit.
  return matches.sort(
    (a, b) =>
      (b.daysSinceVisit ?? Number.POSITIVE_INFINITY) - (a.daysSinceVisit ?? Number.POSITIVE_INFINITY) ||
      compareNames(a.elder.name, b.elder.name),
  );
}
