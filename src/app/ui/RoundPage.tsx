// An extra round of visits for a group on one day (a festival, a heat wave): the coordinator picks
// the kind, the day and the group (town, community, tiers, categories), sees how many elders it
// reaches, and plans them all at once, each for their own worker. Offline like every register write;
// a round planned twice plans each elder once (src/app/db/register.ts planRound).
import { useMemo, useState } from 'preact/hooks';
import { toLocalDate } from '../../domain/cadence';
import { roundMembers } from '../../domain/plans';
import {
  ELDER_CATEGORIES,
  type ElderCategory,
  RISK_TIERS,
  type RiskTier,
  type User,
} from '../../domain/schemas';
import { useElders, useServices } from '../db/hooks';
import { planRound } from '../db/register';
import { BackLink } from './BackLink';
import { CheckboxOptions, RadioOptions } from './Choices';
import { formatDate } from './format';
import { useLocale, useT } from './i18n';
import { useRoundT } from './i18nRound';
import { distinctValues, townsOfManager } from './ListFilters';
import { hrefFor } from './router';

const ROUND_KINDS = ['festival', 'extreme_weather'] as const;
type RoundKind = (typeof ROUND_KINDS)[number];
type Outcome =
  | { kind: 'planned'; count: number; skipped: number; date: string; visit: RoundKind }
  | 'failed'
  | null;

export function RoundPage({ me }: { me: User }) {
  const t = useT();
  const o = useRoundT();
  const locale = useLocale();
  const { db } = useServices();
  const elders = useElders();
  const today = toLocalDate(new Date());
  const towns = useMemo(() => townsOfManager(me, elders ?? []), [elders, me]);
  const [kind, setKind] = useState<RoundKind>('festival');
  const [date, setDate] = useState(today);
  const [town, setTown] = useState(me.towns[0] ?? '');
  const [community, setCommunity] = useState('');
  const [tiers, setTiers] = useState<RiskTier[]>([]);
  const [categories, setCategories] = useState<ElderCategory[]>([]);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const chosenTown = town || towns[0] || '';
  const ofTown = useMemo(() => (elders ?? []).filter((e) => e.town === chosenTown), [elders, chosenTown]);
  const communities = useMemo(() => distinctValues(ofTown.map((e) => e.community)), [ofTown]);
  const group = { community, tiers, categories };
  const members = useMemo(
    () => roundMembers(ofTown, { community, tiers, categories }),
    [ofTown, community, tiers, categories],
  );
  if (!elders) return <p class="muted">{t.loading}</p>;
  const pastDate = date < today;

  const plan = async (event: Event) => {
    event.preventDefault();
    if (pastDate || members.length === 0) return;
    setBusy(true);
    setOutcome(null);
    try {
      const planned = await planRound(
        db,
        { ...group, town: chosenTown },
        { date, kind },
        { userId: me.id, today },
      );
      setOutcome({
        kind: 'planned',
        count: planned.length,
        skipped: members.length - planned.length,
        date,
        visit: kind,
      });
    } catch (error) {
      console.error('planning the round failed', error);
      setOutcome('failed');
    } finally {
      setBusy(false);
    }
  };

  return (
    <main>
      <BackLink href={hrefFor({ name: 'manage' })} label={t.back} />
      <h1>{o.title}</h1>
      <p class="muted">{o.intro}</p>
      <form class="form" onSubmit={plan}>
        <fieldset>
          <legend>{o.kind}</legend>
          <RadioOptions
            name="kind"
            options={ROUND_KINDS}
            labelOf={(value) => t.scheduleKind[value]}
            value={kind}
            onChange={setKind}
          />
        </fieldset>
        <div class="filters">
          <label>
            {o.date}
            <input
              type="date"
              name="date"
              value={date}
              min={today}
              aria-invalid={pastDate || undefined}
              aria-describedby={pastDate ? 'round-date-error' : undefined}
              onInput={(e) => setDate(e.currentTarget.value)}
            />
            {pastDate ? (
              <span class="error block" id="round-date-error">
                {o.pastDate}
              </span>
            ) : null}
          </label>
          <label>
            {o.town}
            <select
              name="town"
              value={chosenTown}
              onChange={(e) => {
                setTown(e.currentTarget.value);
                setCommunity('');
              }}
            >
              {towns.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </select>
          </label>
          <label>
            {o.community}
            <select name="community" value={community} onChange={(e) => setCommunity(e.currentTarget.value)}>
              <option value="">{o.allCommunities}</option>
              {communities.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </select>
          </label>
        </div>
        <fieldset class="towns">
          <legend>{o.tiers}</legend>
          <CheckboxOptions
            name="tiers"
            options={RISK_TIERS}
            labelOf={(tier) => t.tier[tier]}
            value={tiers}
            onChange={setTiers}
          />
        </fieldset>
        <fieldset class="towns">
          <legend>{o.categories}</legend>
          <CheckboxOptions
            name="categories"
            options={ELDER_CATEGORIES}
            labelOf={(category) => t.category[category]}
            value={categories}
            onChange={setCategories}
          />
        </fieldset>
        <p data-testid="round-reach">{o.reaches(members.length)}</p>
        <button type="submit" class="primary" disabled={busy || pastDate || members.length === 0}>
          {busy ? o.planning : o.plan(members.length)}
        </button>
      </form>
      {outcome === 'failed' ? (
        <p class="error" role="alert">
          {o.failed}
        </p>
      ) : outcome ? (
        <p class="ok" role="status">
          {o.planned(
            outcome.count,
            formatDate(outcome.date, locale),
            t.scheduleKind[outcome.visit],
            outcome.skipped,
          )}
        </p>
      ) : null}
    </main>
  );
}
