// One account: its name and towns, a new password, and disabling or enabling it. Shown read-only
// when the manager may not change it (another coordinator, an account with a town not theirs).
import { useEffect, useRef, useState } from 'preact/hooks';
import { mayManageAccount } from '../../domain/access';
import { SetPasswordRequest, UpdateUserRequest } from '../../domain/accounts';
import type { User } from '../../domain/schemas';
import { accountsApi } from '../api/accounts';
import { usePlaces } from '../places';
import {
  ChangeResult,
  changeButton,
  Field,
  focusFirstInvalid,
  invalidProps,
  OfflineNote,
  PasswordChoice,
  type PasswordValue,
  SubmitButton,
  TownChoices,
} from './AccountParts';
import { ListState } from './AccountsPage';
import {
  checkRequest,
  type FieldErrors,
  type ManageProps,
  townChoices,
  townList,
  useAccountList,
  useChange,
} from './accounts';
import { BackLink } from './BackLink';
import { CaseloadLink } from './CaseloadPage';
import { formatDateTime } from './format';
import { useLocale, useT } from './i18n';
import { useManageT } from './i18nManage';
import { hrefFor } from './router';

/** What a section of the page needs: the account, and how to show the server's answer to a change. */
interface SectionProps extends ManageProps {
  account: User;
  online: boolean;
  /** The account as the server answered a change; the list is fetched again too. */
  changed: (user: User | null) => void;
}

export function AccountPage(props: ManageProps & { userId: string }) {
  const { me, userId } = props;
  const t = useT();
  const m = useManageT();
  const locale = useLocale();
  const accounts = useAccountList(props);
  const account = accounts.list?.users.find((user) => user.id === userId);
  const changed = (user: User | null) => {
    if (user) accounts.replace(user);
    accounts.reload();
  };

  const self = account?.id === me.id;
  const manageable = account !== undefined && mayManageAccount(me, account);
  return (
    <main>
      <BackLink href={hrefFor({ name: 'accounts' })} label={t.back} />
      {account ? (
        <>
          <h1>{account.displayName}</h1>
          <p class="account-name">
            <span>{account.username}</span>
            <span class="tag">{m.role[account.role]}</span>
            {account.disabled ? <span class="tag off">{m.disabledBadge}</span> : null}
          </p>
          <p class="muted">
            {townList(account, m, locale)} · {m.lastChanged} {formatDateTime(account.updatedAt, locale)}
          </p>
          {account.role === 'worker' ? <CaseloadLink workerId={account.id} /> : null}
        </>
      ) : (
        <h1>{m.accountsTitle}</h1>
      )}
      <OfflineNote online={accounts.online} />
      <ListState accounts={accounts} m={m} locale={locale} />
      {accounts.list && !account ? <p class="error">{m.notFound}</p> : null}
      {account && !manageable ? <p class="notice">{self ? m.ownAccount : m.readOnly}</p> : null}
      {account && manageable ? (
        <>
          <ProfileSection
            key={`p${account.id}`}
            {...props}
            account={account}
            online={accounts.online}
            changed={changed}
          />
          {self ? null : (
            <>
              <PasswordSection
                key={`w${account.id}`}
                {...props}
                account={account}
                online={accounts.online}
                changed={changed}
              />
              <StatusSection
                key={`s${account.id}`}
                {...props}
                account={account}
                online={accounts.online}
                changed={changed}
              />
            </>
          )}
        </>
      ) : null}
    </main>
  );
}

function ProfileSection({ api, me, onUnauthorized, account, online, changed }: SectionProps) {
  const m = useManageT();
  const places = usePlaces(api);
  const [displayName, setDisplayName] = useState(account.displayName);
  const [towns, setTowns] = useState<string[]>(account.towns);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [done, setDone] = useState<string | null>(null);
  const change = useChange(m, onUnauthorized);

  async function save(event: Event) {
    event.preventDefault();
    const form = event.currentTarget;
    setDone(null);
    const name = displayName.trim();
    const sameTowns = towns.length === account.towns.length && towns.every((t) => account.towns.includes(t));
    const patch: UpdateUserRequest = {
      ...(name === account.displayName ? {} : { displayName: name }),
      ...(sameTowns ? {} : { towns }),
    };
    const found = checkRequest(UpdateUserRequest, { ...patch, role: account.role }, m);
    setErrors(found);
    if (Object.keys(found).length > 0) return focusFirstInvalid(form);
    if (Object.keys(patch).length === 0) {
      setDone(m.nothingChanged);
      return;
    }
    const outcome = await change.run(() => accountsApi(api).update(account.id, patch));
    if (outcome.ok) {
      setDone(m.saved);
      changed(outcome.value);
    } else if (outcome.failure.field) {
      setErrors({ [outcome.failure.field]: outcome.failure.message });
      focusFirstInvalid(form);
    }
  }

  return (
    <form class="form section" onSubmit={save} noValidate aria-labelledby="profile-title">
      <h2 id="profile-title">{m.profileTitle}</h2>
      <Field id="displayName" label={m.displayName} error={errors.displayName}>
        <input
          name="displayName"
          autocomplete="off"
          value={displayName}
          onInput={(e) => setDisplayName(e.currentTarget.value)}
          {...invalidProps('displayName', errors.displayName)}
        />
      </Field>
      {account.role === 'admin' ? (
        <p class="muted">{m.adminTowns}</p>
      ) : (
        <TownChoices
          choices={townChoices(me, places, account.towns)}
          value={towns}
          onChange={setTowns}
          error={errors.towns}
        />
      )}
      <ChangeResult failure={change.failure} done={done} invalid={Object.keys(errors).length > 0} />
      <SubmitButton online={online} busy={change.busy} label={m.saveProfile} />
    </form>
  );
}

