import { describe, expect, it } from 'vitest';
import { findDuplicate, isOnRegister } from '../../src/domain/register';
import { makeElder } from '../support/fixtures';

describe('who is on the register', () => {
  it('counts an elder from the day they entered until the day before they were archived', () => {
    const elder = makeElder({ registeredOn: '2026-03-10', archivedOn: '2026-09-01', archiveReason: 'moved' });
    expect(isOnRegister(elder, '2026-03-09')).toBe(false);
    expect(isOnRegister(elder, '2026-03-10')).toBe(true);
    expect(isOnRegister(elder, '2026-08-31')).toBe(true);
    expect(isOnRegister(elder, '2026-09-01')).toBe(false);
    expect(isOnRegister(elder)).toBe(false);
  });

  it('takes an elder with no dates as on the register since before, and never a deleted record', () => {
    expect(isOnRegister(makeElder(), '2000-01-01')).toBe(true);
    expect(isOnRegister(makeElder({ archivedOn: null, archiveReason: null }))).toBe(true);
    expect(isOnRegister(makeElder({ _deleted: true }))).toBe(false);
  });
});

describe('finding the same elder entered twice', () => {
  const stored = [
    makeElder({ name: '陈 阿婆', birthDate: '1940-03-02', community: '竹苑社区' }),
    makeElder({ name: '李伯', birthDate: '1938-01-01', community: '起湾社区', _deleted: true }),
  ];

  it('matches the same name, spaces aside, birth date and community', () => {
    const candidate = makeElder({ name: '陈阿婆', birthDate: '1940-03-02', community: '竹苑社区' });
    expect(findDuplicate(candidate, stored)).toBe(stored[0]);
  });

  it('does not match another birth date, another community, the record itself or a deleted one', () => {
    const [first] = stored;
    expect(findDuplicate(makeElder({ name: '陈阿婆', birthDate: '1940-03-03' }), stored)).toBeUndefined();
    expect(findDuplicate(makeElder({ name: '陈阿婆', community: '桃苑社区' }), stored)).toBeUndefined();
    expect(findDuplicate(first as (typeof stored)[number], stored)).toBeUndefined();
    const deletedTwin = makeElder({ name: '李伯', birthDate: '1938-01-01', community: '起湾社区' });
    expect(findDuplicate(deletedTwin, stored)).toBeUndefined();
  });
});
