import { useEffect, useState } from 'preact/hooks';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import type { ApiClient } from '../api/client';
import { databaseNameFor, openDatabase } from '../db/database';
import { type AppServices, ServicesContext, usePendingCount, useServices } from '../db/hooks';
import { clearSession, loadSession, type Session, saveSession } from '../session';
import { SyncJournal } from '../sync/journal';
import { startSync } from '../sync/replication';
import { httpTransport } from '../sync/transport';
import { ElderEdit } from './ElderEdit';
import { ElderPage } from './ElderPage';
import { type Locale, LocaleContext, preferredLocale, useT } from './i18n';
import { Login } from './Login';
import { ReviewPage } from './ReviewPage';
import { useRoute } from './router';
import { SyncBar } from './SyncBar';
import { SyncPage } from './SyncPage';
import { Today } from './Today';
import { VisitForm } from './VisitForm';

export function App({ api }: { api: ApiClient }) {
  const [locale] = useState<Locale>(() => preferredLocale(navigator.languages));
  const [session, setSession] = useState<Session | null>(() => loadSession());
  const [services, setServices] = useState<AppServices | null>(null);
  const userId = session?.user.id;
  const token = session?.token;

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

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
        storage: getRxStorageDexie(),
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
      opened = { db, session: current, sync };
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

  async function signOut() {
    api.logout().catch(() => undefined);
    clearSession();
    setSession(null);
  }

  return (
    <LocaleContext.Provider value={locale}>
      {!session ? (
        <Login signIn={signIn} />
      ) : services ? (
        <ServicesContext.Provider value={services}>
          <Shell signOut={signOut} />
        </ServicesContext.Provider>
      ) : null}
    </LocaleContext.Provider>
  );
}

async function closeServices({ db, sync }: AppServices): Promise<void> {
  await sync.stop();
  await db.close();
}

function Shell({ signOut }: { signOut: () => void }) {
  const t = useT();
  const route = useRoute();
  const { session } = useServices();
  const pending = usePendingCount() ?? 0;
  return (
    <>
      <header class="topbar">
        <a href="#/" class="brand">
          {t.appName}
        </a>
        <span class="muted">{session.user.displayName}</span>
        <button
          type="button"
          class="link"
          onClick={() => {
            if (pending === 0 || confirm(t.pending(pending))) signOut();
          }}
        >
          {t.signOut}
        </button>
      </header>
      <SyncBar />
      {route.name === 'sync' ? (
        <SyncPage />
      ) : route.name === 'review' ? (
        <ReviewPage />
      ) : route.name === 'editElder' ? (
        <ElderEdit elderId={route.elderId} />
      ) : route.name === 'elder' ? (
        <ElderPage elderId={route.elderId} />
      ) : route.name === 'visit' ? (
        <VisitForm elderId={route.elderId} scheduleId={route.scheduleId} />
      ) : (
        <Today />
      )}
    </>
  );
}
