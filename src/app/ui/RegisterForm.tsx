// The register form: a new elder, or the whole profile of one on the register. Checked with the
// shared schema before it is written (every refused field marked at once); the write itself is
// offline, like every record.

import { useEffect, useMemo, useState } from 'preact/hooks';
import { toLocalDate } from '../../domain/cadence';
import { CAPABILITY_LEVELS, ELDER_CATEGORIES, Elder, RISK_TIERS, type User } from '../../domain/schemas';
import type { Caller } from '../api/accounts';
import { useElder, useUsers } from '../db/hooks';
import type { ElderDraft } from '../db/register';
import { Field, FieldError, focusFirstInvalid, invalidProps } from './AccountParts';
import { BackLink } from './BackLink';
import { Checkbox, CheckboxOptions, RadioOptions } from './Choices';
import { Contacts } from './ElderContacts';
import { ElderVolunteers } from './ElderVolunteers';
import { useT } from './i18n';
import { type RegisterField, type RegisterMessages, useRegisterT } from './i18nRegister';
import { longLineBox } from './longLineBox';
import { MajorEventButton } from './MajorEvent';
import { DuplicateWarning, FormEnd, PlaceFields, refusedField } from './RegisterFormParts';
import { RegisterStatus } from './RegisterStatus';
import { useRegisterActions, workersOf } from './registerActions';
import { registerHref } from './registerRoute';
import { hrefFor } from './router';

type FormState = Omit<
  ElderDraft,
  'gender' | 'consentDate' | 'registeredOn' | 'archivedOn' | 'archiveReason'
> & {
  gender: ElderDraft['gender'] | '';
  consentDate: string;
  registeredOn: string;
};
type Errors = Partial<Record<RegisterField, string>>;

const TEXT_AREAS = ['livingSituation', 'health', 'notes'] as const;
const GENDERS = ['female', 'male'] as const;

function blankForm(me: User): FormState {
  return {
    name: '',
    gender: '',
    birthDate: '',
    town: me.role !== 'admin' && me.towns.length === 1 ? (me.towns[0] ?? '') : '',
    community: '',
    address: '',
    phone: '',
    categories: [],
    riskTier: 'general',
    capability: 'unknown',
    consentGiven: false,
    consentDate: '',
    livingSituation: '',
    health: '',
    notes: '',
    contacts: [],
    assignedWorkerId: '',
    registeredOn: toLocalDate(new Date()),
  };
}

function formOf(elder: Elder): FormState {
  const { id, fieldTimes, updatedAt, updatedBy, _deleted, archivedOn, archiveReason, ...rest } = elder;
  return {
    ...rest,
    contacts: elder.contacts.map((c) => ({ ...c })),
    consentDate: elder.consentDate ?? '',
    registeredOn: elder.registeredOn ?? '',
  };
}

/** The form as a record: blank contact rows dropped, a consent date only with consent. */
function draftOf(form: FormState): Omit<ElderDraft, 'archivedOn' | 'archiveReason'> {
  const contacts = form.contacts
    .map((c) => ({ ...c, name: c.name.trim(), relation: c.relation.trim(), phone: c.phone.trim() }))
    .filter((c) => c.name !== '' || c.relation !== '' || c.phone !== '');
  const { registeredOn, ...rest } = form;
  return {
    ...rest,
    gender: form.gender as ElderDraft['gender'],
    contacts,
    consentDate: form.consentGiven && form.consentDate ? form.consentDate : null,
    ...(registeredOn ? { registeredOn } : {}),
  };
}

function messageFor(path: string, r: RegisterMessages, empty: boolean): [RegisterField, string] | null {
  const [field, index] = path.split('.');
  if (!field || !(field in r.labels)) return null;
  const key = field as RegisterField;
  if (key === 'contacts' && index !== undefined) return [key, r.contactInvalid(Number(index) + 1)];
  if (!empty) return [key, r.invalid(r.labels[key])];
  const choice = key === 'gender' || key === 'town' || key === 'assignedWorkerId';
  return [key, choice ? r.choose(r.labels[key]) : r.required(r.labels[key])];
}

