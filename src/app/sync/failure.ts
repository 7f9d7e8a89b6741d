// Why a sync failed, read from the error RxDB reports: RxDB wraps the handler's error, and the
// receipt keeps only a kind the Sync screen can put in the worker's words (never a raw message).
import { ApiRequestError } from '../api/client';
import type { SyncFailure } from './journal';

/** Why a run failed, in a kind the receipt can put in the worker's words. */
export function syncFailureOf(error: unknown): SyncFailure {
  const cause = findApiError(error);
  if (cause === null) return 'other';
  if (cause.status === 0) return 'unreachable';
  if (cause.status === 401) return 'signed-out';
  if (cause.status >= 500) return 'server';
  return 'refused';
}

export function findApiError(error: unknown): ApiRequestError | null {
  // RxDB wraps handler errors; the original is kept in `parameters.errors` or `cause`.
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current; depth++) {
    if (current instanceof ApiRequestError) return current;
    const wrapped = current as { parameters?: { errors?: unknown[]; error?: unknown }; cause?: unknown };
    current = wrapped.parameters?.errors?.[0] ?? wrapped.parameters?.error ?? wrapped.cause;
  }
  return null;
}
