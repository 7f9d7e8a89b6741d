import { useState } from 'preact/hooks';
import type { LoginResponse } from '../../domain/api';
import { ApiRequestError } from '../api/client';
import { useT } from './i18n';

export function Login({
  signIn,
  sessionEnded = false,
}: {
  signIn: (username: string, password: string) => Promise<LoginResponse>;
  /** The server ended the stored sign-in (password changed, account disabled, expired). */
  sessionEnded?: boolean;
}) {
  const t = useT();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [refused, setRefused] = useState(false);
  const [busy, setBusy] = useState(false);

  async function submit(event: Event) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signIn(username.trim(), password);
    } catch (e) {
      const wrong = e instanceof ApiRequestError && e.status === 401;
      setError(wrong ? t.wrongPassword : t.needNetworkToSignIn);
      // The server refuses a disabled account as it refuses a wrong password: say it may be that.
      setRefused(wrong);
      setBusy(false);
    }
  }

  return (
    <main class="login">
      <h1 class="brand">{t.appName}</h1>
      {sessionEnded && !error ? (
        <p class="notice" role="status" data-testid="session-ended">
          {t.sessionEnded}
        </p>
      ) : null}
      <form onSubmit={submit} class="form">
        <label>
          {t.username}
          <input
            name="username"
            autocomplete="username"
            autocapitalize="none"
            required
            value={username}
            onInput={(e) => setUsername(e.currentTarget.value)}
          />
        </label>
        <label>
          {t.password}
          <input
            name="password"
            type="password"
            autocomplete="current-password"
            required
            value={password}
            onInput={(e) => setPassword(e.currentTarget.value)}
          />
        </label>
        {error ? (
          <p class="error" role="alert">
            {error}
          </p>
        ) : null}
        {error && refused ? <p class="muted">{t.signInRefusedHint}</p> : null}
        <button type="submit" class="primary" disabled={busy}>
          {busy ? t.signingIn : t.signIn}
        </button>
      </form>
    </main>
  );
}
