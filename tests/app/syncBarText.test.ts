import { describe, expect, it } from 'vitest';
import { pendingInWords, pendingToSay } from '../../src/app/ui/syncBarText';

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

describe('what the sync bar names as waiting', () => {
  it('names a visit and the planned visit it closed as such, not as 2 changes', () => {
    expect(pendingInWords({ visits: 1, schedules: 1 }, 'zh-CN')).toBe('1 次探访、1 个探访计划待同步');
    expect(pendingInWords({ visits: 1, schedules: 1 }, 'en')).toBe(
      'Waiting to sync: 1 visit and 1 planned visit',
    );
    expect(pendingInWords({ elders: 2 }, 'en')).toBe('Waiting to sync: 2 elder profiles');
  });

  it('says nothing of its own before the counts are read or when none waits', () => {
    expect(pendingInWords(undefined, 'zh-CN')).toBeNull();
    expect(pendingInWords({}, 'zh-CN')).toBeNull();
  });
});
