// The volunteers register: the volunteers of the manager's towns from the device's database, found
// by name, phone or team and filtered by town, community, team and status; drawn 50 at a time.
import { useMemo, useState } from 'preact/hooks';
import { coversTown } from '../../domain/access';
import type { User, Volunteer } from '../../domain/schemas';
import { useElders, useVolunteers } from '../db/hooks';
import { useT } from './i18n';
import { useVolunteerT } from './i18nVolunteers';
import { Choice } from './RegisterPage';
import { hrefFor } from './router';
import { filterVolunteers, NO_VOLUNTEER_FILTER, type VolunteerFilter } from './volunteerForm';
import { volunteersHref } from './volunteersRoute';

const PAGE_ROWS = 50;

/** The distinct non-empty values of `pick` among `volunteers`, in Chinese order. */
function valuesOf(volunteers: readonly Volunteer[], pick: (v: Volunteer) => string): string[] {
  return [...new Set(volunteers.map(pick))].filter(Boolean).sort((a, b) => a.localeCompare(b, 'zh-CN'));
}

/** Options whose label is their value. */
const pairsOf = (values: readonly string[]) => values.map((value): [string, string] => [value, value]);

export function VolunteersPage({ me }: { me: User }) {
  const t = useT();
  const v = useVolunteerT();
  const all = useVolunteers({ includeInactive: true });
  const elders = useElders();
  const [filter, setFilter] = useState<VolunteerFilter>(NO_VOLUNTEER_FILTER);
  const [rows, setRows] = useState(PAGE_ROWS);
  const volunteers = useMemo(() => (all ?? []).filter((x) => coversTown(me, x.town)), [all, me]);
  const inTown = useMemo(
    () => volunteers.filter((x) => !filter.town || x.town === filter.town),
    [volunteers, filter.town],
  );
  const matches = useMemo(() => filterVolunteers(volunteers, filter), [volunteers, filter]);
  const pairings = useMemo(() => {
    const count = new Map<string, number>();
    for (const elder of elders ?? []) {
      if (elder.archivedOn != null) continue;
      for (const id of elder.volunteerIds ?? []) count.set(id, (count.get(id) ?? 0) + 1);
    }
    return count;
  }, [elders]);
  if (!all) return <p class="muted">{t.loading}</p>;

  const towns = me.role === 'admin' ? valuesOf(volunteers, (x) => x.town) : me.towns;
  const set = (patch: Partial<VolunteerFilter>) => {
    setFilter({ ...filter, ...patch });
    setRows(PAGE_ROWS);
  };
  const shown = matches.slice(0, rows);

  return (
    <main>
      <a class="back" href={hrefFor({ name: 'manage' })}>
        ← {v.back}
      </a>
      <h1>{v.title}</h1>
      <a class="button primary" href={volunteersHref('new')}>
        {v.addVolunteer}
      </a>
      <div class="form">
        <label>
          {v.search}
          <input
            type="search"
            name="search"
            value={filter.text}
            placeholder={v.searchPlaceholder}
            onInput={(e) => set({ text: e.currentTarget.value })}
          />
        </label>
        <div class="filters">
          <Choice
            label={v.labels.town}
            name="town"
            value={filter.town}
            options={pairsOf(towns)}
            onChange={(town) => set({ town, community: '', team: '' })}
          />
          <Choice
            label={v.labels.community}
            name="community"
            value={filter.community}
            options={pairsOf(valuesOf(inTown, (x) => x.community))}
            onChange={(community) => set({ community })}
          />
          <Choice
            label={v.labels.team}
            name="team"
            value={filter.team}
            options={pairsOf(valuesOf(inTown, (x) => x.team))}
            onChange={(team) => set({ team })}
          />
          <Choice
            label={v.status}
            name="status"
            value={filter.status}
            options={[
              ['active', v.active],
              ['inactive', v.inactive],
            ]}
            onChange={(status) => set({ status: status as VolunteerFilter['status'] })}
          />
        </div>
      </div>
      <p class="muted" data-testid="volunteer-count">
        {matches.length === 0 ? v.noMatch : v.shown(shown.length, matches.length)}
      </p>
      <ul class="list" data-testid="volunteers">
        {shown.map((volunteer) => (
          <li key={volunteer.id} data-volunteer-name={volunteer.name}>
            <a class="row" href={volunteersHref(volunteer.id)}>
              <span class="grow">
                <strong>{volunteer.name}</strong>
                {volunteer.active ? null : <span class="tag">{v.inactiveBadge}</span>}
                <span class="muted block">
                  {volunteer.town} {volunteer.community} · {volunteer.team || v.noTeam}
                </span>
                <span class="muted block">
                  {[
                    volunteer.phone,
                    volunteer.zhiyuanNumber,
                    pairings.has(volunteer.id) && v.pairedCount(pairings.get(volunteer.id) ?? 0),
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                </span>
              </span>
            </a>
          </li>
        ))}
      </ul>
      {shown.length < matches.length ? (
        <button type="button" class="show-all" onClick={() => setRows(rows + PAGE_ROWS)}>
          {v.showMore(Math.min(PAGE_ROWS, matches.length - shown.length))}
        </button>
      ) : null}
    </main>
  );
}
