// What the account screens work with: the list of accounts from the server, the checks a form makes
// before it sends (the API's own zod schemas), the server's refusals in the person's words, and
// generated passwords. Accounts live on the server only: every change needs a connection.
import { useEffect, useRef, useState } from 'preact/hooks';
import { coversTown } from '../../domain/access';
import type { Role, User } from '../../domain/schemas';
import { accountsApi, type Caller } from '../api/accounts';
import { ApiRequestError } from '../api/client';
import { useSyncStatus } from '../db/hooks';
import { type CachedPlaces, townNames } from '../places';
import type { Locale } from './i18n';
import type { AccountField, ManageMessages } from './i18nManage';

/** What every Manage screen is given by the shell. */
export interface ManageProps {
  api: Caller;
  /** The signed-in manager. */
  me: User;
  /** The server ended this person's session: sign them out. */
  onUnauthorized: () => void;
}

// ---- Generated passwords ----------------------------------------------------------------------

/** Lower-case letters and digits without the look-alikes (0 o, 1 i l): easy to read out and type. */
export const PASSWORD_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
const GROUPS = 3;
const GROUP_LENGTH = 4;

/**
 * A random password of three groups of four characters joined by '-' ("k7mp-3xq9-t4wz"): about 59
 * bits, read and typed in groups. Bytes at or above the largest multiple of the alphabet's length
 * are dropped, so every character is equally likely.
 */
export function generatePassword(
  randomBytes: (count: number) => Uint8Array = (count) => crypto.getRandomValues(new Uint8Array(count)),
): string {
  const size = PASSWORD_ALPHABET.length;
  const limit = 256 - (256 % size);
  const chars: string[] = [];
  while (chars.length < GROUPS * GROUP_LENGTH) {
    for (const byte of randomBytes(GROUPS * GROUP_LENGTH)) {
      if (byte < limit && chars.length < GROUPS * GROUP_LENGTH)
        chars.push(PASSWORD_ALPHABET[byte % size] ?? '');
    }
  }
  const groups: string[] = [];
  for (let i = 0; i < GROUPS; i++)
    groups.push(chars.slice(i * GROUP_LENGTH, (i + 1) * GROUP_LENGTH).join(''));
  return groups.join('-');
}

// ---- Checks and refusals ----------------------------------------------------------------------

export type FieldErrors = Partial<Record<AccountField, string>>;

const FIELDS: readonly AccountField[] = ['username', 'displayName', 'role', 'towns', 'password', 'disabled'];

/** The form field an API or schema path names ("towns.2" is the towns), or null. */
export function fieldOf(path: string | number | symbol | undefined): AccountField | null {
  const first = String(path ?? '').split('.')[0];
  return FIELDS.find((field) => field === first) ?? null;
}

interface Checkable {
  safeParse(value: unknown): { success: boolean; error?: { issues: { path: PropertyKey[] }[] } };
}

/**
 * What is wrong with a request before it is sent, by field, in the person's words: the API's own
 * schema, and a worker or coordinator needs at least one town (as the server requires).
 */
export function checkRequest(schema: Checkable, request: object, m: ManageMessages): FieldErrors {
  const errors: FieldErrors = {};
  const result = schema.safeParse(request);
  for (const issue of result.error?.issues ?? []) {
    const field = fieldOf(issue.path[0]);
    if (field) errors[field] ??= m.rules[field];
  }
  const { role, towns } = request as { role?: Role; towns?: readonly string[] };
  if (towns?.length === 0 && role !== 'admin') errors.towns ??= m.rules.towns;
  return errors;
}

export interface Failure {
  message: string;
  /** The form field the server named, when it named one of the form's. */
  field: AccountField | null;
  /** The session has ended (401): the person must sign in again. */
  unauthorized: boolean;
}

/** A failed request in the person's words, and the field to mark. */
export function explainFailure(error: unknown, m: ManageMessages): Failure {
  const failure = (message: string, field: AccountField | null = null): Failure => ({
    message,
    field,
    unauthorized: false,
  });
  if (!(error instanceof ApiRequestError) || error.status === 0) return failure(m.unreachable);
  const field = fieldOf(error.body?.field);
  switch (error.status) {
    case 401:
      return { ...failure(''), unauthorized: true };
    case 409:
      return field === 'username' ? failure(m.usernameTaken, field) : failure(m.serverError(409));
    case 400:
      return field ? failure(m.rules[field], field) : failure(m.serverError(400));
    case 403:
      return field === 'role' || field === 'towns' ? failure(m.rules[field], field) : failure(m.forbidden);
    case 404:
      return failure(m.notFound);
    default:
      return failure(m.serverError(error.status));
  }
}

// ---- Lists and choices ------------------------------------------------------------------------

