// The accounts a coordinator or admin manages: found by town and by name or username, by name.
import { useMemo, useState } from 'preact/hooks';
import type { User } from '../../domain/schemas';
import { usePlaces } from '../places';
import { changeButton, OfflineNote } from './AccountParts';
import { filterAccounts, inCityOrder, type ManageProps, townList, useAccountList } from './accounts';
import { formatDateTime } from './format';
import { type Locale, useLocale, useT } from './i18n';
import { type ManageMessages, useManageT } from './i18nManage';
import { hrefFor } from './router';

export function AccountsPage(props: ManageProps) {
  const { api, me } = props;
  const t = useT();
  const m = useManageT();
  const locale = useLocale();
  const accounts = useAccountList(props);
  const places = usePlaces(api);
  const [filter, setFilter] = useState({ town: '', text: '' });
  const users = accounts.list?.users;
  const shown = useMemo(() => filterAccounts(users ?? [], filter), [users, filter]);
  const towns = inCityOrder(
    me.role === 'admin'
      ? [...(places?.towns.map((town) => town.name) ?? []), ...(users ?? []).flatMap((user) => user.towns)]
      : me.towns,
    places,
  );

  return (
    <main>
      <a class="back" href={hrefFor({ name: 'manage' })}>
        ← {t.back}
      </a>
      <h1>{m.accountsTitle}</h1>
      <OfflineNote online={accounts.online} />
      <ListState accounts={accounts} m={m} locale={locale} />
      {accounts.online ? (
        <a class="button primary" href={hrefFor({ name: 'newAccount' })}>
          {m.addAccount}
        </a>
      ) : (
        <button type="button" class="primary" {...changeButton(false, false)}>
          {m.addAccount}
        </button>
      )}
      {users ? (
        <>
          <div class="form filters roomy">
            <label>
              {m.search}
              <input
                type="search"
                name="search"
                value={filter.text}
                placeholder={m.searchPlaceholder}
                onInput={(e) => setFilter({ ...filter, text: e.currentTarget.value })}
              />
            </label>
            <label>
              {m.townFilter}
              <select
                name="town"
                value={filter.town}
                onChange={(e) => setFilter({ ...filter, town: e.currentTarget.value })}
              >
                <option value="">{m.allTowns}</option>
                {towns.map((town) => (
                  <option key={town} value={town}>
                    {town}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <p class="muted" aria-live="polite">
            {shown.length === 0 ? m.noMatch : m.shown(shown.length, users.length)}
          </p>
          <ul class="list" data-testid="accounts">
            {shown.map((user) => (
              <li key={user.id} data-username={user.username}>
                <AccountRow user={user} me={me} m={m} locale={locale} />
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </main>
  );
}

function AccountRow({ user, me, m, locale }: { user: User; me: User; m: ManageMessages; locale: Locale }) {
  return (
    <a class="row column" href={hrefFor({ name: 'account', userId: user.id })}>
      <span class="account-name">
        <strong>{user.displayName}</strong>
        {user.id === me.id ? <span class="muted">{m.you}</span> : null}
        <span class="tag">{m.role[user.role]}</span>
        {user.disabled ? <span class="tag off">{m.disabledBadge}</span> : null}
      </span>
      <span class="muted">
        {user.username} · {townList(user, m, locale)}
      </span>
    </a>
  );
}

/** Where the list comes from when it is not the server's of just now, or why there is none. */
export function ListState({
  accounts,
  m,
  locale,
}: {
  accounts: ReturnType<typeof useAccountList>;
  m: ManageMessages;
  locale: Locale;
}) {
  const t = useT();
  const { list, fresh, failed, online } = accounts;
  return (
    <>
      {failed ? (
        <p class="error" role="alert">
          {m.loadFailed}{' '}
          <button type="button" onClick={accounts.reload}>
            {m.tryAgain}
          </button>
        </p>
      ) : null}
      {list && !fresh && (failed || !online) ? (
        <p class="muted" data-testid="stale-list">
          {m.staleList(formatDateTime(list.fetchedAt, locale))}
        </p>
      ) : null}
      {!list && !online ? <p class="muted">{m.noListOffline}</p> : null}
      {!list && online && !failed ? <p class="muted">{t.loading}</p> : null}
    </>
  );
}
