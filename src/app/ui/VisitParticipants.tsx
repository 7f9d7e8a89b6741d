// Who took part in a visit, with their minutes, for the time bank (时间银行): volunteers picked from
// the register (the elder's paired ones offered first), whose minutes can be credited to the person,
// and one-off helpers typed by name, marked unregistered. Searchable, for a town's many volunteers
// on a phone.
import { useMemo, useState } from 'preact/hooks';
import type { Elder } from '../../domain/schemas';
import { useVolunteers } from '../db/hooks';
import { useT } from './i18n';
import { useParticipantT } from './i18nParticipants';
import type { DraftParticipant } from './visitDraft';
import { volunteerChoices } from './volunteerChoices';

/** How many volunteers besides the paired ones are offered before anything is typed. */
const PREVIEW = 5;
/** How many matches are offered once something is typed. */
const MATCHES = 8;

export function VisitParticipants({
  elder,
  participants,
  onChange,
}: {
  elder: Pick<Elder, 'town' | 'volunteerIds'>;
  participants: DraftParticipant[];
  onChange: (next: DraftParticipant[]) => void;
}) {
  const t = useT();
  const p = useParticipantT();
  const volunteers = useVolunteers();
  const [query, setQuery] = useState('');
  const taken = useMemo(
    () => new Set(participants.flatMap((x) => (x.volunteerId ? [x.volunteerId] : []))),
    [participants],
  );
  const choices = useMemo(
    () => volunteerChoices(volunteers ?? [], elder, taken, query),
    [volunteers, elder, taken, query],
  );
  const limit = query.trim() ? MATCHES : choices.filter((c) => c.paired).length + PREVIEW;
  const shown = choices.slice(0, limit);
  const update = (index: number, patch: Partial<DraftParticipant>) =>
    onChange(participants.map((x, i) => (i === index ? { ...x, ...patch } : x)));

  return (
    <fieldset data-testid="participants">
      <legend>{t.participants}</legend>
      {participants.map((participant, index) => (
        <div class="participant" key={participant.volunteerId ?? `typed-${index}`} data-testid="participant">
          {participant.volunteerId ? (
            // Read only: a registered volunteer's name is the register's, so the credit reaches them.
            <label>
              {p.registeredName}
              <input name={`participant-${index}-name`} value={participant.name} readOnly />
            </label>
          ) : (
            <label>
              {p.typedName}
              <input
                name={`participant-${index}-name`}
                value={participant.name}
                onInput={(e) => update(index, { name: e.currentTarget.value })}
              />
            </label>
          )}
          <label>
            {t.minutes}
            <input
              name={`participant-${index}-minutes`}
              type="number"
              inputMode="numeric"
              min={0}
              max={1440}
              value={participant.minutes}
              onInput={(e) => update(index, { minutes: e.currentTarget.value })}
            />
          </label>
          <button type="button" onClick={() => onChange(participants.filter((_, i) => i !== index))}>
            {t.remove}
          </button>
        </div>
      ))}
      <div class="volunteer-picker">
        <label>
          {p.pickLabel}
          <input
            type="search"
            name="volunteerSearch"
            value={query}
            placeholder={p.pickPlaceholder}
            onInput={(e) => setQuery(e.currentTarget.value)}
          />
        </label>
        {volunteers && choices.length === 0 ? (
          <p class="muted small">{query.trim() ? p.noMatch : p.noneInTown}</p>
        ) : null}
        <ul class="list" data-testid="volunteer-choices">
          {shown.map(({ volunteer, paired }) => (
            <li key={volunteer.id}>
              <button
                type="button"
                class="row pick"
                onClick={() => {
                  onChange([
                    ...participants,
                    { name: volunteer.name, minutes: '', volunteerId: volunteer.id },
                  ]);
                  setQuery('');
                }}
              >
                <span class="grow">
                  <strong>＋ {volunteer.name}</strong>
                  {paired ? <span class="tag">{p.pairedTag}</span> : null}
                  <span class="muted block">
                    {[volunteer.community, volunteer.team].filter(Boolean).join(' · ')}
                  </span>
                </span>
              </button>
            </li>
          ))}
        </ul>
        {choices.length > shown.length ? (
          <p class="muted small">{p.more(choices.length - shown.length)}</p>
        ) : null}
        <button type="button" onClick={() => onChange([...participants, { name: '', minutes: '' }])}>
          {p.addUnregistered}
        </button>
        <p class="muted small">{p.unregisteredNote}</p>
      </div>
    </fieldset>
  );
}