const byName = new Intl.Collator('zh-Hans-CN');

/** `towns` in the city's order (the place list's), those the list lacks after them. */
export function inCityOrder(towns: Iterable<string>, places: CachedPlaces | null): string[] {
  const order = townNames(places);
  const rank = (town: string) => {
    const index = order.indexOf(town);
    return index === -1 ? order.length : index;
  };
  return [...new Set(towns)].sort((a, b) => rank(a) - rank(b) || byName.compare(a, b));
}

/** The accounts matching a town and a text (in the name or username), sorted by name. */
export function filterAccounts(users: readonly User[], filter: { town: string; text: string }): User[] {
  const text = filter.text.trim().toLowerCase();
  return users
    .filter((user) => filter.town === '' || user.towns.includes(filter.town))
    .filter(
      (user) =>
        text === '' ||
        user.displayName.toLowerCase().includes(text) ||
        user.username.toLowerCase().includes(text),
    )
    .sort((a, b) => byName.compare(a.displayName, b.displayName) || a.username.localeCompare(b.username));
}

/** An account's towns for people: "every town" for an admin who lists none. */
export function townList(user: User, m: ManageMessages, locale: Locale): string {
  if (user.towns.length === 0) return user.role === 'admin' ? m.everyTown : '–';
  return user.towns.join(locale === 'en' ? ', ' : '、');
}

/**
 * The towns `me` may give an account: their own, or for an admin every town on the place list (and
 * those the account has already, should the list on the device lack one).
 */
export function townChoices(
  me: User,
  places: CachedPlaces | null,
  current: readonly string[] = [],
): string[] {
  const offered = me.role === 'admin' ? [...townNames(places), ...current] : me.towns;
  return inCityOrder(
    offered.filter((town) => coversTown(me, town)),
    places,
  );
}

// ---- Hooks ------------------------------------------------------------------------------------

/** Whether the phone is online, as the sync bar says it (the browser's online and offline events). */
export function useOnline(): boolean {
  return useSyncStatus()?.online ?? navigator.onLine;
}

export interface AccountList {
  users: User[];
  /** When the server gave this list (ISO instant). */
  fetchedAt: string;
}

// The last list each manager fetched in this run of the app, shown (marked as such) when offline.
// Kept in memory only: other people's accounts do not stay on the phone.
const lastLists = new Map<string, AccountList>();

/**
 * The accounts `me` manages: the server's list when online (fetched again when the signal returns
 * and on `reload`), else the last one fetched in this run. `fresh` says the list shown came from
 * the server while this screen was open.
 */
export function useAccountList({ api, me, onUnauthorized }: ManageProps) {
  const online = useOnline();
  const [list, setList] = useState<AccountList | null>(() => lastLists.get(me.id) ?? null);
  const [fresh, setFresh] = useState(false);
  const [failed, setFailed] = useState(false);
  const [generation, setGeneration] = useState(0);
  // Not a dependency: a new function from the shell must not fetch the list again.
  const signOut = useRef(onUnauthorized);
  signOut.current = onUnauthorized;
  useEffect(() => {
    if (!online) return;
    let active = true;
    setFailed(false);
    accountsApi(api)
      .list()
      .then(
        (users) => {
          const next = { users, fetchedAt: new Date().toISOString() };
          lastLists.set(me.id, next);
          if (!active) return;
          setList(next);
          setFresh(true);
        },
        (error: unknown) => {
          if (!active) return;
          if (error instanceof ApiRequestError && error.isUnauthorized) signOut.current();
          else setFailed(true);
        },
      );
    return () => {
      active = false;
    };
  }, [api, me.id, online, generation]);
  return {
    list,
    fresh: fresh && online,
    failed,
    online,
    /** Fetches the list again (after a change). */
    reload: () => setGeneration((n) => n + 1),
    /** Shows an account as the server answered a change, before the list comes again. */
    replace: (user: User) => {
      if (!list) return;
      const next = { ...list, users: list.users.map((u) => (u.id === user.id ? user : u)) };
      lastLists.set(me.id, next);
      setList(next);
    },
  };
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; failure: Failure };

/** A change sent to the server: whether it is under way, and how it failed. */
export function useChange(m: ManageMessages, onUnauthorized: () => void) {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);
  async function run<T>(action: () => Promise<T>): Promise<Outcome<T>> {
    setBusy(true);
    setFailure(null);
    try {
      return { ok: true, value: await action() };
    } catch (error) {
      const explained = explainFailure(error, m);
      if (explained.unauthorized) onUnauthorized();
      else setFailure(explained);
      return { ok: false, failure: explained };
    } finally {
      setBusy(false);
    }
  }
  return { busy, failure, run };
}