/** Every field the shared schema refuses in `draft`, in the person's words. */
function check(draft: ReturnType<typeof draftOf>, me: User, r: RegisterMessages): Errors {
  const now = new Date().toISOString();
  const result = Elder.safeParse({
    ...draft,
    // Any id: the record's own is made when it is written.
    id: '00000000-0000-7000-8000-000000000000',
    fieldTimes: {},
    updatedAt: now,
    updatedBy: me.id,
    _deleted: false,
  });
  const errors: Errors = {};
  if (result.success) return errors;
  for (const issue of result.error.issues) {
    const path = issue.path.join('.');
    const value = (draft as Record<string, unknown>)[String(issue.path[0])];
    const found = messageFor(path, r, value === '');
    if (found && !errors[found[0]]) errors[found[0]] = found[1];
  }
  return errors;
}

export function RegisterForm({ api, me, elderId }: { api: Caller; me: User; elderId?: string }) {
  const t = useT();
  const r = useRegisterT();
  const elder = useElder(elderId ?? '');
  const users = useUsers();
  const actions = useRegisterActions();
  const [form, setForm] = useState<FormState | null>(elderId ? null : blankForm(me));
  const [initial, setInitial] = useState<FormState | null>(null);
  const [errors, setErrors] = useState<Errors>({});
  const [duplicate, setDuplicate] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const [created, setCreated] = useState<{ id: string; name: string; planned: number } | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (elderId && elder && form === null) {
      setForm(formOf(elder));
      setInitial(formOf(elder));
    }
  }, [elderId, elder, form]);

  const workers = useMemo(() => {
    const list = workersOf(users ?? [], form?.town ?? '');
    const current = (users ?? []).find((u) => u.id === form?.assignedWorkerId);
    return current && !list.includes(current) ? [current, ...list] : list;
  }, [users, form?.town, form?.assignedWorkerId]);

  if (elderId && elder === null) return <p class="error">{t.notFound}</p>;
  if (form === null || (elderId && !elder)) return <p class="muted">{t.loading}</p>;

  if (created) {
    return (
      <main>
        <h1>{r.created(created.name)}</h1>
        <p class="ok" role="status" data-testid="planned">
          {r.planned(created.planned)}
        </p>
        <div class="actions">
          <a class="button" href={registerHref(created.id)}>
            {r.editTitle(created.name)}
          </a>
          <a class="button" href={hrefFor({ name: 'elder', elderId: created.id })}>
            {r.toProfile}
          </a>
          <button
            type="button"
            onClick={() => {
              setCreated(null);
              setForm(blankForm(me));
            }}
          >
            {r.registerAnother}
          </button>
          <a class="button" href={registerHref()}>
            {r.toList}
          </a>
        </div>
      </main>
    );
  }

  const set = <K extends keyof FormState>(field: K, value: FormState[K]) => {
    setForm({ ...form, [field]: value });
    setDone(null);
    if (field === 'name' || field === 'birthDate' || field === 'community') setDuplicate(false);
  };

  async function save(event: Event, allowDuplicate = false) {
    event.preventDefault();
    const target = event.currentTarget instanceof HTMLFormElement ? event.currentTarget : null;
    if (!form || busy) return;
    const draft = draftOf(form);
    const found = check(draft, me, r);
    setErrors(found);
    setDone(null);
    if (Object.keys(found).length > 0) {
      focusFirstInvalid(target);
      return;
    }
    setBusy(true);
    try {
      if (!elderId) {
        const result = await actions.register(draft, allowDuplicate);
        setCreated({ id: result.elder.id, name: result.elder.name, planned: result.planned.length });
        scrollTo(0, 0);
        return;
      }
      const before = initial ? draftOf(initial) : {};
      const patch = Object.fromEntries(
        Object.entries(draft).filter(
          ([key, value]) =>
            JSON.stringify(value) !== JSON.stringify((before as Record<string, unknown>)[key]),
        ),
      ) as Partial<ElderDraft>;
      if (Object.keys(patch).length === 0) {
        setDone(r.nothingChanged);
        return;
      }
      await actions.change(elderId, patch);
      setInitial(form);
      setDone(r.saved);
    } catch (e) {
      const field = refusedField(e);
      const message = field === undefined ? null : messageFor(field, r, false);
      if (field === 'name' && String(e).includes('already on the register')) setDuplicate(true);
      else if (message) setErrors({ [message[0]]: message[1] });
      else setDone(String(e));
    } finally {
      setBusy(false);
    }
  }

  const invalid = Object.keys(errors).length > 0;
  const noWorkers = workers.length === 0 && form.town !== '';
  const text = (field: 'name' | 'address') => (
    <Field id={`elder-${field}`} label={r.labels[field]} error={errors[field]}>
      {field === 'address' ? (
        <textarea
          name={field}
          {...invalidProps(`elder-${field}`, errors[field])}
          {...longLineBox(form[field], (value) => set(field, value))}
        />
      ) : (
        <input
          name={field}
          value={form[field]}
          {...invalidProps(`elder-${field}`, errors[field])}
          onInput={(e) => set(field, e.currentTarget.value)}
        />
      )}
    </Field>
  );

  return (
    <main>
      <BackLink href={registerHref()} label={r.toList} />
      <h1>{elder ? r.editTitle(elder.name) : r.newTitle}</h1>
      {elder ? (
        <>
          <a class="button" href={hrefFor({ name: 'elder', elderId: elder.id })}>
            {r.toProfile}
          </a>
          {elder.archivedOn == null ? <MajorEventButton elderId={elder.id} /> : null}
        </>
      ) : null}
      <form class="form" onSubmit={(e) => void save(e)} noValidate>
        {text('name')}
        {duplicate ? (
          <DuplicateWarning
            message={r.duplicate}
            button={r.registerAnyway}
            onConfirm={(e) => void save(e, true)}
          />
        ) : null}
        <fieldset {...(errors.gender ? { 'data-invalid': true } : {})}>
          <legend>{r.labels.gender}</legend>
          <RadioOptions
            name="gender"
            options={GENDERS}
            labelOf={(gender) => r[gender]}
            value={form.gender}
            onChange={(gender) => set('gender', gender)}
          />
          <FieldError id="elder-gender" message={errors.gender} />
        </fieldset>
        <Field id="elder-birthDate" label={r.labels.birthDate} error={errors.birthDate}>
          <input
            name="birthDate"
            type="date"
            value={form.birthDate}
            max={toLocalDate(new Date())}
            {...invalidProps('elder-birthDate', errors.birthDate)}
            onInput={(e) => set('birthDate', e.currentTarget.value)}
          />
        </Field>
        <PlaceFields
          api={api}
          me={me}
          idPrefix="elder"
          town={form.town}
          community={form.community}
          labels={{ ...r.labels, chooseTown: r.chooseTown, chooseCommunity: r.chooseCommunity }}
          errors={errors}
          onTown={(town) => setForm({ ...form, town, community: '', assignedWorkerId: '' })}
          onCommunity={(community) => set('community', community)}
        />
        {text('address')}
        <Field id="elder-phone" label={r.labels.phone} error={errors.phone}>
          <input
            name="phone"
            type="tel"
            value={form.phone}
            {...invalidProps('elder-phone', errors.phone)}
            onInput={(e) => set('phone', e.currentTarget.value)}
          />
        </Field>
        <fieldset class="towns" {...(errors.categories ? { 'data-invalid': true } : {})}>
          <legend>{r.labels.categories}</legend>
          <CheckboxOptions
            name="categories"
            options={ELDER_CATEGORIES}
            labelOf={(category) => t.category[category]}
            value={form.categories}
            onChange={(categories) => set('categories', categories)}
          />
          <FieldError id="elder-categories" message={errors.categories} />
        </fieldset>
        <div class="filters">
          <Field id="elder-riskTier" label={r.labels.riskTier} error={errors.riskTier}>
            <select
              name="riskTier"
              value={form.riskTier}
              {...invalidProps('elder-riskTier', errors.riskTier)}
              onChange={(e) => set('riskTier', e.currentTarget.value as FormState['riskTier'])}
            >
              {RISK_TIERS.map((tier) => (
                <option key={tier} value={tier}>
                  {t.tier[tier]}
                </option>
              ))}
            </select>
          </Field>
          <Field id="elder-capability" label={r.labels.capability} error={errors.capability}>
            <select
              name="capability"
              value={form.capability}
              {...invalidProps('elder-capability', errors.capability)}
              onChange={(e) => set('capability', e.currentTarget.value as FormState['capability'])}
            >
              {CAPABILITY_LEVELS.map((level) => (
                <option key={level} value={level}>
                  {t.capability[level]}
                </option>
              ))}
            </select>
          </Field>
        </div>
        <Checkbox
          name="consentGiven"
          label={r.labels.consentGiven}
          checked={form.consentGiven}
          onChange={(consentGiven) => set('consentGiven', consentGiven)}
        />
        {form.consentGiven ? (
          <Field id="elder-consentDate" label={r.labels.consentDate} error={errors.consentDate}>
            <input
              name="consentDate"
              type="date"
              value={form.consentDate}
              {...invalidProps('elder-consentDate', errors.consentDate)}
              onInput={(e) => set('consentDate', e.currentTarget.value)}
            />
          </Field>
        ) : null}
        {TEXT_AREAS.map((field) => (
          <Field key={field} id={`elder-${field}`} label={r.labels[field]} error={errors[field]}>
            <textarea
              name={field}
              value={form[field]}
              {...invalidProps(`elder-${field}`, errors[field])}
              onInput={(e) => set(field, e.currentTarget.value)}
            />
          </Field>
        ))}
        <Contacts contacts={form.contacts} onChange={(contacts) => set('contacts', contacts)} />
        <FieldError id="elder-contacts" message={errors.contacts} />
        <Field id="elder-assignedWorkerId" label={r.labels.assignedWorkerId} error={errors.assignedWorkerId}>
          <select
            name="assignedWorkerId"
            value={form.assignedWorkerId}
            {...invalidProps('elder-assignedWorkerId', errors.assignedWorkerId, noWorkers)}
            onChange={(e) => set('assignedWorkerId', e.currentTarget.value)}
          >
            <option value="">{r.chooseWorker}</option>
            {workers.map((worker) => (
              <option key={worker.id} value={worker.id}>
                {worker.displayName}
                {worker.disabled ? r.disabledWorker : ''}
              </option>
            ))}
          </select>
          {noWorkers ? (
            <span class="muted small" id="elder-assignedWorkerId-hint">
              {r.noWorkersInTown}
            </span>
          ) : null}
        </Field>
        <Field id="elder-registeredOn" label={r.labels.registeredOn} error={errors.registeredOn}>
          <input
            name="registeredOn"
            type="date"
            value={form.registeredOn}
            {...invalidProps('elder-registeredOn', errors.registeredOn)}
            onInput={(e) => set('registeredOn', e.currentTarget.value)}
          />
        </Field>
        <FormEnd
          problem={invalid ? r.checkFields : null}
          done={done}
          note={r.offlineNote}
          busy={busy}
          busyLabel={r.saving}
          label={elder ? r.save : r.create}
        />
      </form>
      {elder ? <ElderVolunteers elder={elder} /> : null}
      {elder ? <RegisterStatus elder={elder} /> : null}
    </main>
  );
}
