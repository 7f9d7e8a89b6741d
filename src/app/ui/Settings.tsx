import { useEffect, useState } from 'preact/hooks';
import { usePendingCount, useServices, useSetAside } from '../db/hooks';
import { type Locale, useT } from './i18n';
import { type TextSize, usePreferences } from './preferences';

interface StorageState {
  usage: number;
  quota: number;
  persisted: boolean;
}

/** Warn well before the browser's quota: at 80% there is still room for a few weeks of visits. */
const WARN_AT = 0.8;

function useStorageState(): StorageState | null {
  const [state, setState] = useState<StorageState | null>(null);
  useEffect(() => {
    const storage = navigator.storage;
    if (!storage?.estimate) return;
    void Promise.all([storage.estimate(), storage.persisted?.() ?? Promise.resolve(false)]).then(
      ([estimate, persisted]) =>
        setState({ usage: estimate.usage ?? 0, quota: estimate.quota ?? 0, persisted }),
    );
  }, []);
  return state;
}

export function Settings({ signOut }: { signOut: () => Promise<void> }) {
  const t = useT();
  const { session } = useServices();
  const { preferences, setPreferences } = usePreferences();
  const pending = usePendingCount() ?? 0;
  const setAside = useSetAside()?.length ?? 0;
  const storage = useStorageState();
  const [signingOut, setSigningOut] = useState(false);
  const unsent = pending + setAside;
  const megabytes = (bytes: number) =>
    new Intl.NumberFormat(preferences.locale, { maximumFractionDigits: 1 }).format(bytes / 1e6);

  return (
    <section class="form" aria-labelledby="settings-title">
      <h2 id="settings-title">{t.settingsTitle}</h2>
      <label>
        {t.languageLabel}
        <select
          name="language"
          value={preferences.locale}
          onChange={(e) => setPreferences({ ...preferences, locale: e.currentTarget.value as Locale })}
        >
          <option value="zh-CN">简体中文</option>
          <option value="en">English</option>
        </select>
      </label>
      <label>
        {t.textSizeLabel}
        <select
          name="textSize"
          value={preferences.textSize}
          onChange={(e) => setPreferences({ ...preferences, textSize: e.currentTarget.value as TextSize })}
        >
          <option value="normal">{t.textSizeNormal}</option>
          <option value="large">{t.textSizeLarge}</option>
        </select>
      </label>
      {storage ? (
        <p data-testid="storage">
          {t.storageUsed(megabytes(storage.usage), megabytes(storage.quota))}
          {storage.persisted ? ` · ${t.storagePersistent}` : ''}
          {storage.quota > 0 && storage.usage / storage.quota >= WARN_AT ? (
            <span class="error block" role="alert">
              {t.storageNearlyFull}
            </span>
          ) : null}
        </p>
      ) : null}
      <p class="muted">
        {session.user.displayName} · {session.user.username}
      </p>
      {unsent > 0 ? (
        <p class="error" role="alert" data-testid="sign-out-blocked">
          {t.signOutBlocked(unsent)}
        </p>
      ) : null}
      <button
        type="button"
        disabled={unsent > 0 || signingOut}
        onClick={() => {
          setSigningOut(true);
          void signOut();
        }}
      >
        {t.signOut}
      </button>
    </section>
  );
}
