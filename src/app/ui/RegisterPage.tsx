// The register of elders: every elder of the manager's towns from the device's database, found by
// name, address or community and filtered, sorted by name; a town's thousands drawn 50 at a time.
import { useMemo, useState } from 'preact/hooks';
import { coversTown } from '../../domain/access';
import { RISK_TIERS, type User } from '../../domain/schemas';
import { useElders, useUsers } from '../db/hooks';
import { caseloadHref } from './caseloadRoute';
import { useT } from './i18n';
import { useCaseloadT } from './i18nCaseload';
import { useImportT } from './i18nImport';
import { useRegisterT } from './i18nRegister';
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

const PAGE_ROWS = 50;

export function RegisterPage({ me }: { me: User }) {
  const t = useT();
  const r = useRegisterT();
  const importT = useImportT();
  const c = useCaseloadT();
  const allElders = useElders();
  const users = useUsers();
  const [filter, setFilter] = useState<RegisterFilter>(NO_FILTER);
  const [rows, setRows] = useState(PAGE_ROWS);
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
  const towns = useMemo(
    () => (me.role === 'admin' ? [...new Set(elders.map((e) => e.town))].sort() : me.towns),
    [elders, me],
  );
  const communities = useMemo(
    () =>
      [...new Set(elders.filter((e) => !filter.town || e.town === filter.town).map((e) => e.community))]
        .filter(Boolean)
        .sort((a, b) => a.localeCompare(b, 'zh-CN')),
    [elders, filter.town],
  );
  if (!allElders || !users) return <p class="muted">{t.loading}</p>;

  const set = (patch: Partial<RegisterFilter>) => {
    setFilter({ ...filter, ...patch });
    setRows(PAGE_ROWS);
  };
  const shown = matches.slice(0, rows);

  return (
    <main>
      <a class="back" href={hrefFor({ name: 'manage' })}>
        ← {r.back}
      </a>
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
        <label>
          {r.search}
          <input
            type="search"
            name="search"
            value={filter.text}
            placeholder={r.searchPlaceholder}
            onInput={(e) => set({ text: e.currentTarget.value })}
          />
        </label>
        <div class="filters">
          <Choice
            label={r.town}
            name="town"
            value={filter.town}
            options={towns.map((town) => [town, town])}
            onChange={(town) => set({ town, community: '', worker: '' })}
          />
          <Choice
            label={r.community}
            name="community"
            value={filter.community}
            options={communities.map((community) => [community, community])}
            onChange={(community) => set({ community })}
          />
          <Choice
            label={r.tier}
            name="tier"
            value={filter.tier}
            options={RISK_TIERS.map((tier) => [tier, t.tier[tier]])}
            onChange={(tier) => set({ tier })}
          />
          <Choice
            label={r.worker}
            name="worker"
            value={filter.worker}
            options={[['none', r.noWorker], ...workers.map((w): [string, string] => [w.id, w.displayName])]}
            onChange={(worker) => set({ worker })}
          />
          <label>
            {r.status}
            <select
              name="status"
              value={filter.status}
              onChange={(e) => set({ status: e.currentTarget.value as RegisterFilter['status'] })}
            >
              <option value="on">{r.onRegister}</option>
              <option value="archived">{r.archived}</option>
              <option value="all">{r.all}</option>
            </select>
          </label>
        </div>
        <label class="choice">
          <input
            type="checkbox"
            name="noConsent"
            checked={filter.noConsent}
            onChange={(e) => set({ noConsent: e.currentTarget.checked })}
          />
          {r.noConsent}
        </label>
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
      {shown.length < matches.length ? (
        <button type="button" class="show-all" onClick={() => setRows(rows + PAGE_ROWS)}>
          {r.showMore(Math.min(PAGE_ROWS, matches.length - shown.length))}
        </button>
      ) : null}
    </main>
  );
}

/** A filter's select: "all", then `options` as [value, label]. The volunteers list uses it too. */
export function Choice({
  label,
  name,
  value,
  options,
  onChange,
}: {
  label: string;
  name: string;
  value: string;
  options: readonly (readonly [string, string])[];
  onChange: (value: string) => void;
}) {
  const r = useRegisterT();
  return (
    <label>
      {label}
      <select name={name} value={value} onChange={(e) => onChange(e.currentTarget.value)}>
        <option value="">{r.all}</option>
        {options.map(([option, text]) => (
          <option key={option} value={option}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}
