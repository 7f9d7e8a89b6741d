import { useMemo, useState } from 'preact/hooks';
import { toLocalDate } from '../../domain/cadence';
import { ELDER_CATEGORIES, type ElderCategory, RISK_TIERS, type RiskTier } from '../../domain/schemas';
import { type ElderQuery, searchElders } from '../../domain/search';
import { useElders, useLastVisitDates } from '../db/hooks';
import { loadElderQuery, saveElderQuery } from './elderQuery';
import { useT } from './i18n';
import { hrefFor } from './router';
import { TierBadge } from './Today';

/** The worker's elders, found by name, address or community as they type. */
export function EldersPage() {
  const t = useT();
  const elders = useElders();
  const [query, setQueryState] = useState<ElderQuery>(() => loadElderQuery(sessionStorage));
  const setQuery = (next: ElderQuery) => {
    setQueryState(next);
    saveElderQuery(sessionStorage, next);
  };
  const lastVisits = useLastVisitDates();
  const today = toLocalDate(new Date());
  const matches = useMemo(
    () => searchElders(elders ?? [], lastVisits ?? new Map(), query, today),
    [elders, lastVisits, query, today],
  );
  if (!elders || !lastVisits) return <p class="muted">{t.loading}</p>;

  return (
    <main>
      <h1>{t.eldersTab}</h1>
      <div class="form">
        <label>
          {t.searchLabel}
          <input
            type="search"
            name="search"
            value={query.text}
            placeholder={t.searchPlaceholder}
            onInput={(e) => setQuery({ ...query, text: e.currentTarget.value })}
          />
        </label>
        <div class="filters">
          <label>
            {t.tierLabel}
            <select
              name="tier"
              value={query.tiers[0] ?? ''}
              onChange={(e) => {
                const tier = e.currentTarget.value as RiskTier | '';
                setQuery({ ...query, tiers: tier ? [tier] : [] });
              }}
            >
              <option value="">{t.all}</option>
              {RISK_TIERS.map((tier) => (
                <option key={tier} value={tier}>
                  {t.tier[tier]}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t.categories}
            <select
              name="category"
              value={query.categories[0] ?? ''}
              onChange={(e) => {
                const category = e.currentTarget.value as ElderCategory | '';
                setQuery({ ...query, categories: category ? [category] : [] });
              }}
            >
              <option value="">{t.all}</option>
              {ELDER_CATEGORIES.map((category) => (
                <option key={category} value={category}>
                  {t.category[category]}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t.sortLabel}
            <select
              name="sort"
              value={query.sort}
              onChange={(e) => setQuery({ ...query, sort: e.currentTarget.value as ElderQuery['sort'] })}
            >
              <option value="name">{t.sortByName}</option>
              <option value="longest_unvisited">{t.sortByUnvisited}</option>
            </select>
          </label>
        </div>
      </div>
      <p class="muted" data-testid="elder-count">
        {t.shownOf(matches.length, elders.length)}
      </p>
      {matches.length === 0 && elders.length > 0 ? (
        <p role="status" data-testid="no-match">
          {t.noElderMatch}
        </p>
      ) : null}
      <ul class="list" data-testid="elders-results">
        {matches.map(({ elder, daysSinceVisit }) => (
          <li key={elder.id}>
            <a class="row" href={hrefFor({ name: 'elder', elderId: elder.id })}>
              <span class="grow">
                <strong>{elder.name}</strong> <TierBadge elder={elder} t={t} />
                <span class="muted block">
                  {elder.community} · {elder.address}
                </span>
              </span>
              <span class="muted small right">
                {daysSinceVisit === null ? t.neverVisited : t.daysSinceVisit(daysSinceVisit)}
              </span>
            </a>
          </li>
        ))}
      </ul>
    </main>
  );
}
