// The volunteers register: the volunteers of the manager's towns from the device's database, found
// by name, phone or team and filtered by town, community, team and status; drawn 50 at a time.
import { useMemo } from 'preact/hooks';
import { coversTown } from '../../domain/access';
import type { User } from '../../domain/schemas';
import { useElders, useVolunteers } from '../db/hooks';
import { BackLink } from './BackLink';
import { useT } from './i18n';
import { useVolunteerT } from './i18nVolunteers';
import {
  Choice,
  distinctValues,
  PlaceChoices,
  pairsOf,
  SearchField,
  ShowMore,
  usePagedFilter,
} from './ListFilters';
import { hrefFor } from './router';
import { filterVolunteers, NO_VOLUNTEER_FILTER, type VolunteerFilter } from './volunteerForm';
import { volunteersHref } from './volunteersRoute';

export function VolunteersPage({ me }: { me: User }) {
  const t = useT();
  const v = useVolunteerT();
  const all = useVolunteers({ includeInactive: true });
  const elders = useElders();
  const { filter, narrow, rows, showMore } = usePagedFilter<VolunteerFilter>(NO_VOLUNTEER_FILTER);
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

  const towns = me.role === 'admin' ? distinctValues(volunteers.map((x) => x.town)) : me.towns;
  const shown = matches.slice(0, rows);

  return (
    <main>
      <BackLink href={hrefFor({ name: 'manage' })} label={v.back} />
      <h1>{v.title}</h1>
      <a class="button primary" href={volunteersHref('new')}>
        {v.addVolunteer}
      </a>
      <div class="form">
        <SearchField
          label={v.search}
          placeholder={v.searchPlaceholder}
          value={filter.text}
          onInput={(text) => narrow({ text })}
        />
        <div class="filters">
          <PlaceChoices
            labels={v.labels}
            town={filter.town}
            community={filter.community}
            towns={towns}
            communities={distinctValues(inTown.map((x) => x.community))}
            onTown={(town) => narrow({ town, community: '', team: '' })}
            onCommunity={(community) => narrow({ community })}
          />
          <Choice
            label={v.labels.team}
            name="team"
            value={filter.team}
            options={pairsOf(distinctValues(inTown.map((x) => x.team)))}
            onChange={(team) => narrow({ team })}
          />
          <Choice
            label={v.status}
            name="status"
            value={filter.status}
            options={[
              ['active', v.active],
              ['inactive', v.inactive],
            ]}
            onChange={(status) => narrow({ status: status as VolunteerFilter['status'] })}
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
      <ShowMore shown={shown.length} total={matches.length} label={v.showMore} onMore={showMore} />
    </main>
  );
}
