// The elder list's search and filters, kept for the browser tab (sessionStorage), so reloading the
// app or coming back from a profile does not reset them. Values a newer or older app stored that
// this one does not know fall back to "all".
import { ELDER_CATEGORIES, type ElderCategory, RISK_TIERS, type RiskTier } from '../../domain/schemas';
import type { ElderQuery } from '../../domain/search';

const KEY = 'tanfang.elderQuery';

export const EMPTY_QUERY: ElderQuery = { text: '', tiers: [], categories: [], sort: 'name' };

export function loadElderQuery(storage: Pick<Storage, 'getItem'>): ElderQuery {
  try {
    const saved = JSON.parse(storage.getItem(KEY) ?? 'null') as Partial<ElderQuery> | null;
    if (!saved || typeof saved !== 'object') return EMPTY_QUERY;
    const tiers = Array.isArray(saved.tiers) ? saved.tiers : [];
    const categories = Array.isArray(saved.categories) ? saved.categories : [];
    return {
      text: typeof saved.text === 'string' ? saved.text : '',
      tiers: tiers.filter((tier): tier is RiskTier => (RISK_TIERS as readonly string[]).includes(tier)),
      categories: categories.filter((c): c is ElderCategory =>
        (ELDER_CATEGORIES as readonly string[]).includes(c),
      ),
      sort: saved.sort === 'longest_unvisited' ? 'longest_unvisited' : 'name',
    };
  } catch {
    return EMPTY_QUERY;
  }
}

export function saveElderQuery(storage: Pick<Storage, 'setItem'>, query: ElderQuery): void {
  try {
    storage.setItem(KEY, JSON.stringify(query));
  } catch {
    // Storage full or refused (private mode): the filters then last until the app closes.
  }
}
