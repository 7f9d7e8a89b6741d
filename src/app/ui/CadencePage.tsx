// 探访频次: how often each risk tier of a town is visited, per town the manager has (an admin: every
// town). Read from the place list the device keeps; changed on the server only, so changing needs a
// connection. Visits already planned are not rewritten, and the saved message says so: replanning a
// whole town from one phone would rewrite every elder's plans, racing the workers' own edits; the new
// cadence applies from each elder's next registration or change of tier or worker.
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import * as z from 'zod/mini';
import { type CadenceRule, type CadenceRules, cadenceOf } from '../../domain/cadence';
import { SetCadenceRequest } from '../../domain/places';
import { RISK_TIERS, type RiskTier } from '../../domain/schemas';
import { setTownCadence } from '../api/accounts';
import { ApiRequestError } from '../api/client';
import { keepTown, usePlaces } from '../places';
import { changeButton, OFFLINE_REASON } from './AccountParts';
import { inCityOrder, type ManageProps, useOnline } from './accounts';
import { type Messages, useT } from './i18n';
import { type CadenceMessages, useCadenceT } from './i18nCadence';
import { type ManageMessages, useManageT } from './i18nManage';
import { hrefFor } from './router';

const UNITS: readonly CadenceRule['unit'][] = ['day', 'week', 'month'];

/** What the form refused, by tier; '' names the form as a whole. */
type Errors = Partial<Record<RiskTier | '', string>>;

/** The first problem of each tier in `rules`, in the person's words; none when the server would take them. */
export function cadenceErrors(rules: CadenceRules, c: CadenceMessages): Errors {
  const result = z.safeParse(SetCadenceRequest, rules);
  const errors: Errors = {};
  for (const issue of result.error?.issues ?? []) {
    const tier = issue.path[0] as RiskTier;
    if (errors[tier]) continue;
    errors[tier] =
      issue.path.length === 1 && (tier === 'high' || tier === 'key')
        ? c.order[tier]
        : c.range[rules[tier].unit];
  }
  return errors;
}

/** A refused or failed save in the person's words; a 400 marks the tier the server named. */
function explain(error: unknown, rules: CadenceRules, c: CadenceMessages, m: ManageMessages): Errors {
  if (!(error instanceof ApiRequestError) || error.status === 0) return { '': m.unreachable };
  if (error.status === 400) {
    const named = cadenceErrors(rules, c);
    return Object.keys(named).length > 0 ? named : { '': m.serverError(400) };
  }
  if (error.status === 403) return { '': c.forbidden };
  if (error.status === 404) return { '': c.notFound };
  return { '': m.serverError(error.status) };
}

export function CadencePage({ api, me, onUnauthorized }: ManageProps) {
  const t = useT();
  const c = useCadenceT();
  const online = useOnline();
  const places = usePlaces(api);
  // Cadences saved on this screen, shown before the place list is fetched again.
  const [saved, setSaved] = useState<Record<string, CadenceRules>>({});
  const [editing, setEditing] = useState<string | null>(null);
  const [notice, setNotice] = useState('');
  const towns = places
    ? inCityOrder(me.role === 'admin' ? places.towns.map((town) => town.name) : me.towns, places)
    : [];

  return (
    <main>
      <a class="back" href={hrefFor({ name: 'manage' })}>
        ← {t.back}
      </a>
      <h1>{c.title}</h1>
      <p class="muted">{c.intro}</p>
      {online ? null : (
        <p class="notice" role="status" id={OFFLINE_REASON} data-testid="offline-note">
          {c.offline}
        </p>
      )}
      {notice ? (
        <p class="ok" role="status" data-testid="cadence-saved">
          {notice}
        </p>
      ) : null}
      {!places ? <p class="muted">{online ? c.loading : c.noListOffline}</p> : null}
      {places && towns.length === 0 ? <p class="muted">{c.noTowns}</p> : null}
      <ul class="list" data-testid="cadence-towns">
        {towns.map((town) => {
          const rules = saved[town] ?? cadenceOf(places, town);
          return (
            <li key={town} data-town={town}>
              {editing === town ? (
                <CadenceForm
                  town={town}
                  initial={rules}
                  online={online}
                  onCancel={() => setEditing(null)}
                  onSaved={(next) => {
                    setSaved({ ...saved, [town]: next });
                    setEditing(null);
                    setNotice(c.saved(town));
                  }}
                  onUnauthorized={onUnauthorized}
                  save={async (next) => {
                    const answered = await setTownCadence(api, town, next);
                    keepTown(answered);
                    return answered.cadence;
                  }}
                />
              ) : (
                <TownCadence town={town} rules={rules} t={t} c={c}>
                  <button
                    type="button"
                    {...changeButton(online, false)}
                    onClick={() => {
                      setNotice('');
                      setEditing(town);
                    }}
                  >
                    {c.change}
                  </button>
                </TownCadence>
              )}
            </li>
          );
        })}
      </ul>
    </main>
  );
}

