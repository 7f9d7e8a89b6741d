// The volunteers paired with an elder (结对帮扶), on the elder's page of the register: pair another
// active volunteer of the elder's town, or end a pairing. Each change is written at once (offline,
// like every record); the visit form then offers the paired volunteers first.
import { useState } from 'preact/hooks';
import type { Elder } from '../../domain/schemas';
import { useVolunteers } from '../db/hooks';
import { useVolunteerT } from './i18nVolunteers';
import { useVolunteerActions } from './volunteerActions';
import { volunteersHref } from './volunteersRoute';

export function ElderVolunteers({ elder }: { elder: Elder }) {
  const v = useVolunteerT();
  const volunteers = useVolunteers({ includeInactive: true });
  const actions = useVolunteerActions();
  const [choice, setChoice] = useState('');
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const paired = elder.volunteerIds ?? [];
  const byId = new Map((volunteers ?? []).map((x) => [x.id, x]));
  const open = (volunteers ?? []).filter((x) => x.active && x.town === elder.town && !paired.includes(x.id));

  async function write(ids: string[], said: string) {
    setBusy(true);
    setResult(null);
    try {
      await actions.pair(elder.id, ids);
      setResult({ ok: true, text: said });
      setChoice('');
    } catch (e) {
      const refused = e instanceof Error && e.name === 'InvalidRecordError';
      setResult({ ok: false, text: refused ? v.pairRefused : String(e) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="form" data-testid="elder-volunteers">
      <h2>{v.pairingTitle}</h2>
      {paired.length === 0 ? <p class="muted">{v.pairingNone}</p> : null}
      <ul class="list">
        {paired.map((id) => {
          const volunteer = byId.get(id);
          const name = volunteer?.name ?? v.unknownVolunteer;
          return (
            <li key={id} class="row" data-volunteer-name={name}>
              <span class="grow">
                <span id={`paired-${id}`}>{volunteer ? <a href={volunteersHref(id)}>{name}</a> : name}</span>
                {volunteer && !volunteer.active ? <span class="tag">{v.inactiveBadge}</span> : null}
                {volunteer ? (
                  <span class="muted block">
                    {[volunteer.team, volunteer.phone].filter(Boolean).join(' · ')}
                  </span>
                ) : null}
              </span>
              <button
                type="button"
                disabled={busy}
                aria-describedby={`paired-${id}`}
                onClick={() =>
                  void write(
                    paired.filter((x) => x !== id),
                    v.unpairedDone(name),
                  )
                }
              >
                {v.unpairShort}
              </button>
            </li>
          );
        })}
      </ul>
      {open.length > 0 ? (
        <div class="participant">
          <label>
            {v.pairWith}
            <select name="pairVolunteer" value={choice} onChange={(e) => setChoice(e.currentTarget.value)}>
              <option value="">{v.choosePair}</option>
              {open.map((x) => (
                <option key={x.id} value={x.id}>
                  {[x.name, x.community, x.team].filter(Boolean).join(' · ')}
                </option>
              ))}
            </select>
          </label>
          <button
            type="button"
            disabled={busy || choice === ''}
            onClick={() => void write([...paired, choice], v.pairedDone(byId.get(choice)?.name ?? ''))}
          >
            {v.pair}
          </button>
        </div>
      ) : volunteers ? (
        <p class="muted">{v.noneToPair(elder.town)}</p>
      ) : null}
      {result ? (
        <p class={result.ok ? 'ok' : 'error'} role={result.ok ? 'status' : 'alert'}>
          {result.text}
        </p>
      ) : null}
      <a class="line-link" href={volunteersHref()}>
        {v.manageVolunteers}
      </a>
    </section>
  );
}
