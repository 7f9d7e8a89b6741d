// Adding an account: username, name, role (only those the manager may give), towns and a password,
// typed or generated. Checked with the API's schema before it is sent.
import { useState } from 'preact/hooks';
import { rolesManagedBy } from '../../domain/access';
import { CreateUserRequest } from '../../domain/accounts';
import type { Role, User } from '../../domain/schemas';
import { accountsApi } from '../api/accounts';
import { usePlaces } from '../places';
import {
  ChangeResult,
  Field,
  focusFirstInvalid,
  GeneratedPassword,
  invalidProps,
  OfflineNote,
  PasswordChoice,
  type PasswordValue,
  SubmitButton,
  TownChoices,
} from './AccountParts';
import {
  checkRequest,
  type FieldErrors,
  type ManageProps,
  townChoices,
  townList,
  useChange,
  useOnline,
} from './accounts';
import { BackLink } from './BackLink';
import { useLocale, useT } from './i18n';
import { useManageT } from './i18nManage';
import { hrefFor } from './router';

interface Form {
  username: string;
  displayName: string;
  role: Role;
  towns: string[];
}

export function NewAccount(props: ManageProps) {
  const { api, me, onUnauthorized } = props;
  const t = useT();
  const m = useManageT();
  const locale = useLocale();
  const online = useOnline();
  const places = usePlaces(api);
  const roles = rolesManagedBy(me);
  const choices = townChoices(me, places);
  const blank = (): Form => ({
    username: '',
    displayName: '',
    role: roles[0] ?? 'worker',
    // A coordinator of one town has nothing to choose.
    towns: me.role !== 'admin' && me.towns.length === 1 ? [...me.towns] : [],
  });
  const [form, setForm] = useState<Form>(blank);
  const [password, setPassword] = useState<PasswordValue>({ password: '', generated: false });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [created, setCreated] = useState<{ user: User; password: string | null } | null>(null);
  const change = useChange(m, onUnauthorized);

  if (created) {
    return (
      <main>
        <h1>{m.created(created.user.displayName)}</h1>
        <p class="muted">
          {created.user.username} · {m.role[created.user.role]} · {townList(created.user, m, locale)}
        </p>
        {created.password ? (
          <>
            <p class="notice">{m.createdPasswordNote}</p>
            <GeneratedPassword password={created.password} />
          </>
        ) : null}
        <span class="actions">
          <a class="button" href={hrefFor({ name: 'accounts' })}>
            {m.backToList}
          </a>
          <button
            type="button"
            onClick={() => {
              setCreated(null);
              setForm(blank());
              setPassword({ password: '', generated: false });
            }}
          >
            {m.addAnother}
          </button>
        </span>
      </main>
    );
  }

  const set = (patch: Partial<Form>) => setForm({ ...form, ...patch });

  async function submit(event: Event) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const request: CreateUserRequest = {
      username: form.username.trim(),
      displayName: form.displayName.trim(),
      role: form.role,
      towns: form.role === 'admin' ? [] : form.towns,
      password: password.password,
    };
    const found = checkRequest(CreateUserRequest, request, m);
    setErrors(found);
    if (Object.keys(found).length > 0) return focusFirstInvalid(formElement);
    const outcome = await change.run(() => accountsApi(api).create(request));
    if (outcome.ok) {
      setCreated({ user: outcome.value, password: password.generated ? request.password : null });
    } else if (outcome.failure.field) {
      setErrors({ [outcome.failure.field]: outcome.failure.message });
      focusFirstInvalid(formElement);
    }
  }

  return (
    <main>
      <BackLink href={hrefFor({ name: 'accounts' })} label={t.back} />
      <h1>{m.addAccount}</h1>
      <OfflineNote online={online} />
      <form class="form section" onSubmit={submit} noValidate>
        <Field id="displayName" label={m.displayName} error={errors.displayName}>
          <input
            name="displayName"
            autocomplete="off"
            value={form.displayName}
            onInput={(e) => set({ displayName: e.currentTarget.value })}
            {...invalidProps('displayName', errors.displayName)}
          />
        </Field>
        <Field id="username" label={m.username} hint={m.usernameHint} error={errors.username}>
          <input
            name="username"
            autocomplete="off"
            autocapitalize="none"
            spellcheck={false}
            value={form.username}
            onInput={(e) => set({ username: e.currentTarget.value })}
            {...invalidProps('username', errors.username, true)}
          />
        </Field>
        {roles.length > 1 ? (
          <Field id="role" label={m.roleLabel} error={errors.role}>
            <select
              name="role"
              value={form.role}
              onChange={(e) => set({ role: e.currentTarget.value as Role })}
              {...invalidProps('role', errors.role)}
            >
              {roles.map((role) => (
                <option key={role} value={role}>
                  {m.role[role]}
                </option>
              ))}
            </select>
          </Field>
        ) : (
          <p>
            <span class="muted">{m.roleLabel}</span> {m.role[form.role]}
          </p>
        )}
        {form.role === 'admin' ? (
          <p class="muted">{m.adminTowns}</p>
        ) : (
          <TownChoices
            choices={choices}
            value={form.towns}
            onChange={(towns) => set({ towns })}
            error={errors.towns}
          />
        )}
        <PasswordChoice value={password} onChange={setPassword} error={errors.password} />
        <ChangeResult failure={change.failure} done={null} invalid={Object.keys(errors).length > 0} />
        <SubmitButton online={online} busy={change.busy} label={m.create} />
      </form>
    </main>
  );
}
