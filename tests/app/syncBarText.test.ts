import { describe, expect, it } from 'vitest';
import { pendingToSay } from '../../src/app/ui/syncBarText';

const synced = '2026-12-02T10:38:00.000Z';

describe('what the sync bar says of the changes waiting', () => {
  it('says all synced when nothing waits and a sync has finished', () => {
    expect(pendingToSay(0, { syncing: false, failed: false, lastSyncedAt: synced })).toBe(0);
  });

  it('does not say all synced while a sync runs: records may still be coming down', () => {
    expect(pendingToSay(0, { syncing: true, failed: false, lastSyncedAt: synced })).toBeNull();
    expect(pendingToSay(0, { syncing: true, failed: false, lastSyncedAt: null })).toBeNull();
  });

  it('does not say all synced before the first sync has finished', () => {
    expect(pendingToSay(0, { syncing: false, failed: false, lastSyncedAt: null })).toBeNull();
  });

  it('does not say all synced after a failed sync, beside "sync failed"', () => {
    expect(pendingToSay(0, { syncing: false, failed: true, lastSyncedAt: synced })).toBeNull();
  });

  it('always counts changes waiting, whatever the sync is doing', () => {
    for (const syncing of [true, false]) {
      for (const failed of [true, false]) {
        for (const lastSyncedAt of [synced, null]) {
          expect(pendingToSay(2, { syncing, failed, lastSyncedAt })).toBe(2);
        }
      }
    }
  });

  it('says nothing while the count is not known yet (the database opening)', () => {
    expect(pendingToSay(undefined, { syncing: false, failed: false, lastSyncedAt: synced })).toBeNull();
  });
});
