// What the sync bar says of the changes waiting to go up.
import type { KindCounts } from '../sync/journal';
import type { Locale } from './i18n';
import { kindList } from './kindWords';

/**
 * The count to put in words ("2 changes waiting", 0 for "all synced"), or null for nothing. Nothing
 * waiting reads as "all synced" only once a sync has finished well: during a sync the records may
 * still be coming down (a first sync takes seconds), before the first one the bar says "not synced
 * yet", and after a failed one "sync failed"; "all synced" beside any of those contradicts it.
 */
export function pendingToSay(
  pending: number | undefined,
  { syncing, failed, lastSyncedAt }: { syncing: boolean; failed: boolean; lastSyncedAt: string | null },
): number | null {
  if (pending === undefined) return null;
  if (pending === 0 && (syncing || failed || lastSyncedAt === null)) return null;
  return pending;
}

/**
 * What waits, in things a worker knows: a visit that closed its planned visit reads "1 次探访、1 个
 * 探访计划待同步", not "2 项更改". Null when the counts by kind are not read yet (say the total).
 */
export function pendingInWords(kinds: KindCounts | undefined, locale: Locale): string | null {
  if (kinds === undefined) return null;
  const list = kindList(kinds, locale);
  if (list === '') return null;
  return locale === 'en' ? `Waiting to sync: ${list}` : `${list}待同步`;
}
