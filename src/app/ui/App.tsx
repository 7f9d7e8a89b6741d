import { useCallback, useEffect, useState } from 'preact/hooks';
import type { ApiClient } from '../api/client';
import { type AppServices, ServicesContext } from '../db/hooks';
import { clearTodaySnapshot, readTodaySnapshot, type TodayInputs } from '../db/todaySnapshot';
import { registerServiceWorker, type UpdateOffer } from '../pwa/register';
import { clearSession, loadSession, type Session, saveSession } from '../session';
import { LocaleContext } from './i18n';
import { Login } from './Login';
import {
  applyPreferences,
  loadPreferences,
  type Preferences,
  PreferencesContext,
  savePreferences,
} from './preferences';
import { Shell } from './Shell';
import { UpdateBanner } from './UpdateBanner';
import { clearAllDrafts } from './visitDraft';

/** RxDB, Dexie and sync: chunks of their own, loaded after Today's first frame or at sign-in. */
const loadServices = () => import('../db/loadServices').then((m) => m.loadServices());
const loadPlaces = () => import('../places');
const noop = () => undefined;

export function App({ api }: { api: ApiClient }) {
  const [preferences, setPreferenceState] = useState(() =>
    loadPreferences(localStorage, navigator.languages),
  );
  const setPreferences = (next: Preferences) => {
    savePreferences(localStorage, next);
    setPreferenceState(next);
  };
  const [session, setSession] = useState<Session | null>(() => loadSession());
  const [services, setServices] = useState<AppServices | null>(null);
  // The server ended the session (a request answered 401): the sign-in form says so.
  const [sessionEnded, setSessionEnded] = useState(false);
  // The data stays on the device; signing in again resumes sync where it stopped.
  const onUnauthorized = useCallback(() => {
    clearSession();
    setSession(null);
    setSessionEnded(true);
  }, []);
  const userId = session?.user.id;
  const token = session?.token;

  useEffect(() => applyPreferences(document.documentElement, preferences), [preferences]);
  const [updateOffer, setUpdateOffer] = useState<UpdateOffer | null>(null);
  useEffect(() => registerServiceWorker(setUpdateOffer), []);

  // Open this person's database and start syncing it for as long as they are signed in. Before
  // that, Today is drawn from its snapshot.
  const [snapshot, setSnapshot] = useState<TodayInputs | null>(null);
  useEffect(() => {
    const current = loadSession();
    if (!current) return;
    let closed = false;
    let opened: AppServices | null = null;
    (async () => {
      // The snapshot first, drawn before RxDB is loaded: parsing and opening RxDB would hold up
      // both the read and the frame on a slow phone. But not for long: a read that hangs (a stuck
      // IndexedDB) must not keep the database shut, and a late snapshot is still drawn.
      const drawn = readTodaySnapshot(current.user.id).then(async (read) => {
        if (closed || !read) return;
        setSnapshot(read);
        await afterNextFrame();
      });
      await Promise.race([drawn, resolveAfter(SNAPSHOT_WAIT_MS)]);
      if (closed) return;
      const { openServices } = await loadServices();
      opened = await openServices(current, api, {
        onSynced: (receipt, receipts) => {
          const latest = loadSession();
          if (!latest) return;
          const lastSyncedAt = receipt.error === null ? receipt.finishedAt : latest.lastSyncedAt;
          saveSession({ ...latest, lastSyncedAt, lastReceipt: receipt, receipts: [...receipts] });
          // The place list, for forms with no signal: fetched once a day, after a good sync.
          if (receipt.error === null) loadPlaces().then((places) => places.refreshPlacesIfOld(api), noop);
        },
        onInSync: (at) => {
          const latest = loadSession();
          if (latest) saveSession({ ...latest, lastSyncedAt: at });
        },
        onUnauthorized,
      });
      if (closed) await opened.close();
      else setServices(opened);
    })();
    return () => {
      closed = true;
      setServices(null);
      setSnapshot(null);
      void opened?.close();
    };
  }, [userId, token, api, onUnauthorized]);

  // While the sign-in form is on screen, download the database code without running it: the first
  // sync then starts as soon as the server lets the person in rather than after another download.
  useEffect(() => {
    if (userId === undefined) prefetchDatabaseCode();
  }, [userId]);

  async function signIn(username: string, password: string) {
    // The database code runs while the server checks the password, not while the form is on
    // screen: there it would hold up a slow phone's main thread as the person types.
    void loadServices().catch(() => undefined);
    const answer = await api.login({ username, password });
    const previous = loadSession();
    const next: Session = {
      token: answer.token,
      user: answer.user,
      lastSyncedAt: previous?.user.id === answer.user.id ? previous.lastSyncedAt : null,
    };
    saveSession(next);
    setSession(next);
    setSessionEnded(false);
    return answer;
  }

  /**
   * Signing out removes this person's data from the phone (everything is on the server by then:
   * the settings screen refuses while anything waits), so a phone left behind shows nothing.
   */
  async function signOut() {
    api.logout().catch(() => undefined);
    await services?.remove();
    if (session) await clearTodaySnapshot(session.user.id);
    clearAllDrafts(localStorage);
    clearSession();
    setSession(null);
  }

  return (
    <PreferencesContext.Provider value={{ preferences, setPreferences }}>
      <LocaleContext.Provider value={preferences.locale}>
        {!session ? (
          <>
            {updateOffer ? <UpdateBanner offer={updateOffer} onForm={false} /> : null}
            <Login signIn={signIn} sessionEnded={sessionEnded} />
          </>
        ) : (
          <ServicesContext.Provider value={services}>
            <Shell
              api={api}
              session={session}
              snapshot={snapshot}
              signOut={signOut}
              onUnauthorized={onUnauthorized}
              updateOffer={updateOffer}
            />
          </ServicesContext.Provider>
        )}
      </LocaleContext.Provider>
    </PreferencesContext.Provider>
  );
}

/**
 * Fetches the files of the database and sync code into the browser's cache, not running them;
 * index.html names them (vite.config.ts, prefetchDatabaseCode). Nothing in development.
 */
function prefetchDatabaseCode(): void {
  const named = document.querySelector<HTMLMetaElement>('meta[name="tanfang-database-code"]');
  for (const href of named?.content.split(' ') ?? []) {
    if (!href || document.head.querySelector(`link[rel="prefetch"][href="${href}"]`)) continue;
    const link = document.createElement('link');
    link.rel = 'prefetch';
    link.href = href;
    document.head.append(link);
  }
}

/** Resolves after the next frame is drawn (a task posted from requestAnimationFrame runs after it). */
function afterNextFrame(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}

/** How long the start waits for the Today snapshot before it opens the database anyway. */
const SNAPSHOT_WAIT_MS = 1_000;

function resolveAfter(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
