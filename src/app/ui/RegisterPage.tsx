// The register of elders: every elder of the manager's towns from the device's database, found by
// name, address or community and filtered, sorted by name; a town's thousands drawn 50 at a time.
import { useMemo } from 'preact/hooks';
import { coversTown } from '../../domain/access';
import { RISK_TIERS, type User } from '../../domain/schemas';
import { useElders, useUsers } from '../db/hooks';
import { BackLink } from './BackLink';
import { Checkbox } from './Choices';
import { caseloadHref } from './caseloadRoute';
import { useT } from './i18n';
import { useCaseloadT } from './i18nCaseload';
import { useImportT } from './i18nImport';
import { useRegisterT } from './i18nRegister';
import {
  Choice,
  distinctValues,
  PlaceChoices,
  SearchField,
  ShowMore,
  townsOfManager,
  usePagedFilter,
  workerOptions,
} from './ListFilters';
import {
  filterRegister,
  NO_FILTER,
  type RegisterFilter,
  registerSearchKeys,
  workersOf,
} from './registerActions';
import { IMPORT_SEGMENT, registerHref } from './registerRoute';
import { hrefFor } from './router';
import { TierBadge } from './Today';

export function RegisterPage({ me }: { me: User }) {
  const t = useT();
  const r = useRegisterT();
  const importT = useImportT();
  const c = useCaseloadT();
  const allElders = useElders();
  const users = useUsers();
  const { filter, narrow, rows, showMore } = usePagedFilter<RegisterFilter>(NO_FILTER);
  const elders = useMemo(
    () => (allElders ?? []).filter((elder) => coversTown(me, elder.town)),
    [allElders, me],
  );
  const workers = useMemo(() => workersOf(users ?? [], filter.town), [users, filter.town]);
  const active = useMemo(() => new Set(workersOf(users ?? [], '').map((u) => u.id)), [users]);
  const names = useMemo(() => new Map((users ?? []).map((u) => [u.id, u.displayName])), [users]);
  const searchKeys = useMemo(() => registerSearchKeys(elders), [elders]);
  const matches = useMemo(
    () => filterRegister(elders, filter, active, searchKeys),
    [elders, filter, active, searchKeys],
  );
  const towns = useMemo(() => townsOfManager(me, elders), [elders, me]);
  const communities = useMemo(
    () =>
      distinctValues(elders.filter((e) => !filter.town || e.town === filter.town).map((e) => e.community)),
    [elders, filter.town],
  );
  if (!allElders || !users) return <p class="muted">{t.loading}</p>;

  const shown = matches.slice(0, rows);

  return (
    <main>
      <BackLink href={hrefFor({ name: 'manage' })} label={r.back} />
      <h1>{r.title}</h1>
      <div class="actions">
        <a class="button primary" href={registerHref('new')}>
          {r.registerElder}
        </a>
        <a class="button" href={registerHref(IMPORT_SEGMENT)}>
          {importT.link}
        </a>
      </div>
      <div class="form">
        <SearchField
          label={r.search}
          placeholder={r.searchPlaceholder}
          value={filter.text}
          onInput={(text) => narrow({ text })}
        />
        <div class="filters">
          <PlaceChoices
            labels={r}
            town={filter.town}
            community={filter.community}
            towns={towns}
            communities={communities}
            onTown={(town) => narrow({ town, community: '', worker: '' })}
            onCommunity={(community) => narrow({ community })}
          />
          <Choice
            label={r.tier}
            name="tier"
            value={filter.tier}
            options={RISK_TIERS.map((tier) => [tier, t.tier[tier]])}
            onChange={(tier) => narrow({ tier })}
          />
          <Choice
            label={r.worker}
            name="worker"
            value={filter.worker}
            options={workerOptions(workers, r.noWorker)}
            onChange={(worker) => narrow({ worker })}
          />
          <label>
            {r.status}
            <select
              name="status"
              value={filter.status}
              onChange={(e) => narrow({ status: e.currentTarget.value as RegisterFilter['status'] })}
            >
              <option value="on">{r.onRegister}</option>
              <option value="archived">{r.archived}</option>
              <option value="all">{r.all}</option>
            </select>
          </label>
        </div>
        <Checkbox
          name="noConsent"
          label={r.noConsent}
          checked={filter.noConsent}
          onChange={(noConsent) => narrow({ noConsent })}
        />
      </div>
      <p class="muted" data-testid="register-count">
        {matches.length === 0 ? r.noMatch : r.shown(shown.length, matches.length)}
      </p>
      {filter.worker && filter.worker !== 'none' ? (
        <p>
          <a href={caseloadHref(filter.worker)}>{c.moveFiltered(names.get(filter.worker) ?? '')}</a>
        </p>
      ) : null}
      <ul class="list" data-testid="register">
        {shown.map((elder) => (
          <li key={elder.id} data-elder-name={elder.name}>
            <a class="row" href={registerHref(elder.id)}>
              <span class="grow">
                <strong>{elder.name}</strong> <TierBadge elder={elder} t={t} />
                {elder.archivedOn != null ? <span class="tag">{r.archivedBadge}</span> : null}
                {elder.consentGiven ? null : <span class="tag">{r.noConsentBadge}</span>}
                <span class="muted block">
                  {elder.town} {elder.community} · {elder.address}
                </span>
                <span class="muted block">
                  {r.workerIs(
                    (active.has(elder.assignedWorkerId) && names.get(elder.assignedWorkerId)) ||
                      r.noWorkerName,
                  )}
                </span>
              </span>
            </a>
          </li>
        ))}
      </ul>
      <ShowMore shown={shown.length} total={matches.length} label={r.showMore} onMore={showMore} />
    </main>
  );
}
