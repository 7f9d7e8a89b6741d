// The signed-in person, kept on the device so the app opens offline. The token is only sent to
// our own server.
import type { User } from '../domain/schemas';
import type { SyncReceipt } from './sync/journal';

export interface Session {
  token: string;
  user: User;
  lastSyncedAt: string | null;
  lastReceipt?: SyncReceipt | null;
  /** The receipts kept as proof of a shift, newest first (src/app/sync/receipts.ts). */
  receipts?: SyncReceipt[];
}

const KEY = 'tanfang.session';

export function loadSession(storage: Storage = localStorage): Session | null {
  try {
    const raw = storage.getItem(KEY);
    if (!raw) return null;
    const session = JSON.parse(raw) as Session;
    return session.token && session.user?.id ? session : null;
  } catch {
    return null;
  }
}

export function saveSession(session: Session, storage: Storage = localStorage): void {
  storage.setItem(KEY, JSON.stringify(session));
}

export function clearSession(storage: Storage = localStorage): void {
  storage.removeItem(KEY);
}
