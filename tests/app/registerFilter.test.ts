import { describe, expect, it } from 'vitest';
import { filterRegister, NO_FILTER, workersOf } from '../../src/app/ui/registerActions';
import { makeElder, makeUser, TOWN_A, TOWN_B, WORKER_ID } from '../support/fixtures';

const LEFT = '0190c7e2-7c6b-7000-8000-00000000dddd';
const elders = [
  makeElder({ name: '陈阿婆', community: '竹苑社区', riskTier: 'high' }),
  makeElder({ name: '李伯', community: '起湾社区', riskTier: 'key', consentGiven: false }),
  makeElder({ name: '何婆婆', town: TOWN_B, community: '新市社区', address: '新市大街 3 号' }),
  makeElder({ name: '黄伯', archivedOn: '2026-11-01', archiveReason: 'moved' }),
  makeElder({ name: '周伯', assignedWorkerId: LEFT }),
  makeElder({ name: '删除的', _deleted: true }),
];
const active = new Set([WORKER_ID]);
const names = (filter: Partial<typeof NO_FILTER>) =>
  filterRegister(elders, { ...NO_FILTER, ...filter }, active).map((elder) => elder.name);

describe('the register list’s filter', () => {
  it('shows the elders on the register by default, never a deleted record', () => {
    expect(names({})).toEqual(['陈阿婆', '李伯', '何婆婆', '周伯']);
    expect(names({ status: 'archived' })).toEqual(['黄伯']);
    expect(names({ status: 'all' })).toHaveLength(5);
  });

  it('narrows by town, community, tier, consent and words of name, address or community', () => {
    expect(names({ town: TOWN_B })).toEqual(['何婆婆']);
    expect(names({ community: '起湾社区' })).toEqual(['李伯']);
    expect(names({ tier: 'key' })).toEqual(['李伯']);
    expect(names({ noConsent: true })).toEqual(['李伯']);
    expect(names({ text: '新市 3号' })).toEqual([]);
    expect(names({ text: '新市 3' })).toEqual(['何婆婆']);
  });

  it('finds the elders whose worker is no longer in use', () => {
    expect(names({ worker: 'none' })).toEqual(['周伯']);
    expect(names({ worker: WORKER_ID })).toEqual(['陈阿婆', '李伯', '何婆婆']);
  });
});

describe('the workers a form offers', () => {
  it('lists only workers in use of the town, by name', () => {
    const users = [
      makeUser({ username: 'b', displayName: '梁嘉敏', role: 'worker', towns: [TOWN_A] }),
      makeUser({ username: 'a', displayName: '何俊峰', role: 'worker', towns: [TOWN_A] }),
      makeUser({ username: 'c', displayName: '冯少玲', role: 'worker', towns: [TOWN_B] }),
      makeUser({ username: 'd', displayName: '停用', role: 'worker', towns: [TOWN_A], disabled: true }),
      makeUser({ username: 'e', displayName: '郑晓岚', role: 'coordinator', towns: [TOWN_A] }),
    ];
    expect(workersOf(users, TOWN_A).map((user) => user.username)).toEqual(['a', 'b']);
    expect(workersOf(users, '').map((user) => user.username)).toHaveLength(3);
  });
});