function PasswordSection({ api, onUnauthorized, account, online, changed }: SectionProps) {
  const m = useManageT();
  const [password, setPassword] = useState<PasswordValue>({ password: '', generated: false });
  const [error, setError] = useState<string | undefined>(undefined);
  const [done, setDone] = useState<string | null>(null);
  const change = useChange(m, onUnauthorized);

  async function submit(event: Event) {
    event.preventDefault();
    const form = event.currentTarget;
    setDone(null);
    const found = checkRequest(SetPasswordRequest, { password: password.password }, m);
    setError(found.password);
    if (found.password) return focusFirstInvalid(form);
    const outcome = await change.run(() => accountsApi(api).setPassword(account.id, password.password));
    if (outcome.ok) {
      setDone(m.passwordSet(account.displayName));
      // A typed password is not left on the screen; a generated one stays until the page is left.
      if (!password.generated) setPassword({ password: '', generated: false });
      changed(null);
    } else if (outcome.failure.field === 'password') {
      setError(outcome.failure.message);
      focusFirstInvalid(form);
    }
  }

  return (
    <form class="form section" onSubmit={submit} noValidate aria-labelledby="password-title">
      <h2 id="password-title">{m.passwordTitle}</h2>
      <p class="muted">{m.passwordNote(account.displayName)}</p>
      <PasswordChoice value={password} onChange={setPassword} error={error} />
      <ChangeResult failure={change.failure} done={done} invalid={error !== undefined} />
      <SubmitButton online={online} busy={change.busy} label={m.setPassword} />
    </form>
  );
}

function StatusSection({ api, onUnauthorized, account, online, changed }: SectionProps) {
  const m = useManageT();
  const [confirming, setConfirming] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const change = useChange(m, onUnauthorized);
  const disabled = account.disabled === true;
  // The focus follows the question: to "cancel" when it opens, back to the button when it closes.
  const cancel = useRef<HTMLButtonElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);
  const opened = useRef(false);
  useEffect(() => {
    if (confirming) cancel.current?.focus();
    else if (opened.current) toggle.current?.focus();
    opened.current = confirming;
  }, [confirming]);

  async function apply() {
    const outcome = await change.run(() => accountsApi(api).update(account.id, { disabled: !disabled }));
    setConfirming(false);
    if (!outcome.ok) return;
    setDone(disabled ? m.enabledDone(account.displayName) : m.disabledDone(account.displayName));
    changed(outcome.value);
  }

  return (
    <section aria-labelledby="status-title">
      <h2 id="status-title">{m.statusTitle}</h2>
      <p data-testid="account-status">
        {disabled ? (
          <span class="tag off">{m.disabledStatus}</span>
        ) : (
          <span class="ok">{m.enabledStatus}</span>
        )}
      </p>
      {confirming ? (
        <div class="confirm">
          <p role="alert">
            {disabled ? m.confirmEnable(account.displayName) : m.confirmDisable(account.displayName)}
          </p>
          <span class="actions">
            <button
              type="button"
              class={disabled ? '' : 'danger'}
              onClick={apply}
              {...changeButton(online, change.busy)}
            >
              {disabled ? m.confirmEnableButton : m.confirmDisableButton}
            </button>
            <button type="button" ref={cancel} onClick={() => setConfirming(false)}>
              {m.cancel}
            </button>
          </span>
        </div>
      ) : (
        <button
          type="button"
          ref={toggle}
          onClick={() => {
            setDone(null);
            setConfirming(true);
          }}
          {...changeButton(online, change.busy)}
        >
          {disabled ? m.enable : m.disable}
        </button>
      )}
      <ChangeResult failure={change.failure} done={done} />
    </section>
  );
}
