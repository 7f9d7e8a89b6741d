// What the sync bar says of the changes waiting to go up.

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
