// A volunteer on the register: a new one, or the whole record of one (every field, serving or
// stopped), and the elders paired with them. Checked before it is written (every refused field
// marked at once); the write itself is offline, like every record.

import { useEffect, useState } from 'preact/hooks';
import type { User, Volunteer } from '../../domain/schemas';
import type { Caller } from '../api/accounts';
import { useElders, useVolunteers } from '../db/hooks';
import { Field, focusFirstInvalid, invalidProps } from './AccountParts';
import { useT } from './i18n';
import { useVolunteerT, type VolunteerMessages } from './i18nVolunteers';
import { longLineBox } from './longLineBox';
import { DuplicateWarning, FormEnd, PlaceFields, refusedField } from './RegisterFormParts';
import { registerHref } from './registerRoute';
import { useVolunteerActions } from './volunteerActions';
import {
  blankVolunteerForm,
  changedFields,
  checkVolunteerForm,
  type VolunteerField,
  type VolunteerFormState,
  type VolunteerProblems,
  volunteerDraftOf,
  volunteerFormOf,
} from './volunteerForm';
import { volunteersHref } from './volunteersRoute';

type Errors = Partial<Record<VolunteerField, string>>;

function messagesOf(problems: VolunteerProblems, v: VolunteerMessages): Errors {
  const errors: Errors = {};
  for (const [field, problem] of Object.entries(problems) as [
    VolunteerField,
    keyof VolunteerMessages['problems'],
  ][]) {
    errors[field] = v.problems[problem](v.labels[field]);
  }
  return errors;
}

export function VolunteerForm({ api, me, volunteerId }: { api: Caller; me: User; volunteerId?: string }) {
  const t = useT();
  const v = useVolunteerT();
  const all = useVolunteers({ includeInactive: true });
  const volunteer = volunteerId ? all?.find((x) => x.id === volunteerId) : undefined;
  const actions = useVolunteerActions();
  const [form, setForm] = useState<VolunteerFormState | null>(volunteerId ? null : blankVolunteerForm(me));
  const [initial, setInitial] = useState<VolunteerFormState | null>(null);
  const [errors, setErrors] = useState<Errors>({});
  const [duplicate, setDuplicate] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const [created, setCreated] = useState<Volunteer | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (volunteer && form === null) {
      setForm(volunteerFormOf(volunteer));
      setInitial(volunteerFormOf(volunteer));
    }
  }, [volunteer, form]);

  if (volunteerId && all && !volunteer) return <p class="error">{t.notFound}</p>;
  if (form === null) return <p class="muted">{t.loading}</p>;

  if (created) {
    return (
      <main>
        <h1>{v.created(created.name)}</h1>
        <div class="actions">
          <a class="button" href={volunteersHref(created.id)}>
            {v.toVolunteer}
          </a>
          <button
            type="button"
            onClick={() => {
              setCreated(null);
              setForm(blankVolunteerForm(me));
            }}
          >
            {v.addAnother}
          </button>
          <a class="button" href={volunteersHref()}>
            {v.toList}
          </a>
        </div>
      </main>
    );
  }

  const set = <K extends keyof VolunteerFormState>(field: K, value: VolunteerFormState[K]) => {
    setForm({ ...form, [field]: value, ...(field === 'town' && { community: '' }) });
    setDone(null);
    if (field === 'name' || field === 'birthYear' || field === 'town') setDuplicate(false);
  };

  async function save(event: Event, allowDuplicate = false) {
    event.preventDefault();
    const target = event.currentTarget instanceof HTMLFormElement ? event.currentTarget : null;
    if (!form || busy) return;
    const found = messagesOf(checkVolunteerForm(form, me.id), v);
    setErrors(found);
    setDone(null);
    if (Object.keys(found).length > 0) {
      focusFirstInvalid(target);
      return;
    }
    const draft = volunteerDraftOf(form);
    setBusy(true);
    try {
      if (!volunteerId) {
        setCreated(await actions.add(draft, allowDuplicate));
        setDuplicate(false);
        scrollTo(0, 0);
        return;
      }
      const patch = changedFields(draft, volunteerDraftOf(initial ?? form));
      if (Object.keys(patch).length === 0) {
        setDone(v.nothingChanged);
        return;
      }
      await actions.change(volunteerId, patch);
      setInitial(form);
      setDone(v.saved);
    } catch (e) {
      const field = refusedField(e);
      if (field === 'name' && String(e).includes('already on the register')) setDuplicate(true);
      else if (field && field in v.labels) {
        const key = field as VolunteerField;
        setErrors({ [key]: v.problems.tooLong(v.labels[key]) });
      } else setDone(String(e));
    } finally {
      setBusy(false);
    }
  }

  const text = (field: 'name' | 'birthYear' | 'team' | 'zhiyuanNumber', hint?: string) => (
    <Field id={`volunteer-${field}`} label={v.labels[field]} hint={hint} error={errors[field]}>
      {field === 'team' ? (
        <textarea
          name={field}
          {...invalidProps(`volunteer-${field}`, errors[field], hint !== undefined)}
          {...longLineBox(form[field], (value) => set(field, value))}
        />
      ) : (
        <input
          name={field}
          value={form[field]}
          inputMode={field === 'birthYear' ? 'numeric' : undefined}
          {...invalidProps(`volunteer-${field}`, errors[field], hint !== undefined)}
          onInput={(e) => set(field, e.currentTarget.value)}
        />
      )}
    </Field>
  );

  return (
    <main>
      <a class="back" href={volunteersHref()}>
        ← {v.toList}
      </a>
      <h1>{volunteer ? v.editTitle(volunteer.name) : v.newTitle}</h1>
      <form class="form" onSubmit={(e) => void save(e)} noValidate>
        {text('name')}
        {duplicate ? (
          <DuplicateWarning
            message={v.duplicate}
            button={v.addAnyway}
            onConfirm={(e) => void save(e, true)}
          />
        ) : null}
        <Field id="volunteer-phone" label={v.labels.phone} error={errors.phone}>
          <input
            name="phone"
            type="tel"
            value={form.phone}
            {...invalidProps('volunteer-phone', errors.phone)}
            onInput={(e) => set('phone', e.currentTarget.value)}
          />
        </Field>
        {text('birthYear', v.birthYearHint)}
        <PlaceFields
          api={api}
          me={me}
          idPrefix="volunteer"
          town={form.town}
          community={form.community}
          labels={{ ...v.labels, chooseTown: v.chooseTown, chooseCommunity: v.chooseCommunity }}
          errors={errors}
          onTown={(town) => set('town', town)}
          onCommunity={(community) => set('community', community)}
        />
        {text('team')}
        {text('zhiyuanNumber', v.zhiyuanNumberHint)}
        <FormEnd
          problem={Object.keys(errors).length > 0 ? v.checkFields : null}
          done={done}
          note={v.offlineNote}
          busy={busy}
          busyLabel={v.saving}
          label={volunteer ? v.save : v.create}
        />
      </form>
      {volunteer ? <VolunteerStatus volunteer={volunteer} /> : null}
      {volunteer ? <PairedElders volunteerId={volunteer.id} /> : null}
    </main>
  );
}