function TownCadence({
  town,
  rules,
  t,
  c,
  children,
}: {
  town: string;
  rules: CadenceRules;
  t: Messages;
  c: CadenceMessages;
  children: ComponentChildren;
}) {
  return (
    <div class="row">
      <div class="grow">
        <strong>{town}</strong>
        <p class="muted" style={{ margin: '4px 0 0' }}>
          {RISK_TIERS.map((tier, i) => (
            <span key={tier}>
              {i > 0 ? ' · ' : ''}
              {c.tierRule(t.tier[tier])}
              <span data-tier={tier}>{c.rule(rules[tier].every, rules[tier].unit)}</span>
            </span>
          ))}
        </p>
      </div>
      {children}
    </div>
  );
}

function CadenceForm({
  town,
  initial,
  online,
  save,
  onSaved,
  onCancel,
  onUnauthorized,
}: {
  town: string;
  initial: CadenceRules;
  online: boolean;
  save: (rules: CadenceRules) => Promise<CadenceRules>;
  onSaved: (rules: CadenceRules) => void;
  onCancel: () => void;
  onUnauthorized: () => void;
}) {
  const t = useT();
  const c = useCadenceT();
  const m = useManageT();
  // Numbers as typed: an empty box is refused by the check, not turned into 0 behind the person's back.
  const [rules, setRules] = useState(initial);
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const set = (tier: RiskTier, rule: Partial<CadenceRule>) =>
    setRules({ ...rules, [tier]: { ...rules[tier], ...rule } });

  const submit = async (event: Event) => {
    event.preventDefault();
    if (
      RISK_TIERS.every(
        (tier) => rules[tier].every === initial[tier].every && rules[tier].unit === initial[tier].unit,
      )
    )
      return setErrors({ '': c.nothingChanged });
    const refused = cadenceErrors(rules, c);
    if (Object.keys(refused).length > 0) return setErrors({ ...refused, '': m.checkFields });
    setBusy(true);
    setErrors({});
    try {
      onSaved(await save(rules));
    } catch (error) {
      if (error instanceof ApiRequestError && error.isUnauthorized) return onUnauthorized();
      setErrors(explain(error, rules, c, m));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="form" style={{ padding: '12px' }} onSubmit={submit} data-testid="cadence-form" noValidate>
      <strong>{town}</strong>
      {RISK_TIERS.map((tier) => {
        const id = `cadence-${tier}`;
        const error = errors[tier];
        return (
          <fieldset key={tier} data-tier={tier}>
            <legend>{t.tier[tier]}</legend>
            <div style={{ display: 'flex', gap: '8px', alignItems: 'center' }}>
              <span>{c.every}</span>
              <input
                id={id}
                name={`${tier}-every`}
                type="number"
                inputMode="numeric"
                min={1}
                style={{ width: '4.5em' }}
                value={Number.isNaN(rules[tier].every) ? '' : rules[tier].every}
                aria-label={`${t.tier[tier]}: ${c.interval}`}
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? `${id}-error` : undefined}
                onInput={(e) => set(tier, { every: e.currentTarget.valueAsNumber })}
              />
              <select
                style={{ flex: 1 }}
                name={`${tier}-unit`}
                aria-label={`${t.tier[tier]}: ${c.unitLabel}`}
                value={rules[tier].unit}
                onChange={(e) => set(tier, { unit: e.currentTarget.value as CadenceRule['unit'] })}
              >
                {UNITS.map((unit) => (
                  <option key={unit} value={unit}>
                    {c.unit[unit]}
                  </option>
                ))}
              </select>
            </div>
            {error ? (
              <p class="error" id={`${id}-error`}>
                {error}
              </p>
            ) : null}
          </fieldset>
        );
      })}
      {errors[''] ? (
        <p class="error" role="alert">
          {errors['']}
        </p>
      ) : null}
      <div class="actions">
        <button type="submit" class="primary" {...changeButton(online, busy)}>
          {busy ? c.saving : c.save}
        </button>
        <button type="button" onClick={onCancel}>
          {c.cancel}
        </button>
      </div>
    </form>
  );
}
