import { useEffect, useState } from 'preact/hooks';
import type { ApiClient } from '../api/client';
import { databaseNameFor, openDatabase } from '../db/database';
import { type AppServices, ServicesContext } from '../db/hooks';
import { keepLastVisits } from '../db/lastVisits';
import { deviceStorage } from '../db/storage';
import { registerServiceWorker, type UpdateOffer } from '../pwa/register';
import { clearSession, loadSession, type Session, saveSession } from '../session';
import { SyncJournal } from '../sync/journal';
import { startSync } from '../sync/replication';
import { httpTransport } from '../sync/transport';
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
  const userId = session?.user.id;
  const token = session?.token;

  useEffect(() => applyPreferences(document.documentElement, preferences), [preferences]);
  const [updateOffer, setUpdateOffer] = useState<UpdateOffer | null>(null);
  useEffect(() => registerServiceWorker(setUpdateOffer), []);

  // Open this person's database and start syncing it for as long as they are signed in.
  useEffect(() => {
    const current = loadSession();
    if (!current) return;
    let closed = false;
    let opened: AppServices | null = null;
    (async () => {
      const journal = new SyncJournal();
      const db = await openDatabase({
        name: databaseNameFor(current.user.id),
        storage: deviceStorage(),
        conflicts: { actorId: current.user.id, journal },
      });
      const sync = startSync({
        db,
        journal,
        transport: httpTransport(api),
        identifier: current.user.id,
        lastSyncedAt: current.lastSyncedAt,
        lastReceipt: current.lastReceipt ?? null,
        onSynced: (receipt) => {
          const latest = loadSession();
          if (!latest) return;
          const lastSyncedAt = receipt.error === null ? receipt.finishedAt : latest.lastSyncedAt;
          saveSession({ ...latest, lastSyncedAt, lastReceipt: receipt });
        },
        // The data stays on the device; signing in again resumes sync where it stopped.
        onUnauthorized: () => {
          clearSession();
          setSession(null);
        },
      });
      opened = { db, session: current, sync, lastVisits: keepLastVisits(db) };
      if (closed) await closeServices(opened);
      else setServices(opened);
    })();
    return () => {
      closed = true;
      setServices(null);
      if (opened) void closeServices(opened);
    };
  }, [userId, token, api]);

  async function signIn(username: string, password: string) {
    const answer = await api.login({ username, password });
    const previous = loadSession();
    const next: Session = {
      token: answer.token,
      user: answer.user,
      lastSyncedAt: previous?.user.id === answer.user.id ? previous.lastSyncedAt : null,
    };
    saveSession(next);
    setSession(next);
    return answer;
  }

  /**
   * Signing out removes this person's data from the phone (everything is on the server by then:
   * the settings screen refuses while anything waits), so a phone left behind shows nothing.
   */
  async function signOut() {
    api.logout().catch(() => undefined);
    if (services) {
      services.lastVisits.stop();
      await services.sync.stop();
      await services.db.remove();
    }
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
            <Login signIn={signIn} />
          </>
        ) : services ? (
          <ServicesContext.Provider value={services}>
            <Shell signOut={signOut} updateOffer={updateOffer} />
          </ServicesContext.Provider>
        ) : null}
      </LocaleContext.Provider>
    </PreferencesContext.Provider>
  );
}

async function closeServices({ db, sync, lastVisits }: AppServices): Promise<void> {
  lastVisits.stop();
  await sync.stop();
  if (!db.closed) await db.close();
}