/** Serving or stopped: a stopped volunteer stays on the register but is no longer offered. */
function VolunteerStatus({ volunteer }: { volunteer: Volunteer }) {
  const v = useVolunteerT();
  const actions = useVolunteerActions();
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function flip() {
    setBusy(true);
    try {
      await actions.change(volunteer.id, { active: !volunteer.active });
      setDone(volunteer.active ? v.deactivated(volunteer.name) : v.reactivated(volunteer.name));
    } catch (e) {
      setDone(String(e));
    } finally {
      setBusy(false);
    }
  }
  return (
    <section class="form" data-testid="volunteer-status">
      <h2>{v.statusTitle}</h2>
      <p>{volunteer.active ? v.activeStatus : v.inactiveStatus}</p>
      <button type="button" disabled={busy} onClick={() => void flip()}>
        {volunteer.active ? v.deactivate : v.reactivate}
      </button>
      {done ? (
        <p class="ok" role="status">
          {done}
        </p>
      ) : null}
    </section>
  );
}

/** The elders on the register paired with this volunteer, each a link to their profile there. */
function PairedElders({ volunteerId }: { volunteerId: string }) {
  const v = useVolunteerT();
  const elders = useElders();
  const paired = (elders ?? []).filter(
    (elder) => elder.archivedOn == null && (elder.volunteerIds ?? []).includes(volunteerId),
  );
  return (
    <section data-testid="paired-elders">
      <h2>{v.pairedTitle}</h2>
      {paired.length === 0 ? <p class="muted">{v.noPaired}</p> : null}
      <ul class="list">
        {paired.map((elder) => (
          <li key={elder.id}>
            <a class="row" href={registerHref(elder.id)}>
              <span class="grow">
                <strong>{elder.name}</strong>
                <span class="muted block">
                  {elder.town} {elder.community} · {elder.address}
                </span>
              </span>
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
